#pragma once

#include <QSortFilterProxyModel>

namespace berth::ui {

// Filters FileTreeModel by name (anywhere in the tree: a folder stays
// when something inside it matches) and to what one layer wrote; sorts
// by FileTreeModel::SortRole (sizes as numbers, folders first).
class FileFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit FileFilterModel(QObject *parent = nullptr);

    void setNameFilter(const QString &text);
    void setLayer(int layer); // 0-based; -1: every layer

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_name;
    int m_layer = -1;
};

} // namespace berth::ui
