// The real MainWindow (offscreen platform) against a real docker-registry:
// add a registry through the dialog, browse, inspect; a dead registry; logins
// imported from docker; secrets that never reach settings or logs.
#include "scenario_helpers.h"
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "support/scoped_env.h"

#include "docker_import_dialog.h"
#include "image_details_view.h"
#include "main_window.h"
#include "oci/digest.h"
#include "registry_dialog.h"
#include "repository_model.h"
#include "request_log_model.h"
#include "search_panel.h"
#include "secret_store.h"
#include "tag_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace berth::ui;
using berth::test::child;
using berth::test::detailsView;
using berth::test::pollUntil;
using berth::test::profiles;
using berth::test::registryWidget;
using berth::test::repositoryModel;
using berth::test::requestLogModel;
using berth::test::searchPanel;
using berth::test::statusText;
using berth::test::tagFilterModel;
using berth::test::tagModel;
using berth::test::tagView;
using berth::test::trigger;
using berth::test::writeImageLayout;
using berth::test::writeProfiles;

TEST(MainWindowTest, AddRegistryBrowseRepositoriesTagsAndDetails)
{
    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();

    // First run: the built-in local registry profile is there, and the
    // request log is out of the way until asked for.
    ASSERT_EQ(profiles(window).size(), 1);
    EXPECT_TRUE(profiles(window)[0].builtIn);
    auto *logDock = child<QDockWidget>(window, "requestLog");
    ASSERT_TRUE(logDock);
    EXPECT_FALSE(logDock->isVisible());
    trigger(window, "showRequestLog"); // View → Request log
    EXPECT_TRUE(logDock->isVisible());

    // Add the test registry through the dialog, as a person would.
    berth::test::DialogWatcher dialogs;
    trigger(window, "addRegistry");
    QPointer<RegistryDialog> dialog = dialogs.last<RegistryDialog>();
    ASSERT_TRUE(dialog);
    QTest::keyClicks(child<QLineEdit>(*dialog, "nameEdit"), QStringLiteral("Test registry"));
    QTest::keyClicks(child<QLineEdit>(*dialog, "urlEdit"), world.registry.hostPort());
    QTest::mouseClick(child<QPushButton>(*dialog, "testButton"), Qt::LeftButton);
    ASSERT_TRUE(pollUntil([&] {
        return child<QLabel>(*dialog, "testResult")->text().startsWith(QStringLiteral("✓"));
    })) << child<QLabel>(*dialog, "testResult")->text().toStdString();
    EXPECT_TRUE(
        child<QLabel>(*dialog, "testResult")->text().contains(QStringLiteral("registry/2.0")));
    // Test connection's requests are in the request log, as every call is.
    const auto logged = [&window](const QString &path) {
        const RequestLogModel *log = requestLogModel(window);
        for (int r = 0; r < log->rowCount(); ++r) {
            if (QUrl(log->entry(r).url).path() == path)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(logged(QStringLiteral("/v2/")));
    dialog->accept();
    ASSERT_TRUE(pollUntil(
        [&] { return profiles(window).size() == 2 && registryWidget(window)->session(); }));

    // Repositories load as a tree.
    RepositoryModel *repos = repositoryModel(window);
    ASSERT_TRUE(pollUntil([&] { return repos->repositoryCount() == 6 && !repos->isLoading(); }));
    registryWidget(window)->openRepository(QStringLiteral("app/web"));
    TagModel *tags = tagModel(window);
    ASSERT_TRUE(pollUntil([&] {
        return tags->rowCount() == 5 && tags->isComplete() && tags->describedCount() == 5;
    }));
    ASSERT_TRUE(pollUntil([&] {
        return berth::test::child<QLabel>(window, "repositorySummary")
            ->text()
            .contains(QStringLiteral("5 tags"));
    })) << berth::test::child<QLabel>(window, "repositorySummary")->text().toStdString();

    // The table shows sizes and dates from the registry.
    const int v2 = tags->rowOfTag(QStringLiteral("v2"));
    EXPECT_EQ(tags->index(v2, TagModel::SizeColumn).data(TagModel::SortRole).toLongLong(),
              world.newer.size);
    EXPECT_FALSE(tags->index(v2, TagModel::CreatedColumn).data().toString().isEmpty());

    // Select v2: every details tab has content.
    QTableView *view = tagView(window);
    const QModelIndex proxyIndex = tagFilterModel(window)->mapFromSource(tags->index(v2, 0));
    view->setCurrentIndex(proxyIndex);
    ImageDetailsView *details = detailsView(window);
    ASSERT_TRUE(pollUntil(
        [&] { return details->pullCommandForDigest().contains(world.newer.manifestDigest); }));
    EXPECT_EQ(details->pullCommandForTag(),
              QStringLiteral("docker pull %1/app/web:v2").arg(world.registry.hostPort()));
    for (int tab = 0; tab < details->count(); ++tab) {
        details->setCurrentIndex(tab);
        QCoreApplication::processEvents();
    }
    auto *layers = child<QTableWidget>(*details, "layers");
    ASSERT_EQ(layers->rowCount(), 2);
    // Digests shortened (whole in the tooltip), media types by their suffix.
    EXPECT_EQ(layers->item(0, 1)->text().size(), 20) << layers->item(0, 1)->text().toStdString();
    EXPECT_TRUE(layers->item(0, 1)->toolTip().startsWith(layers->item(0, 1)->text().chopped(1)));
    EXPECT_EQ(layers->item(0, 1)->toolTip().size(), 71);
    EXPECT_EQ(layers->item(0, 2)->text(), QStringLiteral("tar+gzip"));
    EXPECT_EQ(layers->horizontalHeader()->sectionResizeMode(0), QHeaderView::ResizeToContents);
    const auto *manifestText =
        details->widget(ImageDetailsView::ManifestTab)->findChild<QPlainTextEdit *>();
    ASSERT_NE(manifestText, nullptr);
    EXPECT_TRUE(manifestText->toPlainText().contains(QStringLiteral("\"schemaVersion\": 2")));
    auto *referrersStatus = details->widget(ImageDetailsView::ReferrersTab)->findChild<QLabel *>();
    ASSERT_TRUE(pollUntil([&] {
        return referrersStatus->text().contains(QStringLiteral("No signatures"));
    })) << referrersStatus->text().toStdString();

    // The Overview names the image's other tags, and times carry their zone.
    view->setCurrentIndex(tagFilterModel(window)->mapFromSource(
        tags->index(tags->rowOfTag(QStringLiteral("v1.10")), 0)));
    const QString overview =
        details->widget(ImageDetailsView::OverviewTab)->findChild<QLabel *>()->text();
    EXPECT_TRUE(overview.contains(QStringLiteral("Also tagged"))) << overview.toStdString();
    EXPECT_TRUE(overview.contains(QStringLiteral("<td>v1</td>"))) << overview.toStdString();
    const QString created =
        tags->index(tags->rowOfTag(QStringLiteral("v1.10")), TagModel::CreatedColumn)
            .data()
            .toString();
    EXPECT_TRUE(overview.contains(created)) << created.toStdString();
    EXPECT_TRUE(created.endsWith(QDateTime::currentDateTime().timeZoneAbbreviation()))
        << created.toStdString();
    view->setCurrentIndex(proxyIndex);

    // A single image says why it lists no platforms; no chooser is offered.
    auto *platforms = child<QTableWidget>(*details, "platforms");
    auto *chooser = child<QComboBox>(*details, "platformChooser");
    EXPECT_EQ(platforms->rowCount(), 0);
    EXPECT_TRUE(child<QLabel>(*details, "platformsStatus")
                    ->text()
                    .contains(QStringLiteral("single image for linux/amd64")));
    EXPECT_FALSE(chooser->isVisibleTo(details));

    // The multi-arch tag lists its platforms and its attestation apart, and
    // shows this machine's platform (amd64: three layers) in Layers and Config.
    view->setCurrentIndex(tagFilterModel(window)->mapFromSource(
        tags->index(tags->rowOfTag(QStringLiteral("latest")), 0)));
    ASSERT_TRUE(pollUntil([&] { return platforms->rowCount() == 3; }));
    EXPECT_EQ(platforms->item(2, 1)->text(), QStringLiteral("attestation"));
    EXPECT_TRUE(chooser->isVisibleTo(details));
    ASSERT_EQ(chooser->count(), 2);
    EXPECT_EQ(chooser->currentText(), QStringLiteral("linux/amd64"));
    EXPECT_EQ(layers->rowCount(), 3);
    EXPECT_FALSE(child<QLabel>(*details, "layersStatus")->isVisibleTo(details));
    auto *config = child<QTableWidget>(*details, "config");
    ASSERT_GT(config->rowCount(), 0);
    EXPECT_EQ(config->item(0, 1)->text(), QStringLiteral("linux/amd64"));
    // Choosing arm64 in the Platforms tab shows its two layers; activating
    // the row goes to them.
    details->setCurrentIndex(ImageDetailsView::PlatformsTab);
    platforms->selectRow(1);
    EXPECT_EQ(chooser->currentText(), QStringLiteral("linux/arm64"));
    EXPECT_EQ(layers->rowCount(), 2);
    EXPECT_EQ(config->item(0, 1)->text(), QStringLiteral("linux/arm64"));
    Q_EMIT platforms->cellActivated(1, 0);
    EXPECT_EQ(details->currentIndex(), int(ImageDetailsView::LayersTab));
    // The attestation row is no platform to choose.
    platforms->selectRow(2);
    EXPECT_EQ(chooser->currentText(), QStringLiteral("linux/arm64"));
    chooser->setCurrentIndex(0);
    EXPECT_EQ(platforms->currentRow(), 0);

    // Sort by created (newest first), then filter by regex.
    view->horizontalHeader()->setSortIndicator(TagModel::CreatedColumn, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    EXPECT_EQ(tagFilterModel(window)->index(0, TagModel::TagColumn).data().toString(),
              QStringLiteral("v2"));
    berth::test::child<QCheckBox>(window, "tagRegex")->setChecked(true);
    QTest::keyClicks(berth::test::child<QLineEdit>(window, "tagFilter"),
                     QStringLiteral("^v1\\.[0-9]+$"));
    EXPECT_EQ(tagFilterModel(window)->rowCount(), 2);
    auto *summary = berth::test::child<QLabel>(window, "repositorySummary");
    EXPECT_TRUE(summary->text().contains(QStringLiteral("5 tags, 2 shown")))
        << summary->text().toStdString();
    // An invalid pattern shows nothing, and says so (never the last valid
    // pattern's rows).
    QTest::keyClick(berth::test::child<QLineEdit>(window, "tagFilter"), Qt::Key_ParenLeft);
    EXPECT_EQ(tagFilterModel(window)->rowCount(), 0);
    EXPECT_TRUE(summary->text().contains(QStringLiteral("not a valid regular expression")))
        << summary->text().toStdString();
    QTest::keyClick(berth::test::child<QLineEdit>(window, "tagFilter"), Qt::Key_Backspace);
    EXPECT_EQ(tagFilterModel(window)->rowCount(), 2);

    // Search across the registry, then jump to a hit.
    trigger(window, "search");
    SearchPanel *search = searchPanel(window);
    QTest::keyClicks(child<QLineEdit>(*search, "searchEdit"), QStringLiteral("1.9"));
    QTest::keyClick(child<QLineEdit>(*search, "searchEdit"), Qt::Key_Return);
    ASSERT_TRUE(pollUntil([&] {
        return !search->isSearching() && child<QListWidget>(*search, "results")->count() == 1;
    })) << child<QListWidget>(*search, "results")->count();
    QListWidgetItem *hit = child<QListWidget>(*search, "results")->item(0);
    EXPECT_EQ(hit->text(), QStringLiteral("app/web:v1.9"));
    Q_EMIT child<QListWidget>(*search, "results")->itemActivated(hit);
    const QModelIndex current = tagFilterModel(window)->mapToSource(view->currentIndex());
    EXPECT_EQ(tags->tag(current.row()), QStringLiteral("v1.9"));

    // The request log saw the calls and holds no credentials.
    EXPECT_GT(requestLogModel(window)->rowCount(), 5);
    window.close();
    QFile ini(dir.path() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_TRUE(ini.readAll().contains("Test registry"));
}

// Renaming a registry (or changing its GC settings) keeps what is shown:
// the same connection, the open repository, the selection, the request
// log. Changing its address connects anew.
TEST(MainWindowTest, SavingAProfileKeepsTheViewUnlessItsConnectionChanged)
{
    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("name"), QStringLiteral("Test registry")},
                              {QStringLiteral("url"), world.registry.hostPort()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 6; }));
    registryWidget(window)->openRepository(QStringLiteral("app/web"));
    TagModel *tags = tagModel(window);
    ASSERT_TRUE(pollUntil([&] { return tags->rowCount() == 5 && tags->isComplete(); }));
    const QModelIndex v2 =
        tagFilterModel(window)->mapFromSource(tags->index(tags->rowOfTag(QStringLiteral("v2")), 0));
    tagView(window)->setCurrentIndex(v2);
    const QPointer<berth::client::RegistrySession> session = registryWidget(window)->session();
    const int logged = requestLogModel(window)->rowCount();
    ASSERT_GT(logged, 0);

    berth::test::DialogWatcher dialogs;
    const auto editor = [&]() -> RegistryDialog * {
        trigger(window, "editRegistry");
        RegistryDialog *d = nullptr;
        pollUntil([&] {
            d = dialogs.last<RegistryDialog>();
            return d && d->isVisible();
        });
        return d;
    };
    RegistryDialog *rename = editor();
    ASSERT_TRUE(rename);
    child<QLineEdit>(*rename, "nameEdit")->setText(QStringLiteral("Staging"));
    rename->accept();
    EXPECT_EQ(registryWidget(window)->session(), session.data());
    EXPECT_EQ(registryWidget(window)->profile()->name, QStringLiteral("Staging"));
    EXPECT_EQ(child<QComboBox>(window, "registryBox")->currentText(), QStringLiteral("Staging"));
    EXPECT_EQ(tags->rowCount(), 5);
    EXPECT_EQ(tagView(window)->currentIndex().data().toString(), QStringLiteral("v2"));
    EXPECT_GE(requestLogModel(window)->rowCount(), logged);

    RegistryDialog *move = editor();
    ASSERT_TRUE(move);
    child<QLineEdit>(*move, "urlEdit")
        ->setText(QStringLiteral("http://") + world.registry.hostPort());
    move->accept();
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->session() != session.data(); }));
    EXPECT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 6; }));
}

