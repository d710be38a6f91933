// The app in Simplified Chinese and in English: the window, its menus and
// the dialogs a fresh window opens show no untranslated text and no clipped
// label; the language follows the system unless Preferences chose one.
#include "scenario_helpers.h"
#include "support/await.h"
#include "support/scoped_env.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "credentials/secret_store.h"
#include "local/app_preferences.h"
#include "ui/main_window.h"
#include "ui/preferences_dialog.h"
#include "ui/translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QGroupBox>
#include <QLayout>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextDocumentFragment>

#include <gtest/gtest.h>

using berth::test::child;
using berth::test::DialogWatcher;
using berth::test::trigger;
using berth::ui::Translations;

namespace {

// The app's language for one test, English again after it.
class LanguageScope
{
public:
    explicit LanguageScope(const QString &language)
    {
        m_loaded = Translations::install(qApp, language);
    }
    ~LanguageScope() { Translations::install(qApp, QStringLiteral("en")); }
    LanguageScope(const LanguageScope &) = delete;
    LanguageScope &operator=(const LanguageScope &) = delete;
    bool loaded() const { return m_loaded; }

private:
    bool m_loaded = false;
};

QString plain(const QString &text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

// English left in a Chinese text: two English words in a row, or any English
// word in a text with no Chinese at all. Names Berth does not translate
// (products, protocols, formats, units, keys of an image's configuration,
// addresses and paths) are taken out first.
bool untranslated(const QString &shown)
{
    static const QRegularExpression kept(QStringLiteral(
        R"(https?://\S+|\S*/\S*|[\w.-]+:\d+|sha256:[0-9a-f]*|&\w+;|\(&\w\)|)"
        // a command line, to the end of its clause
        R"(\b(docker|podman|skopeo|curl|berth-registry|berth-cli)\b[^\p{Han}（）()，。]*|)"
        R"(\b(Berth|Docker|OCI|HTTPS?|TLS|URL|API|JSON|YAML|SBOMs?|skopeo|podman|registry:2|)"
        R"(docker-registry|berth-registry|berth-cli|registry garbage-collect|htpasswd|config\.yml|localhost|[Bb]lobs?|)"
        R"(Entrypoint|Cmd|WorkingDir|User|Env|Labels?|distribution|Harbor|Linux|amd64|arm64|)"
        R"(IPv6|OAuth2|Azure Container Registry|Ctrl|Shift|Alt|English|dry run|KiB|MiB|GiB|kB|MB|GB|ms)\b)"));
    static const QRegularExpression twoWords(QStringLiteral(R"([A-Za-z]{2,}[ ]+[A-Za-z]{2,})"));
    static const QRegularExpression word(QStringLiteral(R"([A-Za-z]{3,})"));
    static const QRegularExpression chinese(QStringLiteral(R"(\p{Han})"));
    QString text = plain(shown);
    text.remove(kept);
    return text.contains(twoWords) || (!shown.contains(chinese) && text.contains(word));
}

// Every text a person can read in `root`: labels, buttons, titles, tabs,
// placeholders, tooltips, column headers, combo items, menus and actions.
QStringList visibleTexts(const QWidget &root)
{
    QStringList out{root.windowTitle()};
    QList<QWidget *> widgets = root.findChildren<QWidget *>();
    for (QWidget *w : std::as_const(widgets)) {
        out << w->toolTip() << w->accessibleName();
        if (auto *label = qobject_cast<QLabel *>(w))
            out << label->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            out << button->text();
        else if (auto *box = qobject_cast<QGroupBox *>(w))
            out << box->title();
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            out << edit->placeholderText();
        else if (auto *menu = qobject_cast<QMenu *>(w))
            out << menu->title();
        if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                out << tabs->tabText(i) << tabs->tabToolTip(i);
        }
        if (auto *combo = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                out << combo->itemText(i);
        }
        if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model()) {
            for (int c = 0; c < view->model()->columnCount(); ++c)
                out << view->model()->headerData(c, Qt::Horizontal).toString();
        }
    }
    const QList<QAction *> actions = root.findChildren<QAction *>();
    for (const QAction *a : actions)
        out << a->text() << a->toolTip() << a->statusTip();
    out.removeAll(QString());
    return out;
}

// One per line, for a failure message.
std::string listed(const QStringList &texts)
{
    return texts.join(QLatin1Char('\n')).toStdString();
}

QStringList untranslatedIn(const QWidget &root)
{
    QStringList bad;
    const QStringList texts = visibleTexts(root);
    for (const QString &t : texts) {
        if (untranslated(t))
            bad << t;
    }
    bad.removeDuplicates();
    return bad;
}

