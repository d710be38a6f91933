// The local registry from the real MainWindow: the panel starts, serves
// and stops it; quitting stops it unless asked to keep it running.
#include "scenario_helpers.h"
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "local/local_registry_preferences.h"
#include "support/scoped_env.h"

#include "local_registry.h"
#include "local_registry_panel.h"
#include "main_window.h"
#include "oci/digest.h"
#include "request_log_model.h"
#include "secret_store.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTreeWidget>

using namespace berth::ui;
using berth::test::child;
using berth::test::freePort;
using berth::test::localRegistry;
using berth::test::LocalRegistryReaper;
using berth::test::pollUntil;
using berth::test::portAnswers;
using berth::test::registryWidget;
using berth::test::repositoryModel;
using berth::test::requestLogModel;
using berth::test::skopeoPush;
using berth::test::statusText;
using berth::test::tagModel;
using berth::test::trigger;
using berth::test::writeImageLayout;

// The local registry panel: start berth-registry from it, push with skopeo,
// browse what was pushed in the main window (the built-in profile follows
// the port), stop it. Then with a user added from the panel: the password
// reaches the htpasswd file only as a bcrypt hash, pushes need the login,
// and a second Berth finds the running registry and can stop it.
TEST(MainWindowTest, LocalRegistryPanelStartsPushesBrowsesAndStops)
{
    const berth::test::ScopedEnv binary("BERTH_REGISTRY_BINARY",
                                        BERTH_REGISTRY_BINARY); // the build tree's
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    QTemporaryDir layoutDir;
    const auto image = writeImageLayout(
        layoutDir.path(), 21, QStringLiteral("2025-03-03T00:00:00Z"), 3000, QStringLiteral("v1"));

    MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    trigger(window, "localRegistry");
    QPointer<LocalRegistryPanel> panel = dialogs.last<LocalRegistryPanel>();
    ASSERT_TRUE(panel);
    const quint16 port = freePort();
    const QString host = QStringLiteral("127.0.0.1:%1").arg(port);
    child<QSpinBox>(*panel, "portBox")->setValue(port);
    child<QLineEdit>(*panel, "dataDirectoryEdit")->setText(dir.path() + QStringLiteral("/data"));
    berth::local::LocalRegistry *registry = localRegistry(window);
    using State = berth::local::LocalRegistry::State;
    const LocalRegistryReaper reaper{
        berth::local::LocalRegistryPreferences(&settings).workDirectory()};

    child<QPushButton>(*panel, "startStopButton")->click();
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Running; }))
        << registry->statusText().toStdString() << "\n"
        << registry->log().join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(child<QLabel>(*panel, "statusLabel")->text().contains(host));
    EXPECT_EQ(child<QPushButton>(*panel, "startStopButton")->text(), QStringLiteral("Stop"));
    EXPECT_FALSE(child<QSpinBox>(*panel, "portBox")->isEnabled()); // settings change while stopped
    EXPECT_TRUE(child<QPlainTextEdit>(*panel, "snippetsView")
                    ->toPlainText()
                    .contains(host + QStringLiteral("/alpine")));
    // The empty registry offers demo images once; they appear after yes.
    QPointer<QMessageBox> demoOffer;
    ASSERT_TRUE(pollUntil([&] { return (demoOffer = dialogs.last<QMessageBox>()); }))
        << statusText(window).toStdString();
    demoOffer->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 3; }))
        << statusText(window).toStdString();
    // Something to look at: the first demo image is open and selected.
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->currentTagRow() >= 0; }))
        << statusText(window).toStdString();
    EXPECT_TRUE(tagModel(window)->repository().startsWith(QStringLiteral("demo/")));
    // The log shows the start of its lines, whatever their length.
    EXPECT_EQ(child<QPlainTextEdit>(*panel, "logView")->horizontalScrollBar()->value(), 0);
    {
        // A client no one here wrote pulls every platform and checks every digest.
        QProcess pull;
        pull.setProcessChannelMode(QProcess::MergedChannels);
        pull.start(QStringLiteral("skopeo"),
                   {QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                    QStringLiteral("--all"), QStringLiteral("--src-tls-verify=false"),
                    QStringLiteral("docker://") + host + QStringLiteral("/demo/web:latest"),
                    QStringLiteral("oci:") + dir.path() + QStringLiteral("/pulled:web")});
        ASSERT_TRUE(pull.waitForFinished(60000));
        EXPECT_EQ(pull.exitCode(), 0) << pull.readAll().toStdString();
    }
    QString output;
    ASSERT_TRUE(skopeoPush(dir.path(), layoutDir.path(), QStringLiteral("v1"),
                           host + QStringLiteral("/demo/app:v1"), {}, &output))
        << output.toStdString();

    // Browse it: the built-in profile now points at this port.
    trigger(window, "refresh");
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 4; }))
        << statusText(window).toStdString();
    registryWidget(window)->openTag(QStringLiteral("demo/app"), QStringLiteral("v1"));
    ASSERT_TRUE(pollUntil([&] {
        return tagModel(window)->isComplete() && tagModel(window)->rowCount() == 1 &&
               tagModel(window)->description(0);
    }));
    EXPECT_EQ(QString::fromStdString(tagModel(window)->description(0)->manifest->digest.toString()),
              image.manifestDigest);
    // A demo image described by Berth's client: a multi-arch index.
    registryWidget(window)->openTag(QStringLiteral("demo/web"), QStringLiteral("latest"));
    ASSERT_TRUE(pollUntil([&] {
        return tagModel(window)->isComplete() && tagModel(window)->rowCount() == 2 &&
               tagModel(window)->description(0) && tagModel(window)->description(1);
    }));
    EXPECT_EQ(tagModel(window)->description(0)->platformNames(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
    // The live log shows the requests.
    ASSERT_TRUE(pollUntil([&] {
        return child<QPlainTextEdit>(*panel, "logView")
            ->toPlainText()
            .contains(QStringLiteral("/v2/demo/app/manifests/v1"));
    })) << child<QPlainTextEdit>(*panel, "logView")->toPlainText().toStdString();

    child<QPushButton>(*panel, "startStopButton")->click();
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Stopped; }))
        << registry->statusText().toStdString();
    EXPECT_FALSE(portAnswers(port));
    EXPECT_TRUE(child<QSpinBox>(*panel, "portBox")->isEnabled());

    // Logins: a user added from the panel; the password is only hashed.
    child<QCheckBox>(*panel, "requireLoginBox")->setChecked(true);
    child<QLineEdit>(*panel, "userEdit")->setText(QStringLiteral("alice"));
    child<QLineEdit>(*panel, "passwordEdit")->setText(QStringLiteral("panel-secret-42"));
    child<QPushButton>(*panel, "addUserButton")->click();
    ASSERT_TRUE(pollUntil([&] { return child<QListWidget>(*panel, "userList")->count() == 1; }));
    EXPECT_TRUE(child<QLineEdit>(*panel, "passwordEdit")->text().isEmpty());
    QFile htpasswd(berth::local::LocalRegistryPreferences(&settings).htpasswdPath());
    ASSERT_TRUE(htpasswd.open(QIODevice::ReadOnly));
    const QByteArray users = htpasswd.readAll();
    EXPECT_TRUE(users.startsWith("alice:$2b$")) << users.toStdString();
    EXPECT_FALSE(users.contains("panel-secret-42"));
    QFile ini(settings.fileName());
    settings.sync();
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ini.readAll().contains("panel-secret-42"));

    child<QPushButton>(*panel, "startStopButton")->click();
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Running; }))
        << registry->statusText().toStdString();
    EXPECT_FALSE(skopeoPush(dir.path(), layoutDir.path(), QStringLiteral("v1"),
                            host + QStringLiteral("/demo/app:v2"), {}, &output));
    EXPECT_TRUE(skopeoPush(dir.path(), layoutDir.path(), QStringLiteral("v1"),
                           host + QStringLiteral("/demo/app:v2"),
                           QStringLiteral("alice:panel-secret-42"), &output))
        << output.toStdString();
    // Berth's own "Local registry" entry logs in as alice now (the panel's
    // "Berth logs in as this user" is ticked by default): browsing goes on.
    ASSERT_TRUE(pollUntil([&] {
        return registryWidget(window)->profile() &&
               registryWidget(window)->profile()->username == QLatin1String("alice");
    }));
    trigger(window, "refresh");
    ASSERT_TRUE(pollUntil([&] {
        const RequestLogModel *log = requestLogModel(window);
        for (int r = 0; r < log->rowCount(); ++r) {
            if (log->entry(r).url.contains(QStringLiteral("/v2/_catalog")) &&
                log->entry(r).status == 200 && log->entry(r).url.contains(QString::number(port)))
                return repositoryModel(window)->repositoryCount() == 4;
        }
        return false;
    })) << statusText(window).toStdString();

    // Another Berth (same settings directory) finds it running and stops it.
    berth::local::LocalRegistry second(
        berth::local::LocalRegistryPreferences(&settings).workDirectory());
    EXPECT_EQ(second.state(), State::Running);
    EXPECT_EQ(second.pid(), registry->pid());
    second.stop();
    ASSERT_TRUE(pollUntil([&] { return second.state() == State::Stopped; }));
    ASSERT_TRUE(pollUntil([&] { return registry->state() != State::Running; }));
    EXPECT_FALSE(portAnswers(port));
}

