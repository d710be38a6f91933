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
        m_error = re.isValid() ? QString() : re.errorString();
        m_regex = re;
    } else {
        m_error.clear();
    }
    m_text = text;
    m_useRegex = regex;
    invalidateFilter();
    return m_error.isEmpty();
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
    if (!m_error.isEmpty())
        return false; // an invalid pattern matches nothing (never the last valid one's rows)
    if (m_text.isEmpty())
        return true;
    const QString tag = sourceModel()
                            ->index(sourceRow, TagModel::TagColumn, sourceParent)
                            .data(TagModel::SortRole)
                            .toString();
    return m_useRegex ? m_regex.match(tag).hasMatch() : tag.contains(m_text, Qt::CaseInsensitive);
}

} // namespace berth::ui
