#pragma once

#include <QIcon>

class QColor;

namespace berth::ui {

// Icons by freedesktop theme name, as KDE and GNOME draw them, with Berth's
// bundled SVG (resources/icons/actions/<name>.svg, tinted to the palette)
// where the desktop has no theme or the theme lacks the name.
class Icons
{
public:
    static QIcon named(const QString &themeName);
    // A filled circle of `colour`: the local registry's state.
    static QIcon statusLight(const QColor &colour);
};

} // namespace berth::ui
