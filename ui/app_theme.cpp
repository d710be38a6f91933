#include "ui/app_theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace berth::ui {

namespace {

struct Desktop
{
    bool saved = false;
    bool overridden = false; // a theme of Berth's is shown
    QString style;
    QPalette palette;
};

Desktop &desktop()
{
    static Desktop d;
    return d;
}

} // namespace

QStringList AppTheme::available()
{
    return {QString(), QStringLiteral("light"), QStringLiteral("dark")};
}

QPalette AppTheme::lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette p = fusion->standardPalette();
    delete fusion;
    return p;
}

QPalette AppTheme::darkPalette()
{
    // Breeze Dark's roles, which KDE and many GTK dark themes resemble.
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1b, 0x1e, 0x20);
    const QColor text(0xfc, 0xfc, 0xfc);
    const QColor disabled(0x8e, 0x93, 0x97); // readable, yet plainly not enabled
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x3b, 0x40));
    p.setColor(QPalette::Mid, QColor(0x24, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1c, 0x1e));
    p.setColor(QPalette::Shadow, QColor(0x0d, 0x0e, 0x0f));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    p.setColor(QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

void AppTheme::apply(const QString &theme)
{
    Desktop &d = desktop();
    if (!d.saved) {
        d.saved = true;
        d.style = QApplication::style()->name();
        d.palette = QApplication::palette();
    }
    if (theme == QLatin1String("light") || theme == QLatin1String("dark")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(theme == QLatin1String("dark") ? darkPalette() : lightPalette());
        d.overridden = true;
        return;
    }
    // Left alone unless Berth changed it: the desktop's palette then keeps
    // following the desktop.
    if (!d.overridden)
        return;
    QApplication::setStyle(d.style);
    QApplication::setPalette(d.palette);
    d.overridden = false;
}

} // namespace berth::ui
