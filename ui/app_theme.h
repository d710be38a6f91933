#pragma once

#include <QPalette>
#include <QString>

namespace berth::ui {

// Light or dark regardless of the desktop (Preferences → Theme), or the
// desktop's own style and palette, which follow its colour scheme. Berth's
// own colours follow whichever palette is shown (ThemeColors).
class AppTheme
{
public:
    // "" (the desktop's), "light", "dark".
    static QStringList available();
    // Applies `theme` now; what the desktop gave is kept from the first call
    // and comes back with "".
    static void apply(const QString &theme);
    static QPalette lightPalette();
    static QPalette darkPalette();
};

} // namespace berth::ui
