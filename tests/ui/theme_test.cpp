// Berth's look on light and dark desktops: its own colours read at WCAG AA
// contrast on either, bundled icons take the palette's text colour, the
// toolbar carries the main actions with icons and shortcuts, and the theme
// chosen in Preferences shows at once.
#include "scenario_helpers.h"
#include "support/await.h"
#include "window_lookup.h"

#include "credentials/secret_store.h"
#include "local/app_preferences.h"
#include "ui/app_theme.h"
#include "ui/icons.h"
#include "ui/json_highlighter.h"
#include "ui/local_registry_action.h"
#include "ui/main_window.h"
#include "ui/preferences_dialog.h"
#include "ui/theme_colors.h"

#include <QComboBox>
#include <QImage>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolBar>

#include <gtest/gtest.h>

using berth::test::child;
using berth::test::DialogWatcher;
using berth::test::trigger;
using berth::ui::AppTheme;
using berth::ui::ThemeColors;

namespace {

// The desktop's theme again after a test that chose one.
struct DesktopThemeAfter
{
    ~DesktopThemeAfter() { AppTheme::apply(QString()); }
};

QPalette withWindowAndBase(const QPalette &from, const QColor &window, const QColor &base,
                           const QColor &text)
{
    QPalette p = from;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Text, text);
    return p;
}

// Light and dark palettes as desktops ship them: Berth's own two, Breeze
// (KDE) light, Adwaita (GNOME) light and dark.
QList<std::pair<const char *, QPalette>> palettes()
{
    return {
        {"Fusion light", AppTheme::lightPalette()},
        {"Berth dark", AppTheme::darkPalette()},
        {"Breeze light", withWindowAndBase(AppTheme::lightPalette(), QColor(0xef, 0xf0, 0xf1),
                                           QColor(0xff, 0xff, 0xff), QColor(0x23, 0x26, 0x29))},
        {"Adwaita light", withWindowAndBase(AppTheme::lightPalette(), QColor(0xf6, 0xf5, 0xf4),
                                            QColor(0xff, 0xff, 0xff), QColor(0x2e, 0x34, 0x36))},
        {"Adwaita dark", withWindowAndBase(AppTheme::darkPalette(), QColor(0x35, 0x35, 0x35),
                                           QColor(0x2d, 0x2d, 0x2d), QColor(0xee, 0xee, 0xec))},
    };
}

// The colour most of an icon's visible pixels have.
QColor inkOf(const QIcon &icon)
{
    const QImage image = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() == 255)
                ++counts[c.rgb()];
        }
    }
    QRgb best = 0;
    int most = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    }
    return QColor::fromRgb(best);
}

} // namespace

TEST(ThemeColors, EveryColourReadsAtWcagAaOnLightAndDarkPalettes)
{
    using Role = ThemeColors::Role;
    const Role text[] = {Role::Added,   Role::Removed,    Role::Changed,    Role::Error,
                         Role::JsonKey, Role::JsonString, Role::JsonNumber, Role::JsonLiteral,
                         Role::Running, Role::Busy,       Role::Failed,     Role::Stopped};
    for (const auto &[name, palette] : palettes()) {
        for (const Role role : text) {
            const QColor c = ThemeColors::color(role, palette);
            for (const auto background : {QPalette::Window, QPalette::Base}) {
                const double ratio = ThemeColors::contrast(c, palette.color(background));
                EXPECT_GE(ratio, 4.5)
                    << name << ": role " << static_cast<int>(role) << " " << c.name().toStdString()
                    << " on " << palette.color(background).name().toStdString();
            }
        }
        EXPECT_GE(ThemeColors::contrast(ThemeColors::color(Role::WarningText, palette),
                                        ThemeColors::color(Role::WarningBackground, palette)),
                  4.5)
            << name << ": the warning banner";
    }
    // The measure itself: black on white is 21:1, a colour on itself 1:1.
    EXPECT_NEAR(ThemeColors::contrast(Qt::black, Qt::white), 21.0, 0.01);
    EXPECT_NEAR(ThemeColors::contrast(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0,
                0.01);
}

TEST(Icons, ABundledIconTakesThePalettesTextColour)
{
    const QString name = QStringLiteral("view-split-left-right");
    if (QIcon::hasThemeIcon(name))
        GTEST_SKIP() << "the desktop's icon theme draws it";
    const DesktopThemeAfter restore;
    for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
        AppTheme::apply(theme);
        const QIcon icon = berth::ui::Icons::named(name);
        ASSERT_FALSE(icon.isNull()) << "bundled under :/berth/icons/actions";
        EXPECT_EQ(inkOf(icon), QApplication::palette().color(QPalette::WindowText))
            << theme.toStdString();
    }
    EXPECT_TRUE(berth::ui::Icons::named(QStringLiteral("no-such-icon")).isNull());
}