// Labels and buttons narrower than their text at the size the window opens,
// and wrapped labels lower than their lines need.
QStringList clippedIn(QWidget &root)
{
    if (root.layout())
        root.layout()->activate();
    QStringList clipped;
    const QList<QWidget *> widgets = root.findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible())
            continue;
        if (auto *label = qobject_cast<QLabel *>(w);
            label && !label->wordWrap() && !label->text().isEmpty() &&
            label->width() < label->minimumSizeHint().width())
            clipped << QStringLiteral("%1 (%2 < %3 px)")
                           .arg(plain(label->text()))
                           .arg(label->width())
                           .arg(label->minimumSizeHint().width());
        if (auto *label = qobject_cast<QLabel *>(w);
            label && label->wordWrap() && !label->text().isEmpty() &&
            label->height() < label->heightForWidth(label->width()))
            clipped << QStringLiteral("%1 (%2 < %3 px high)")
                           .arg(plain(label->text()))
                           .arg(label->height())
                           .arg(label->heightForWidth(label->width()));
        if (auto *button = qobject_cast<QAbstractButton *>(w);
            button && !button->text().isEmpty() && button->width() < button->sizeHint().width())
            clipped << QStringLiteral("%1 (%2 < %3 px)")
                           .arg(button->text())
                           .arg(button->width())
                           .arg(button->sizeHint().width());
    }
    return clipped;
}

// What a fresh window opens from its menus without a registry answering:
// each dialog's untranslated texts and clipped labels, by action.
void checkFreshWindow(const QString &language)
{
    berth::test::WindowOnRegistries shown({});
    berth::ui::MainWindow &window = shown.window();
    const berth::test::ScopedEnv docker("DOCKER_CONFIG", shown.dir().toStdString());
    const bool chinese = language == QLatin1String("zh_CN");
    if (chinese) {
        const QStringList bad = untranslatedIn(window);
        EXPECT_TRUE(bad.isEmpty()) << "the main window:\n" << listed(bad);
    }
    const QStringList clipped = clippedIn(window);
    EXPECT_TRUE(clipped.isEmpty()) << "the main window:\n" << listed(clipped);

    for (const char *action :
         {"addRegistry", "preferences", "localRegistry", "importFromDocker", "about"}) {
        DialogWatcher dialogs;
        trigger(window, action);
        QWidget *opened = dialogs.last<QDialog>();
        ASSERT_TRUE(opened) << action << " opened no dialog";
        if (chinese) {
            const QStringList bad = untranslatedIn(*opened);
            EXPECT_TRUE(bad.isEmpty()) << action << ":\n" << listed(bad);
        }
        const QStringList clippedThere = clippedIn(*opened);
        EXPECT_TRUE(clippedThere.isEmpty()) << action << ":\n" << listed(clippedThere);
        opened->close();
    }
}

} // namespace