TEST(MainWindowTest, DeadRegistryIsReportedInWordsWithoutBlocking)
{
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    // The built-in profile points at 127.0.0.1:5000; point it at a closed port.
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("dead")},
                              {QStringLiteral("name"), QStringLiteral("Dead")},
                              {QStringLiteral("url"), QStringLiteral("127.0.0.1:%1").arg(port)}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    {
        MainWindow window(settings, secrets);
        window.show();
        ASSERT_TRUE(pollUntil([&] {
            return statusText(window).contains(QStringLiteral("refused"));
        })) << statusText(window).toStdString();
    }
    // A registry that takes the connection and never answers: the window is
    // up and its event loop runs while the request waits (nothing blocks on
    // the network), and the wait is said in words.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost, 0));
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("silent")},
                              {QStringLiteral("name"), QStringLiteral("Silent")},
                              {QStringLiteral("url"),
                               QStringLiteral("127.0.0.1:%1").arg(silent.serverPort())}}});
    MainWindow window(settings, secrets);
    window.show();
    EXPECT_TRUE(statusText(window).startsWith(QStringLiteral("Connecting to")))
        << statusText(window).toStdString();
    ASSERT_TRUE(pollUntil([&] { return silent.hasPendingConnections(); }));
    bool eventLoopRan = false;
    QTimer::singleShot(0, &window, [&] { eventLoopRan = true; });
    ASSERT_TRUE(pollUntil([&] { return eventLoopRan; }));
    EXPECT_TRUE(statusText(window).startsWith(QStringLiteral("Connecting to")))
        << "the request cannot have been answered: " << statusText(window).toStdString();
}