TEST(Toolbar, CarriesTheMainActionsWithIconsAndShortcuts)
{
    berth::test::WindowOnRegistries shown({});
    berth::ui::MainWindow &window = shown.window();
    auto *bar = child<QToolBar>(window, "mainToolBar");
    ASSERT_TRUE(bar);
    QStringList names;
    for (QAction *a : bar->actions()) {
        if (a->isSeparator())
            continue;
        names << a->objectName();
        EXPECT_FALSE(a->icon().isNull()) << a->objectName().toStdString();
        if (!a->shortcut().isEmpty()) {
            EXPECT_TRUE(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)))
                << a->objectName().toStdString() << ": " << a->toolTip().toStdString();
        }
    }
    for (const char *expected :
         {"refresh", "addRegistry", "copyPullCommand", "copyTag", "compareTags", "deleteTags",
          "search", "collectGarbage", "localRegistrySwitch"})
        EXPECT_TRUE(names.contains(QLatin1String(expected))) << expected;

    // The local registry's switch says what it does and shows the state.
    auto *local = child<QAction>(window, "localRegistrySwitch");
    ASSERT_TRUE(local);
    EXPECT_EQ(local->text(), QStringLiteral("Start local registry"));
    EXPECT_EQ(
        berth::ui::LocalRegistryAction::lightRole(berth::local::LocalRegistry::State::Stopped),
        ThemeColors::Role::Stopped);
    EXPECT_TRUE(local->toolTip().contains(QStringLiteral("click to start it")))
        << local->toolTip().toStdString();
}

TEST(Theme, ADarkChoiceShowsAtOnceAndTheDesktopsComesBack)
{
    const DesktopThemeAfter restore;
    const QColor desktopWindow = QApplication::palette().color(QPalette::Window);
    berth::test::WindowOnRegistries shown({});
    berth::ui::MainWindow &window = shown.window();
    QSettings &settings = shown.settings();
    DialogWatcher dialogs;

    const auto choose = [&](const QString &theme) {
        trigger(window, "preferences");
        auto *preferences = dialogs.last<berth::ui::PreferencesDialog>();
        ASSERT_TRUE(preferences);
        auto *combo = child<QComboBox>(*preferences, "themeCombo");
        ASSERT_TRUE(combo);
        combo->setCurrentIndex(combo->findData(theme));
        preferences->accept();
    };
    choose(QStringLiteral("dark"));
    EXPECT_TRUE(ThemeColors::isDark(QApplication::palette()));
    // The local registry's light takes the dark palette's grey too.
    auto *local = child<QAction>(window, "localRegistrySwitch");
    ASSERT_TRUE(local);
    EXPECT_TRUE(berth::test::pollUntil([&] {
        return inkOf(local->icon()) ==
               ThemeColors::color(ThemeColors::Role::Stopped, AppTheme::darkPalette());
    })) << inkOf(local->icon()).name().toStdString();
    // The window takes the new palette through its change event.
    EXPECT_TRUE(berth::test::pollUntil([&] { return ThemeColors::isDark(window.palette()); }));
    EXPECT_EQ(berth::local::AppPreferences(&settings).theme(), QStringLiteral("dark"));

    choose(QString());
    EXPECT_EQ(QApplication::palette().color(QPalette::Window), desktopWindow);
    EXPECT_EQ(berth::local::AppPreferences(&settings).theme(), QString());
}

TEST(Theme, JsonIsHighlightedAgainWhenThePaletteChanges)
{
    const DesktopThemeAfter restore;
    AppTheme::apply(QStringLiteral("light"));
    QPlainTextEdit view;
    new berth::ui::JsonHighlighter(&view);
    view.setPlainText(QStringLiteral("{\"key\": 1}"));
    view.show();
    const auto keyColour = [&view] {
        const QList<QTextLayout::FormatRange> formats =
            view.document()->firstBlock().layout()->formats();
        return formats.isEmpty() ? QColor() : formats.first().format.foreground().color();
    };
    const auto key = [](const QPalette &p) {
        return ThemeColors::color(ThemeColors::Role::JsonKey, p);
    };
    EXPECT_EQ(keyColour(), key(AppTheme::lightPalette()));
    AppTheme::apply(QStringLiteral("dark"));
    EXPECT_TRUE(berth::test::pollUntil([&] { return keyColour() == key(AppTheme::darkPalette()); }))
        << keyColour().name().toStdString();
}
