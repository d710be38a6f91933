#include "ui/theme_colors.h"

#include <QPalette>

#include <algorithm>
#include <cmath>

namespace berth::ui {

namespace {

struct Pair
{
    QRgb light;
    QRgb dark;
};

Pair pairOf(ThemeColors::Role role)
{
    using Role = ThemeColors::Role;
    switch (role) {
    case Role::Added:
        return {0x1a7434, 0x6fd08c};
    case Role::Removed:
        return {0xb3261e, 0xff8a80};
    case Role::Changed:
        return {0x8a5a00, 0xe6c35c};
    case Role::Error:
        return {0xb00020, 0xff7b7b};
    case Role::JsonKey:
        return {0x00458b, 0x9cdcfe};
    case Role::JsonString:
        return {0xa31515, 0xce9178};
    case Role::JsonNumber:
        return {0x07704a, 0xb5cea8};
    case Role::JsonLiteral:
        return {0x0000e0, 0x6cb0e8};
    case Role::Running:
        return {0x2a6f2e, 0x66bb6a};
    case Role::Busy:
        return {0x8a5a00, 0xfdd835};
    case Role::Failed:
        return {0xc62828, 0xff7961};
    case Role::Stopped:
        return {0x666666, 0xa8a8a8};
    case Role::WarningBackground:
        return {0x9c4a00, 0x9c4a00};
    case Role::WarningText:
        return {0xffffff, 0xffffff};
    }
    return {0x000000, 0xffffff};
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

} // namespace

QColor ThemeColors::color(Role role, const QPalette &palette)
{
    const Pair p = pairOf(role);
    return QColor::fromRgb(isDark(palette) ? p.dark : p.light);
}

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

double ThemeColors::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace berth::ui
