#include "ui/tinted_svg_icon_engine.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

#include <utility>

namespace berth::ui {

namespace {

QColor colourFor(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected:
        return palette.color(QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return palette.color(QPalette::WindowText);
}

} // namespace

TintedSvgIconEngine::TintedSvgIconEngine(QByteArray svg)
    : m_svg(std::move(svg))
{
}

void TintedSvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode,
                                QIcon::State /*state*/)
{
    QByteArray svg = m_svg;
    svg.replace("#000000", colourFor(mode).name().toLatin1());
    QSvgRenderer renderer(svg);
    renderer.render(painter, rect);
}

QPixmap TintedSvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    // A toolbar asks again on every repaint: the SVG is drawn once per size
    // and colour (a new palette brings a new colour, so a new entry).
    const QString key =
        QStringLiteral("%1x%2 %3").arg(size.width()).arg(size.height()).arg(colourFor(mode).name());
    if (const auto cached = m_pixmaps.constFind(key); cached != m_pixmaps.cend())
        return *cached;
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paint(&painter, QRect(QPoint(0, 0), size), mode, state);
    painter.end();
    m_pixmaps.insert(key, pixmap);
    return pixmap;
}

QIconEngine *TintedSvgIconEngine::clone() const
{
    return new TintedSvgIconEngine(m_svg);
}

QString TintedSvgIconEngine::key() const
{
    return QStringLiteral("berth-tinted-svg");
}

} // namespace berth::ui
