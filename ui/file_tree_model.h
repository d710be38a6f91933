#pragma once

#include "layers/merged_tree.h"

#include <QAbstractItemModel>
#include <QIcon>

#include <memory>

namespace berth::ui {

// An image's filesystem (layers::MergedTree, built on a worker) as a tree:
// name, size (a folder's: all under it), the layer that last wrote it,
// permissions, owner, link target. The tree is read as it is — nothing is
// copied, so 300,000 entries cost no time to show.
class FileTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        LayerColumn,
        ModeColumn,
        OwnerColumn,
        LinkColumn,
        ColumnCount
    };
    // Raw values for sorting (sizes as numbers, folders before files).
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int PathRole = Qt::UserRole + 2;
    static constexpr int LayerRole = Qt::UserRole + 3; // 0-based

    explicit FileTreeModel(QObject *parent = nullptr);

    void setTree(std::shared_ptr<const layers::MergedTree> tree);
    void clear();
    // Sizes as one layer wrote them (a folder's: that layer's files under
    // it); -1: as a container sees them.
    void setSizesOfLayer(int layer);
    const layers::MergedTree *tree() const { return m_tree.get(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int entryOf(const QModelIndex &index) const; // -1: the root
    qint64 sizeOf(int entry) const;
    QVariant display(const layers::MergedEntry &merged, int entry, int column) const;

    std::shared_ptr<const layers::MergedTree> m_tree;
    int m_sizesOfLayer = -1;
    std::vector<qint64> m_layerBytes; // per entry, for m_sizesOfLayer
    QIcon m_folderIcon;
    QIcon m_fileIcon;
    QIcon m_linkIcon;
};

} // namespace berth::ui
