#include "ui/icons.h"

#include "ui/tinted_svg_icon_engine.h"

#include <QColor>
#include <QPainter>
#include <QPixmap>
#include <QResource>

namespace berth::ui {

QIcon Icons::named(const QString &themeName)
{
    const QResource bundled(QStringLiteral(":/berth/icons/actions/%1.svg").arg(themeName));
    QIcon fallback;
    if (bundled.isValid())
        fallback = QIcon(new TintedSvgIconEngine(bundled.uncompressedData()));
    return QIcon::fromTheme(themeName, fallback);
}

QIcon Icons::statusLight(const QColor &colour)
{
    QIcon icon;
    for (const int size : {16, 22, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(colour.darker(140), size / 16.0));
        painter.setBrush(colour);
        const qreal margin = size * 0.2;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace berth::ui