// distribution as the local engine (same generated config.yml), started the
// way the app does at launch; closing Berth stops it unless "keep running"
// is set, and then a later Berth finds it running.
TEST(MainWindowTest, LocalRegistryWithDistributionStopsOnQuitUnlessKeptRunning)
{
    if (berth::local::LocalRegistry::findDistribution().isEmpty())
        GTEST_SKIP() << "docker-registry is not installed";
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    const quint16 port = freePort();
    settings.setValue(QStringLiteral("localRegistry/engine"), QStringLiteral("distribution"));
    settings.setValue(QStringLiteral("localRegistry/port"), port);
    settings.setValue(QStringLiteral("localRegistry/dataDirectory"),
                      QString(dir.path() + QStringLiteral("/data")));
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    const LocalRegistryReaper reaper{
        berth::local::LocalRegistryPreferences(&settings).workDirectory()};
    using State = berth::local::LocalRegistry::State;
    {
        MainWindow window(settings, secrets);
        window.show();
        window.startLocalRegistryAtLaunch();
        berth::local::LocalRegistry *registry = localRegistry(window);
        ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Running; }))
            << registry->statusText().toStdString();
        EXPECT_TRUE(portAnswers(port));
        EXPECT_TRUE(QFile(registry->configPath()).exists());
        // Quit with a second window open: the first waits for the registry
        // to stop, then closes, and the second goes too.
        const auto before = QApplication::topLevelWidgets();
        trigger(window, "newWindow");
        QPointer<MainWindow> second;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *m = qobject_cast<MainWindow *>(w); m && m != &window && !before.contains(w))
                second = m;
        }
        ASSERT_TRUE(second);
        trigger(window, "quit");
        EXPECT_TRUE(window.isVisible());
        ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Stopped; }))
            << registry->statusText().toStdString();
        EXPECT_FALSE(portAnswers(port));
        EXPECT_TRUE(pollUntil([&] { return !window.isVisible(); }));
        EXPECT_TRUE(pollUntil([&] { return !second || !second->isVisible(); }))
            << "Quit closes every window";
    }
    settings.setValue(QStringLiteral("localRegistry/keepRunning"), true);
    qint64 pid = 0;
    {
        MainWindow window(settings, secrets);
        window.show();
        window.startLocalRegistryAtLaunch();
        ASSERT_TRUE(pollUntil([&] { return localRegistry(window)->state() == State::Running; }));
        pid = localRegistry(window)->pid();
        window.close();
        EXPECT_EQ(localRegistry(window)->state(), State::Running);
    }
    EXPECT_TRUE(portAnswers(port)); // outlived the window
    MainWindow later(settings, secrets);
    berth::local::LocalRegistry *found = localRegistry(later);
    EXPECT_EQ(found->state(), State::Running);
    EXPECT_EQ(found->pid(), pid);
    EXPECT_EQ(found->settings().engine, berth::local::LocalRegistrySettings::Engine::Distribution);
    found->stop();
    ASSERT_TRUE(pollUntil([&] { return found->state() == State::Stopped; }));
    EXPECT_FALSE(portAnswers(port));
}