TEST(MainWindowTest, ImportsDockerLoginsAfterPreviewIntoTheSecretStore)
{
    QTemporaryDir dir;
    const QByteArray config = R"({"auths":{"https://index.docker.io/v1/":{"auth":")" +
                              QByteArray("hubuser:hub-pass").toBase64() +
                              R"("},"localhost:5999":{"username":"dev","password":"dev-pass"}}})";
    QFile file(dir.path() + QStringLiteral("/config.json"));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(config);
    file.close();
    const berth::test::ScopedEnv dockerConfig("DOCKER_CONFIG", dir.path().toStdString());

    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    berth::test::DialogWatcher dialogs;
    trigger(window, "importFromDocker");
    QPointer<DockerImportDialog> dialog = dialogs.last<DockerImportDialog>();
    ASSERT_TRUE(dialog);
    ASSERT_TRUE(pollUntil([&] { return dialog->isLoaded(); }));
    ASSERT_EQ(child<QTableWidget>(*dialog, "table")->rowCount(), 2);
    EXPECT_EQ(child<QTableWidget>(*dialog, "table")->item(0, 0)->text(),
              QStringLiteral("registry-1.docker.io"));
    // The user unticks the first one.
    child<QTableWidget>(*dialog, "table")->item(0, 0)->setCheckState(Qt::Unchecked);
    dialog->accept();
    ASSERT_TRUE(pollUntil([&] { return profiles(window).size() == 2; }));
    const auto imported = profiles(window).at(1);
    EXPECT_EQ(imported.url, QStringLiteral("localhost:5999"));
    EXPECT_EQ(imported.username, QStringLiteral("dev"));
    const auto secret = berth::test::await(secrets.read(imported.secretKey()),
                                           &berth::credentials::SecretJob::finished);
    ASSERT_TRUE(secret && secret->ok());
    EXPECT_EQ(secret->value(), QStringLiteral("dev-pass"));
    settings.sync();
    QFile ini(dir.path() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    EXPECT_FALSE(text.contains("dev-pass"));
    EXPECT_FALSE(text.contains("hub-pass"));
}

