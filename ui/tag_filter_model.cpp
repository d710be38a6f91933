#include "ui/tag_filter_model.h"

#include "ui/natural_compare.h"
#include "ui/tag_model.h"

namespace berth::ui {

TagFilterModel::TagFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TagModel::SortRole);
}

bool TagFilterModel::setTagFilter(const QString &text, bool regex)
{
    m_pattern = client::TagPattern(text, regex);
    invalidateFilter();
    return m_pattern.isValid();
}

bool TagFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == TagModel::TagColumn)
        return naturalCompare(left.data(TagModel::SortRole).toString(),
                              right.data(TagModel::SortRole).toString()) < 0;
    const QVariant l = left.data(TagModel::SortRole);
    const QVariant r = right.data(TagModel::SortRole);
    if (l.typeId() == QMetaType::LongLong && r.typeId() == QMetaType::LongLong)
        return l.toLongLong() < r.toLongLong();
    return QString::compare(l.toString(), r.toString()) < 0;
}

bool TagFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_pattern.isEmpty())
        return true;
    return m_pattern.matches(sourceModel()
                                 ->index(sourceRow, TagModel::TagColumn, sourceParent)
                                 .data(TagModel::SortRole)
                                 .toString());
}

} // namespace berth::ui