// First start with the local registry's port already taken by another
// registry (docker-registry here): said in words with a free port offered;
// the built-in profile does not show the other registry as Berth's own;
// taking the offer starts Berth's registry there and the profile follows.
TEST(MainWindowTest, APortTakenByAnotherRegistryIsSaidAndAFreeOneOffered)
{
    const berth::test::ScopedEnv binary("BERTH_REGISTRY_BINARY", BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture other; // docker-registry, someone else's
    ASSERT_TRUE(other.start()) << other.error().toStdString();
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    settings.setValue(QStringLiteral("localRegistry/port"), other.port());
    settings.setValue(QStringLiteral("localRegistry/dataDirectory"),
                      QString(dir.path() + QStringLiteral("/data")));
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    const LocalRegistryReaper reaper{
        berth::local::LocalRegistryPreferences(&settings).workDirectory()};
    using State = berth::local::LocalRegistry::State;

    MainWindow window(settings, secrets);
    window.show();
    window.startLocalRegistryAtLaunch();
    berth::local::LocalRegistry *registry = localRegistry(window);
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Failed; }));
    const quint16 instead = registry->freePortInstead();
    ASSERT_NE(instead, 0);
    EXPECT_NE(instead, other.port());
    EXPECT_TRUE(statusText(window).contains(QStringLiteral("used by another program")))
        << statusText(window).toStdString();
    EXPECT_TRUE(statusText(window).contains(QString::number(instead)));
    EXPECT_TRUE(pollUntil([&] { return registryWidget(window)->session() == nullptr; }))
        << "the other registry is shown as Berth's local one";

    Q_EMIT child<QLabel>(window, "statusMessage")->linkActivated(QStringLiteral("use-port"));
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Running; }))
        << registry->statusText().toStdString();
    EXPECT_EQ(registry->settings().port, instead);
    ASSERT_TRUE(pollUntil([&] {
        return registryWidget(window)->session() && registryWidget(window)->profile()->builtIn &&
               registryWidget(window)->profile()->url.endsWith(QString::number(instead));
    }));
    registry->stop();
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Stopped; }));
}