namespace {

QStringList g_messages;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

// Qt's messages go to g_messages while it lives, however the test leaves.
class MessageCapture
{
public:
    MessageCapture()
        : m_previous(qInstallMessageHandler(captureMessage))
    {
        g_messages.clear();
    }
    ~MessageCapture() { qInstallMessageHandler(m_previous); }
    MessageCapture(const MessageCapture &) = delete;
    MessageCapture &operator=(const MessageCapture &) = delete;

private:
    QtMessageHandler m_previous;
};

} // namespace

// A login used for real (Basic auth against docker-registry with htpasswd)
// leaves no trace of the password — nor of its base64 form — in the
// settings file, the Qt log, or anything the request log panel shows.
TEST(MainWindowTest, SecretsNeverReachSettingsLogsOrTheRequestLog)
{
    const QString password = QStringLiteral("Pw-7f3c-do-not-leak");
    berth::test::RegistryFixture::Options options;
    options.htpasswdUser = QStringLiteral("alice");
    options.htpasswdPassword = password;
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layout;
    writeImageLayout(layout.path(), 5, QStringLiteral("2024-03-03T00:00:00Z"), 3000,
                     QStringLiteral("img"));
    ASSERT_TRUE(
        registry.push(layout.path(), QStringLiteral("img"), QStringLiteral("private/app:v1")))
        << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    {
        const MessageCapture capture;
        QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
        berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
        secrets.useSessionMemory();
        MainWindow window(settings, secrets);
        window.show();
        berth::test::DialogWatcher dialogs;
        trigger(window, "addRegistry");
        QPointer<RegistryDialog> dialog = dialogs.last<RegistryDialog>();
        ASSERT_TRUE(dialog);
        QTest::keyClicks(child<QLineEdit>(*dialog, "nameEdit"), QStringLiteral("Private"));
        QTest::keyClicks(child<QLineEdit>(*dialog, "urlEdit"), registry.hostPort());
        QTest::keyClicks(child<QLineEdit>(*dialog, "usernameEdit"), QStringLiteral("alice"));
        QTest::keyClicks(child<QLineEdit>(*dialog, "passwordEdit"), password);
        QTest::mouseClick(child<QPushButton>(*dialog, "testButton"), Qt::LeftButton);
        ASSERT_TRUE(pollUntil([&] {
            return child<QLabel>(*dialog, "testResult")->text().startsWith(QStringLiteral("✓"));
        })) << child<QLabel>(*dialog, "testResult")->text().toStdString();
        dialog->accept();
        ASSERT_TRUE(pollUntil(
            [&] { return profiles(window).size() == 2 && registryWidget(window)->session(); }));
        RepositoryModel *repos = repositoryModel(window);
        ASSERT_TRUE(
            pollUntil([&] { return repos->repositoryCount() == 1 && !repos->isLoading(); }));
        registryWidget(window)->openRepository(QStringLiteral("private/app"));
        TagModel *tags = tagModel(window);
        ASSERT_TRUE(pollUntil([&] { return tags->isComplete() && tags->describedCount() == 1; }));

        // Everything the request log panel can show: every cell, every role.
        RequestLogModel *log = requestLogModel(window);
        ASSERT_GT(log->rowCount(), 3);
        QString shown;
        for (int row = 0; row < log->rowCount(); ++row) {
            for (int column = 0; column < log->columnCount(); ++column) {
                const QModelIndex index = log->index(row, column);
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::UserRole),
                                 int(Qt::UserRole) + 1, int(Qt::UserRole) + 2})
                    shown += index.data(role).toString() + QLatin1Char('\n');
            }
        }
        const QString basic =
            QString::fromLatin1(QByteArray("alice:" + password.toUtf8()).toBase64());
        EXPECT_FALSE(shown.contains(password));
        EXPECT_FALSE(shown.contains(basic));
        EXPECT_FALSE(shown.contains(QStringLiteral("Authorization"), Qt::CaseInsensitive));
        window.close();
        settings.sync();
    }
    QFile ini(dir.path() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    EXPECT_TRUE(text.contains("Private"));
    EXPECT_FALSE(text.contains(password.toUtf8()));
    EXPECT_FALSE(text.contains(QByteArray("alice:" + password.toUtf8()).toBase64()));
    const QString messages = g_messages.join(QLatin1Char('\n'));
    EXPECT_FALSE(messages.contains(password)) << messages.toStdString();
    EXPECT_FALSE(messages.contains(
        QString::fromLatin1(QByteArray("alice:" + password.toUtf8()).toBase64())));
}

