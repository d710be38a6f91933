#pragma once

#include <QByteArray>
#include <QHash>
#include <QIconEngine>
#include <QPixmap>
#include <QString>

namespace berth::ui {

// A monochrome SVG drawn in the palette's text colour of the moment (the
// disabled text colour when disabled, the highlighted text colour when
// selected), so a bundled icon reads on light and dark themes alike. The
// SVG draws with #000000; that colour is replaced as it is painted.
class TintedSvgIconEngine : public QIconEngine
{
public:
    explicit TintedSvgIconEngine(QByteArray svg);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;
    QString key() const override;

private:
    QByteArray m_svg;
    QHash<QString, QPixmap> m_pixmaps; // by "<w>x<h> <colour>"
};

} // namespace berth::ui
