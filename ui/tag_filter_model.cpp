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
    if (regex) {
        QRegularExpression re(text, QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid()) {
            m_error = re.errorString();
            return false;
        }
        m_regex = re;
    }
    m_error.clear();
    m_text = text;
    m_useRegex = regex;
    invalidateFilter();
    return true;
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
    if (m_text.isEmpty())
        return true;
    const QString tag = sourceModel()
                            ->index(sourceRow, TagModel::TagColumn, sourceParent)
                            .data(TagModel::SortRole)
                            .toString();
    return m_useRegex ? m_regex.match(tag).hasMatch() : tag.contains(m_text, Qt::CaseInsensitive);
}

} // namespace berth::ui
