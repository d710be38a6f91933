#pragma once

#include <QColor>

class QPalette;

namespace berth::ui {

// Berth's own colours (everything not taken from the palette), each in a
// variant for light and one for dark palettes, so that text in them reads
// on the palette's Window and Base at WCAG AA contrast (4.5:1) on light and
// dark desktops alike; tests/ui/theme_colors_test.cpp measures them.
class ThemeColors
{
public:
    enum class Role
    {
        Added,   // a file or line added
        Removed, // removed
        Changed, // changed
        Error,   // an error written in text (an invalid filter, a TLS warning)
        JsonKey,
        JsonString,
        JsonNumber,
        JsonLiteral,
        Running,           // the local registry's light: running
        Busy,              // starting or stopping
        Failed,            // failed
        Stopped,           // stopped
        WarningBackground, // a warning banner's background; its text is WarningText
        WarningText,
    };

    static QColor color(Role role, const QPalette &palette);
    // Dark when the window background is (the desktop's dark scheme).
    static bool isDark(const QPalette &palette);
    // WCAG 2 contrast ratio of two colours, 1 to 21.
    static double contrast(const QColor &a, const QColor &b);
};

} // namespace berth::ui