// A registry that refuses to list without a login is not called empty:
// where its repositories would be, it says why there are none and where
// a login goes.
TEST(MainWindowTest, ARegistryThatRefusesToListSaysWhyNotThatItIsEmpty)
{
    berth::test::RegistryFixture::Options options;
    options.htpasswdUser = QStringLiteral("alice");
    options.htpasswdPassword = QStringLiteral("s3cret");
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Guarded"), registry.hostPort()}});
    MainWindow &window = shown.window();
    auto *empty = child<QLabel>(window, "repositoriesEmpty");
    ASSERT_TRUE(empty);
    ASSERT_TRUE(pollUntil([&] {
        return empty->isVisible() && empty->text().startsWith(QStringLiteral("Berth could not"));
    })) << empty->text().toStdString()
        << " / " << statusText(window).toStdString();
    EXPECT_FALSE(empty->text().contains(QStringLiteral("No repositories yet")));
    EXPECT_TRUE(empty->text().contains(QStringLiteral("Registry → Edit…")))
        << empty->text().toStdString();
}

// A registry with nothing in it says so where its repositories would be,
// with the command that pushes one there; a registry with repositories
// does not.
TEST(MainWindowTest, AnEmptyRegistrySaysHowToPushOne)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Empty"), registry.hostPort()}});
    MainWindow &window = shown.window();
    auto *empty = child<QLabel>(window, "repositoriesEmpty");
    ASSERT_TRUE(empty);
    ASSERT_TRUE(pollUntil([&] { return empty->isVisible(); })) << statusText(window).toStdString();
    EXPECT_TRUE(empty->text().contains(QStringLiteral("docker push %1/").arg(registry.hostPort())))
        << empty->text().toStdString();
    EXPECT_TRUE(empty->text().startsWith(QStringLiteral("No repositories yet")));

    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();
    writeProfiles(shown.settings(), {{{QStringLiteral("id"), QStringLiteral("r")},
                                      {QStringLiteral("name"), QStringLiteral("Empty")},
                                      {QStringLiteral("url"), registry.hostPort()}},
                                     {{QStringLiteral("id"), QStringLiteral("w")},
                                      {QStringLiteral("name"), QStringLiteral("World")},
                                      {QStringLiteral("url"), world.registry.hostPort()}}});
    berth::test::only<ProfileController>(window)->load(QStringLiteral("w"));
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 6; }));
    EXPECT_FALSE(empty->isVisible());
}
