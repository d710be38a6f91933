// Tag → Copy or promote… against real docker-registries: a promotion
// lands as a new tag of the same repository (listed at once), a copy into
// another repository adds it to the tree, a tag that points at another
// image is refused and moved only when run again moving tags, and a copy
// of every tag the filter names to another saved registry streams them
// there. Each copy runs in the window's Transfers list.
#include "scenario_helpers.h"
#include "support/await.h"
#include "support/gated_relay.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "copy_dialog.h"
#include "inspect/layer_cache_location.h"
#include "layers/layer_index_cache.h"
#include "local/app_preferences.h"
#include "main_window.h"
#include "preferences_dialog.h"
#include "registry_session.h"
#include "registry_widget.h"
#include "repository_model.h"
#include "secret_store.h"
#include "tag_model.h"
#include "transfer/copy_task.h"
#include "transfer_list_model.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>

using namespace berth::ui;
using berth::test::awaitLastTransfer;
using berth::test::child;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::trigger;
using berth::test::WindowOnRegistries;
using berth::test::writeImageLayout;
using berth::test::writeProfiles;
using berth::transfer::CopyTaskState;

TEST(MainWindowTest, CopyAndPromoteWithinAndBetweenSavedRegistries)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir one;
    QTemporaryDir two;
    writeImageLayout(one.path(), 41, QStringLiteral("2025-06-01T00:00:00Z"), 30000,
                     QStringLiteral("rc"));
    writeImageLayout(two.path(), 42, QStringLiteral("2025-06-02T00:00:00Z"), 30000,
                     QStringLiteral("old"));
    ASSERT_TRUE(registry.push(one.path(), QStringLiteral("rc"), QStringLiteral("team/app:rc")))
        << registry.lastOutput().toStdString();
    ASSERT_TRUE(registry.push(two.path(), QStringLiteral("old"), QStringLiteral("team/app:1.3")))
        << registry.lastOutput().toStdString();

    berth::test::RegistryFixture other;
    ASSERT_TRUE(other.start()) << other.error().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("name"), QStringLiteral("Registry")},
                              {QStringLiteral("url"), registry.hostPort()}},
                             {{QStringLiteral("id"), QStringLiteral("o")},
                              {QStringLiteral("name"), QStringLiteral("Other")},
                              {QStringLiteral("url"), other.hostPort()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    RegistryWidget *browser = registryWidget(window);
    ASSERT_TRUE(pollUntil([&] { return browser->session(); }));
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    TagModel *tags = browser->tags();

    berth::test::DialogWatcher dialogs;
    QString status;
    const auto copyTo = [&](const QString &repository, const QString &tag, bool move = false) {
        trigger(window, "copyTag");
        QPointer<CopyDialog> dialog = dialogs.last<CopyDialog>();
        if (!dialog)
            return -1;
        child<QLineEdit>(*dialog, "copyRepository")->setText(repository);
        child<QLineEdit>(*dialog, "copyTag")->setText(tag);
        child<QCheckBox>(*dialog, "copyOverwrite")->setChecked(move);
        child<QPushButton>(*dialog, "copyStart")->click();
        return awaitLastTransfer(window, status);
    };
    const int done = static_cast<int>(CopyTaskState::Done);
    auto *transfers = window.findChild<QDockWidget *>(QStringLiteral("transfers"));
    ASSERT_TRUE(transfers);
    EXPECT_FALSE(transfers->isVisible()) << "no copy yet";

    // Promote rc to 1.4: listed at once; the Transfers list shows it.
    ASSERT_EQ(copyTo(QStringLiteral("team/app"), QStringLiteral("1.4")), done)
        << status.toStdString();
    EXPECT_TRUE(transfers->isVisible());
    EXPECT_TRUE(status.startsWith(QStringLiteral("Done: 1 copied"))) << status.toStdString();
    ASSERT_TRUE(pollUntil([&] { return tags->rowOfTag(QStringLiteral("1.4")) >= 0; }));

    // Onto 1.3, which holds another image: refused with both digests,
    // done once run again moving the tag.
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    ASSERT_EQ(copyTo(QStringLiteral("team/app"), QStringLiteral("1.3")),
              static_cast<int>(CopyTaskState::Failed));
    EXPECT_TRUE(status.contains(QStringLiteral("already points"))) << status.toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:1.3")));
    trigger(window, "transferRunAgainMoving");
    ASSERT_EQ(awaitLastTransfer(window, status), done) << status.toStdString();

    // Into a repository the registry did not have: it joins the tree.
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    ASSERT_EQ(copyTo(QStringLiteral("prod/app"), QString()), done) << status.toStdString();
    auto *repositories = window.findChild<RepositoryModel *>(QStringLiteral("repositoryModel"));
    ASSERT_TRUE(pollUntil(
        [&] { return repositories->indexForRepository(QStringLiteral("prod/app")).isValid(); }));
    EXPECT_TRUE(registry.pull(QStringLiteral("prod/app:rc")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:1.3")))
        << registry.lastOutput().toStdString();

    // To the other saved registry, every tag the filter names: streamed
    // there, the tree shown unchanged.
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    child<QLineEdit>(window, "tagFilter")->setText(QStringLiteral("1."));
    trigger(window, "copyTag");
    QPointer<CopyDialog> across = dialogs.last<CopyDialog>();
    ASSERT_TRUE(across);
    auto *registries = child<QComboBox>(*across, "copyRegistry");
    ASSERT_EQ(registries->count(), 2);
    registries->setCurrentIndex(registries->findData(QStringLiteral("o")));
    child<QRadioButton>(*across, "copyEveryTag")->setChecked(true);
    EXPECT_FALSE(child<QLineEdit>(*across, "copyTag")->isEnabled()) << "several tags keep names";
    child<QLineEdit>(*across, "copyRepository")->setText(QStringLiteral("mirror/app"));
    child<QPushButton>(*across, "copyStart")->click();
    ASSERT_EQ(awaitLastTransfer(window, status), done) << status.toStdString();
    EXPECT_TRUE(status.startsWith(QStringLiteral("Done: 2 copied"))) << status.toStdString();
    EXPECT_FALSE(repositories->indexForRepository(QStringLiteral("mirror/app")).isValid())
        << "the tree shows the first registry";
    EXPECT_TRUE(other.pull(QStringLiteral("mirror/app:1.3"))) << other.lastOutput().toStdString();
    EXPECT_TRUE(other.pull(QStringLiteral("mirror/app:1.4"))) << other.lastOutput().toStdString();
    EXPECT_FALSE(other.pull(QStringLiteral("mirror/app:rc"))) << "the filter did not name rc";

    // Finished copies go from the list on request.
    trigger(window, "transferClear");
    EXPECT_EQ(
        window.findChild<QAbstractItemView *>(QStringLiteral("transferList"))->model()->rowCount(),
        0);
}

namespace {

// team/app:rc in a docker-registry ("Registry") and a second one ("Other")
// behind a relay that holds every answer until released: a copy there
// stays under way. A window on both, showing team/app:rc.
class HeldCopy : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(registry.start()) << registry.error().toStdString();
        writeImageLayout(layout.path(), 43, QStringLiteral("2025-06-03T00:00:00Z"), 30000,
                         QStringLiteral("rc"));
        ASSERT_TRUE(
            registry.push(layout.path(), QStringLiteral("rc"), QStringLiteral("team/app:rc")))
            << registry.lastOutput().toStdString();
        ASSERT_TRUE(other.start()) << other.error().toStdString();
        held = std::make_unique<berth::test::GatedRelay>(other.port());
        ASSERT_TRUE(held->listen());
        held->holdAfter(0);
        shown = std::make_unique<WindowOnRegistries>(QList<WindowOnRegistries::Registry>{
            {QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()},
            {QStringLiteral("o"), QStringLiteral("Other"),
             QStringLiteral("127.0.0.1:%1").arg(held->port())}});
        ASSERT_TRUE(shown->openTag(QStringLiteral("team/app"), QStringLiteral("rc")));
    }

    // Tag → Copy or promote… of the tag shown to `repository` of Other.
    void copyToOther(const QString &repository = QStringLiteral("team/app"))
    {
        trigger(shown->window(), "copyTag");
        QPointer<CopyDialog> dialog = dialogs.last<CopyDialog>();
        ASSERT_TRUE(dialog);
        auto *registries = child<QComboBox>(*dialog, "copyRegistry");
        registries->setCurrentIndex(registries->findData(QStringLiteral("o")));
        child<QLineEdit>(*dialog, "copyRepository")->setText(repository);
        child<QPushButton>(*dialog, "copyStart")->click();
    }

    CopyTaskState state(int row) const
    {
        auto *list = shown->window().findChild<QAbstractItemView *>(QStringLiteral("transferList"));
        return static_cast<CopyTaskState>(
            list->model()->index(row, 0).data(TransferListModel::StateRole).toInt());
    }

    berth::test::RegistryFixture registry;
    berth::test::RegistryFixture other;
    QTemporaryDir layout;
    std::unique_ptr<berth::test::GatedRelay> held;
    std::unique_ptr<WindowOnRegistries> shown;
    berth::test::DialogWatcher dialogs;
};

} // namespace

// Closing (or quitting) while a copy runs asks first: Cancel keeps the
// window and the copy; "Stop copies and close" stops it (nothing tagged
// there) and closes.
TEST_F(HeldCopy, QuittingWhileACopyRunsAsksAndStopsIt)
{
    MainWindow &window = shown->window();
    ASSERT_NO_FATAL_FAILURE(copyToOther());
    ASSERT_TRUE(pollUntil([&] { return state(0) == CopyTaskState::Copying; }));

    trigger(window, "quit");
    ASSERT_TRUE(berth::test::confirmation(window)) << "asked before anything stops";
    EXPECT_TRUE(window.isVisible());
    ASSERT_TRUE(berth::test::answerConfirmation(window, false));
    ASSERT_TRUE(pollUntil([&] { return !berth::test::confirmation(window); }));
    EXPECT_TRUE(window.isVisible());
    EXPECT_EQ(state(0), CopyTaskState::Copying) << "Cancel keeps the copy running";

    trigger(window, "quit");
    ASSERT_TRUE(berth::test::answerConfirmation(window, true));
    ASSERT_TRUE(pollUntil([&] { return !window.isVisible(); }));
    EXPECT_EQ(state(0), CopyTaskState::Stopped);
    held->release();
    EXPECT_FALSE(other.pull(QStringLiteral("team/app:rc"))) << "nothing tagged";
}

// Settings → Preferences keeps the numbers (requests, copies and layers at
// once) and the window uses them: a new connection sends that many
// requests at once, and with one copy at a time the second waits its turn.
TEST_F(HeldCopy, ThePreferencesNumbersAreKeptAndUsed)
{
    MainWindow &window = shown->window();
    trigger(window, "preferences");
    auto *preferences = dialogs.last<PreferencesDialog>();
    ASSERT_TRUE(preferences);
    child<QSpinBox>(*preferences, "requestsAtOnce")->setValue(5);
    child<QSpinBox>(*preferences, "copiesAtOnce")->setValue(1);
    child<QSpinBox>(*preferences, "layersAtOnce")->setValue(2);
    child<QSpinBox>(*preferences, "layerCacheMiB")->setValue(64);
    // The layer cache is one for the program: its bound goes back after.
    struct BoundBack
    {
        ~BoundBack()
        {
            berth::inspect::setLayerCacheLimit(berth::layers::LayerIndexCache::kDefaultMaxBytes);
        }
    } boundBack;
    preferences->accept();
    EXPECT_EQ(berth::inspect::sharedLayerCache()->maxBytes(), std::int64_t{64} << 20);
    const berth::local::AppPreferences saved(&shown->settings());
    EXPECT_EQ(saved.requestsAtOnce(), 5);
    EXPECT_EQ(saved.copiesAtOnce(), 1);
    EXPECT_EQ(saved.layersAtOnce(), 2);
    EXPECT_EQ(saved.layerCacheMiB(), 64);

    // A new connection to the registry shown.
    auto *box = child<QComboBox>(window, "registryBox");
    Q_EMIT box->activated(box->findData(QStringLiteral("r")));
    RegistryWidget *browser = shown->browser();
    ASSERT_TRUE(pollUntil(
        [&] { return browser->session() && browser->session()->endpoint().maxConcurrency == 5; }));

    // Two copies to the held registry: one runs, the other waits.
    ASSERT_TRUE(shown->openTag(QStringLiteral("team/app"), QStringLiteral("rc")));
    ASSERT_NO_FATAL_FAILURE(copyToOther(QStringLiteral("first/app")));
    ASSERT_NO_FATAL_FAILURE(copyToOther(QStringLiteral("second/app")));
    ASSERT_TRUE(pollUntil([&] { return state(0) == CopyTaskState::Copying; }));
    EXPECT_EQ(state(1), CopyTaskState::Waiting);
    held->release();
    QString status;
    ASSERT_EQ(berth::test::awaitLastTransfer(window, status), static_cast<int>(CopyTaskState::Done))
        << status.toStdString();
    EXPECT_EQ(state(0), CopyTaskState::Done);

    // A hand-edited settings file is no crash: out of range means the default.
    shown->settings().setValue(QStringLiteral("transfers/copiesAtOnce"), QStringLiteral("lots"));
    shown->settings().setValue(QStringLiteral("transfers/layersAtOnce"), 999);
    EXPECT_EQ(berth::local::AppPreferences(&shown->settings()).copiesAtOnce(),
              berth::local::AppPreferences::kCopiesAtOnce);
    EXPECT_EQ(berth::local::AppPreferences(&shown->settings()).layersAtOnce(),
              berth::local::AppPreferences::kLayersAtOnce);
}
