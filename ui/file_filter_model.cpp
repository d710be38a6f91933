#include "ui/file_filter_model.h"

#include "ui/file_tree_model.h"

namespace berth::ui {

FileFilterModel::FileFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(FileTreeModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FileFilterModel::setNameFilter(const QString &text)
{
    if (text == m_name)
        return;
    m_name = text;
    invalidateFilter();
}

void FileFilterModel::setLayer(int layer)
{
    if (layer == m_layer)
        return;
    m_layer = layer;
    invalidateFilter();
}

bool FileFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_name.isEmpty() && m_layer < 0)
        return true;
    const QModelIndex index =
        sourceModel()->index(sourceRow, FileTreeModel::NameColumn, sourceParent);
    if (m_layer >= 0 && index.data(FileTreeModel::LayerRole).toInt() != m_layer)
        return false;
    return m_name.isEmpty() ||
           index.data(Qt::DisplayRole).toString().contains(m_name, Qt::CaseInsensitive);
}

} // namespace berth::ui