TEST(Translations, FollowTheSystemUnlessAChoiceIsMade)
{
    EXPECT_EQ(Translations::resolve({}, QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
    EXPECT_EQ(Translations::resolve({}, QLocale(QStringLiteral("zh_SG"))), QStringLiteral("zh_CN"));
    // Traditional script is not what the Simplified translation serves.
    EXPECT_EQ(Translations::resolve({}, QLocale(QStringLiteral("zh_TW"))), QStringLiteral("en"));
    EXPECT_EQ(Translations::resolve({}, QLocale(QStringLiteral("zh_Hant_HK"))),
              QStringLiteral("en"));
    EXPECT_EQ(Translations::resolve({}, QLocale(QStringLiteral("de_DE"))), QStringLiteral("en"));
    EXPECT_EQ(Translations::resolve(QStringLiteral("en"), QLocale(QStringLiteral("zh_CN"))),
              QStringLiteral("en"));
    EXPECT_EQ(Translations::resolve(QStringLiteral("zh_CN"), QLocale(QStringLiteral("en_US"))),
              QStringLiteral("zh_CN"));
    // A choice Berth cannot show (an older settings file) follows the system.
    EXPECT_EQ(Translations::resolve(QStringLiteral("fr"), QLocale(QStringLiteral("zh_CN"))),
              QStringLiteral("zh_CN"));
}

TEST(Translations, EnglishCountsWithoutParentheses)
{
    const LanguageScope english(QStringLiteral("en"));
    ASSERT_TRUE(english.loaded());
    EXPECT_EQ(QCoreApplication::translate("berth::ui::TagTable", "%n tag(s)", nullptr, 1),
              QStringLiteral("1 tag"));
    EXPECT_EQ(QCoreApplication::translate("berth::ui::TagTable", "%n tag(s)", nullptr, 3),
              QStringLiteral("3 tags"));
}

TEST(Translations, ChineseIsLoadedWithQtsOwnStrings)
{
    const LanguageScope chinese(QStringLiteral("zh_CN"));
    ASSERT_TRUE(chinese.loaded());
    EXPECT_EQ(QCoreApplication::translate("berth::ui::MainWindow", "&Refresh"),
              QStringLiteral("刷新(&R)"));
    EXPECT_EQ(QCoreApplication::translate("berth::ui::TagTable", "%n tag(s)", nullptr, 3),
              QStringLiteral("3 个标签"));
    EXPECT_EQ(QLocale().language(), QLocale::Chinese);
    EXPECT_FALSE(untranslated(QCoreApplication::translate("berth::ui::MainWindow", "&Refresh")));
    EXPECT_TRUE(untranslated(QStringLiteral("Search registry")));
    EXPECT_TRUE(untranslated(QStringLiteral("刷新 the list")));
    EXPECT_FALSE(untranslated(QStringLiteral("推送到 registry.example.com:5000/app/web")));
}

TEST(Translations, AFreshWindowInChineseHasNoEnglishLeftAndNothingClipped)
{
    const LanguageScope chinese(QStringLiteral("zh_CN"));
    ASSERT_TRUE(chinese.loaded());
    checkFreshWindow(QStringLiteral("zh_CN"));
}

TEST(Translations, AFreshWindowInEnglishHasNothingClipped)
{
    const LanguageScope english(QStringLiteral("en"));
    checkFreshWindow(QStringLiteral("en"));
}

TEST(Translations, PreferencesKeepTheChosenLanguageForTheNextStart)
{
    berth::test::WindowOnRegistries shown({});
    berth::ui::MainWindow &window = shown.window();
    QSettings &settings = shown.settings();
    DialogWatcher dialogs;
    trigger(window, "preferences");
    auto *preferences = dialogs.last<berth::ui::PreferencesDialog>();
    ASSERT_TRUE(preferences);
    auto *combo = child<QComboBox>(*preferences, "languageCombo");
    ASSERT_TRUE(combo);
    EXPECT_EQ(combo->currentData().toString(), QString()) << "the system's, until chosen";
    combo->setCurrentIndex(combo->findData(QStringLiteral("zh_CN")));
    // Said before it is saved: the change shows from the next start, whole.
    EXPECT_TRUE(child<QLabel>(*preferences, "languageNote")->isVisibleTo(preferences));
    EXPECT_TRUE(berth::test::pollUntil([&] { return clippedIn(*preferences).isEmpty(); }, 3000))
        << listed(clippedIn(*preferences));
    preferences->accept();
    EXPECT_EQ(berth::local::AppPreferences(&settings).language(), QStringLiteral("zh_CN"));
    EXPECT_EQ(Translations::resolve(berth::local::AppPreferences(&settings).language(),
                                    QLocale(QStringLiteral("en_US"))),
              QStringLiteral("zh_CN"));

    trigger(window, "preferences");
    preferences = dialogs.last<berth::ui::PreferencesDialog>();
    ASSERT_TRUE(preferences);
    combo = child<QComboBox>(*preferences, "languageCombo");
    EXPECT_EQ(combo->currentData().toString(), QStringLiteral("zh_CN"));
    combo->setCurrentIndex(0); // the system's again
    preferences->accept();
    EXPECT_EQ(berth::local::AppPreferences(&settings).language(), QString());
}

// The dialogs that act on a registry, opened on a real one in Chinese: what
// they show of the registry (names, digests, sizes, dates) aside, no English.
TEST(Translations, RegistryDialogsInChineseHaveNoEnglishLeft)
{
    const LanguageScope chinese(QStringLiteral("zh_CN"));
    ASSERT_TRUE(chinese.loaded());
    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();
    // The registry's name is data, not Berth's: Chinese, so it is not flagged.
    berth::test::WindowOnRegistries shown({{QStringLiteral("demo"), QStringLiteral("演示仓库"),
                                            world.registry.hostPort(), world.registry.rootDir()}});
    berth::ui::MainWindow &window = shown.window();
    const berth::test::ScopedEnv docker("DOCKER_CONFIG", shown.dir().toStdString());
    berth::ui::TagModel *tags = berth::test::tagModel(window);
    berth::test::registryWidget(window)->openTag(QStringLiteral("app/web"), QStringLiteral("v2"));
    ASSERT_TRUE(berth::test::pollUntil([&] {
        return tags->isComplete() && tags->describedCount() == tags->rowCount() &&
               tags->rowCount() == 5;
    }));
    const QStringList inWindow = untranslatedIn(window);
    EXPECT_TRUE(inWindow.isEmpty()) << "the window on a registry:\n" << listed(inWindow);
    for (const char *action :
         {"editRegistry", "deleteTags", "retention", "exportTags", "importImage", "copyTag",
          "compareTags", "storageInspector", "repositoryLayers", "collectGarbage", "prefetch"}) {
        DialogWatcher dialogs;
        trigger(window, action);
        QWidget *opened = nullptr;
        ASSERT_TRUE(berth::test::pollUntil([&] { return (opened = dialogs.last<QDialog>()); }))
            << action << " opened no dialog";
        const QStringList bad = untranslatedIn(*opened);
        EXPECT_TRUE(bad.isEmpty()) << action << ":\n" << listed(bad);
        opened->close();
    }
}
