#pragma once

#include <QStyledItemDelegate>

namespace berth::ui {

// Paints a repository's usage as a bar: exclusive bytes (freed if the
// repository went away) solid, shared bytes lighter after them, scaled to the
// largest repository. Reads ExclusiveRole/SharedRole/ScaleRole of the index.
class UsageBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum Role
    {
        ExclusiveRole = Qt::UserRole + 10,
        SharedRole,
        ScaleRole
    };
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace berth::ui
