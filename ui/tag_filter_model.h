#pragma once

#include "client/tag_pattern.h"

#include <QSortFilterProxyModel>

namespace berth::ui {

// Sorting and filtering of the tag table: tags in natural order, sizes and
// dates by value; the filter matches tag names by substring or regular
// expression.
class TagFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TagFilterModel(QObject *parent = nullptr);

    // Returns false when `regex` is invalid: then no row is accepted (and
    // filterError() says why) until the pattern is valid again.
    bool setTagFilter(const QString &text, bool regex);
    QString filterError() const { return m_pattern.error(); }
    const client::TagPattern &tagPattern() const { return m_pattern; }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    client::TagPattern m_pattern;
};

} // namespace berth::ui
