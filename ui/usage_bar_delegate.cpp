#include "ui/usage_bar_delegate.h"

#include <QApplication>
#include <QPainter>

namespace berth::ui {

void UsageBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, widget);

    const double scale = index.data(ScaleRole).toDouble();
    if (scale <= 0)
        return;
    const double exclusive = index.data(ExclusiveRole).toDouble();
    const double shared = index.data(SharedRole).toDouble();
    const QRect area = option.rect.adjusted(4, 5, -4, -5);
    const int exclusiveWidth = static_cast<int>(area.width() * exclusive / scale);
    const int sharedWidth = static_cast<int>(area.width() * shared / scale);
    painter->save();
    const QColor accent = option.palette.color(QPalette::Highlight);
    painter->fillRect(QRect(area.left(), area.top(), exclusiveWidth, area.height()), accent);
    QColor light = accent;
    light.setAlpha(90);
    painter->fillRect(QRect(area.left() + exclusiveWidth, area.top(), sharedWidth, area.height()),
                      light);
    painter->restore();
}

QSize UsageBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 160));
    return size;
}

} // namespace berth::ui