// The Mirror tab makes the local registry a pull-through cache of an
// upstream that needs a login: the password typed there goes to the
// secret store (here the session's), a start without it is refused in
// words, and with it images pull through the mirror; the snippets point
// podman at it.
TEST(MainWindowTest, TheMirrorTabMakesTheLocalRegistryAMirrorWithAStoredLogin)
{
    const berth::test::ScopedEnv binary("BERTH_REGISTRY_BINARY", BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture::Options options;
    options.htpasswdUser = QStringLiteral("puller");
    options.htpasswdPassword = QStringLiteral("upstream-pass");
    berth::test::RegistryFixture upstream(options);
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir dir;
    QTemporaryDir layoutDir;
    const auto image = writeImageLayout(
        layoutDir.path(), 23, QStringLiteral("2025-04-04T00:00:00Z"), 2000, QStringLiteral("v1"));
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("v1"), QStringLiteral("app:v1")))
        << upstream.lastOutput().toStdString();
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    settings.setValue(QStringLiteral("localRegistry/startAtLaunch"), false);
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    const LocalRegistryReaper reaper{
        berth::local::LocalRegistryPreferences(&settings).workDirectory()};
    using State = berth::local::LocalRegistry::State;

    MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    trigger(window, "localRegistry");
    QPointer<LocalRegistryPanel> panel = dialogs.last<LocalRegistryPanel>();
    ASSERT_TRUE(panel);
    const quint16 port = freePort();
    child<QSpinBox>(*panel, "portBox")->setValue(port);
    child<QLineEdit>(*panel, "dataDirectoryEdit")->setText(dir.path() + QStringLiteral("/data"));
    child<QLineEdit>(*panel, "mirrorPrefixEdit")->setText(QStringLiteral("up"));
    child<QLineEdit>(*panel, "mirrorUrlEdit")->setText(upstream.baseUrl());
    child<QLineEdit>(*panel, "mirrorUserEdit")->setText(QStringLiteral("puller"));
    child<QPushButton>(*panel, "mirrorAddButton")->click(); // no password yet
    EXPECT_EQ(child<QTreeWidget>(*panel, "mirrorUpstreamList")->topLevelItemCount(), 1);
    const QString snippets = child<QPlainTextEdit>(*panel, "snippetsView")->toPlainText();
    EXPECT_TRUE(snippets.contains(QStringLiteral("location = \"127.0.0.1:%1/up\"").arg(port)))
        << snippets.toStdString();

    berth::local::LocalRegistry *registry = localRegistry(window);
    child<QPushButton>(*panel, "startStopButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return child<QLabel>(*panel, "statusLabel")->text().contains(QStringLiteral("no password"));
    })) << child<QLabel>(*panel, "statusLabel")->text().toStdString();
    EXPECT_NE(registry->state(), State::Running);

    // Select the upstream (its fields come back) and give it the password.
    auto *list = child<QTreeWidget>(*panel, "mirrorUpstreamList");
    list->setCurrentItem(list->topLevelItem(0));
    EXPECT_EQ(child<QLineEdit>(*panel, "mirrorUserEdit")->text(), QStringLiteral("puller"));
    child<QLineEdit>(*panel, "mirrorPasswordEdit")->setText(QStringLiteral("upstream-pass"));
    child<QPushButton>(*panel, "mirrorAddButton")->click();
    EXPECT_EQ(list->topLevelItemCount(), 1);
    EXPECT_TRUE(child<QLineEdit>(*panel, "mirrorPasswordEdit")->text().isEmpty());
    ASSERT_TRUE(pollUntil([&] {
        return secrets.isRememberedForSession(
            QStringLiteral("mirror/%1/puller").arg(upstream.baseUrl()));
    }));
    child<QPushButton>(*panel, "startStopButton")->click();
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Running; }))
        << registry->statusText().toStdString() << "\n"
        << registry->log().join(QLatin1Char('\n')).toStdString();
    QFile config(registry->configPath());
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    EXPECT_FALSE(config.readAll().contains("upstream-pass"));
    settings.sync();
    QFile settingsFile(settings.fileName());
    ASSERT_TRUE(settingsFile.open(QIODevice::ReadOnly));
    EXPECT_FALSE(settingsFile.readAll().contains("upstream-pass"));

    QProcess skopeo;
    skopeo.start(QStringLiteral("skopeo"),
                 {QStringLiteral("inspect"), QStringLiteral("--raw"),
                  QStringLiteral("--tls-verify=false"),
                  QStringLiteral("docker://127.0.0.1:%1/up/app:v1").arg(port)});
    ASSERT_TRUE(skopeo.waitForFinished(60000));
    const QByteArray raw = skopeo.readAllStandardOutput();
    EXPECT_EQ(berth::oci::Digest::sha256Of(raw.toStdString()).toString(),
              image.manifestDigest.toStdString())
        << skopeo.readAllStandardError().toStdString();
    child<QPushButton>(*panel, "startStopButton")->click();
    ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Stopped; }));
}
