// Drives the real MainWindow (offscreen platform) against a real
// docker-registry: add the registry through the dialog, browse, inspect.
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "local/local_registry_preferences.h"
#include "support/scoped_env.h"

#include "bulk_delete_dialog.h"
#include "delete_manifest_job.h"
#include "delete_tag_dialog.h"
#include "docker_import_dialog.h"
#include "garbage_collect_dialog.h"
#include "image_details_view.h"
#include "local_registry.h"
#include "local_registry_panel.h"
#include "main_window.h"
#include "oci/digest.h"
#include "registry_dialog.h"
#include "registry_gc_dialog.h"
#include "repository_model.h"
#include "request_log_model.h"
#include "retention_dialog.h"
#include "search_panel.h"
#include "secret_store.h"
#include "storage/store_lock.h"
#include "storage_inspector_dialog.h"
#include "tag_filter_model.h"
#include "tag_model.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <csignal>
#include <filesystem>
#include <optional>

using namespace berth::ui;
using berth::test::child;
using berth::test::cleanup;
using berth::test::detailsView;
using berth::test::localRegistry;
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

namespace {

// Registry profiles into a test's settings file, keys as ProfileStore writes them.
void writeProfiles(QSettings &settings, const QList<QVariantMap> &profiles)
{
    settings.beginWriteArray(QStringLiteral("registries"), static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        for (auto it = profiles[i].cbegin(); it != profiles[i].cend(); ++it)
            settings.setValue(it.key(), it.value());
    }
    settings.endArray();
}

// One amd64 image in an OCI layout at `dir`, tagged `tag` there (for skopeo).
berth::test::ImageTruth writeImageLayout(const QString &dir, quint32 seed, const QString &created,
                                         qint64 layerSize, const QString &tag)
{
    berth::test::OciLayoutWriter w(dir, seed);
    const auto image = w.addImage(created, QStringLiteral("amd64"), {layerSize});
    w.tag(tag, image.manifestDigest, QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    w.save();
    return image;
}

} // namespace

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

    // First run: the built-in local registry profile is there.
    ASSERT_EQ(profiles(window).size(), 1);
    EXPECT_TRUE(profiles(window)[0].builtIn);

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
    auto *layers = details->widget(ImageDetailsView::LayersTab)->findChild<QTableWidget *>();
    if (!layers)
        layers = qobject_cast<QTableWidget *>(details->widget(ImageDetailsView::LayersTab));
    ASSERT_NE(layers, nullptr);
    EXPECT_EQ(layers->rowCount(), 2);
    const auto *manifestText =
        details->widget(ImageDetailsView::ManifestTab)->findChild<QPlainTextEdit *>();
    ASSERT_NE(manifestText, nullptr);
    EXPECT_TRUE(manifestText->toPlainText().contains(QStringLiteral("\"schemaVersion\": 2")));
    auto *referrersStatus = details->widget(ImageDetailsView::ReferrersTab)->findChild<QLabel *>();
    ASSERT_TRUE(pollUntil([&] {
        return referrersStatus->text().contains(QStringLiteral("No signatures"));
    })) << referrersStatus->text().toStdString();

    // The multi-arch tag lists its platforms and its attestation apart.
    view->setCurrentIndex(tagFilterModel(window)->mapFromSource(
        tags->index(tags->rowOfTag(QStringLiteral("latest")), 0)));
    auto *platforms = qobject_cast<QTableWidget *>(details->widget(ImageDetailsView::PlatformsTab));
    ASSERT_NE(platforms, nullptr);
    ASSERT_TRUE(pollUntil([&] { return platforms->rowCount() == 3; }));
    EXPECT_EQ(platforms->item(2, 1)->text(), QStringLiteral("attestation"));

    // Sort by created (newest first), then filter by regex.
    view->horizontalHeader()->setSortIndicator(TagModel::CreatedColumn, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    EXPECT_EQ(tagFilterModel(window)->index(0, TagModel::TagColumn).data().toString(),
              QStringLiteral("v2"));
    berth::test::child<QCheckBox>(window, "tagRegex")->setChecked(true);
    QTest::keyClicks(berth::test::child<QLineEdit>(window, "tagFilter"),
                     QStringLiteral("^v1\\.[0-9]+$"));
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

TEST(MainWindowTest, DeletesWithHonestConfirmation)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter w(layoutDir.path(), 4);
    const auto shared =
        w.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {100});
    const auto other =
        w.addImage(QStringLiteral("2024-02-01T00:00:00Z"), QStringLiteral("amd64"), {200});
    const QString m = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    const auto multi = w.addIndex(QStringLiteral("2024-03-01T00:00:00Z"), false);
    w.tag(QStringLiteral("shared"), shared.manifestDigest, m);
    w.tag(QStringLiteral("other"), other.manifestDigest, m);
    w.tag(QStringLiteral("multi"), multi.digest,
          QStringLiteral("application/vnd.oci.image.index.v1+json"));
    w.tag(QStringLiteral("amd64"), multi.platforms[0].manifestDigest, m);
    w.save();
    for (const auto &[ref, dest, all] : std::vector<std::tuple<QString, QString, bool>>{
             {QStringLiteral("shared"), QStringLiteral("app:a"), false},
             {QStringLiteral("shared"), QStringLiteral("app:b"), false},
             {QStringLiteral("other"), QStringLiteral("app:c"), false},
             {QStringLiteral("multi"), QStringLiteral("arch:v1"), true},
             {QStringLiteral("amd64"), QStringLiteral("arch:v1-amd64"), false}})
        ASSERT_TRUE(registry.push(layoutDir.path(), ref, dest, all))
            << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("url"), registry.hostPort()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    TagModel *tags = tagModel(window);
    QPointer<DeleteTagDialog> dialog;
    auto openAndSelect = [&](const QString &tag,
                             const QString &repository = QStringLiteral("app")) {
        registryWidget(window)->openTag(repository, tag);
        return pollUntil([&] {
            const QModelIndex current =
                tagFilterModel(window)->mapToSource(tagView(window)->currentIndex());
            return tags->isComplete() && current.isValid() && tags->tag(current.row()) == tag &&
                   tags->description(current.row()) && tags->describedCount() == tags->rowCount();
        });
    };
    auto tagNames = [&] {
        QStringList names;
        for (int r = 0; r < tags->rowCount(); ++r)
            names.append(tags->tag(r));
        names.sort();
        return names;
    };
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 2; }));

    // Tag only: the dialog names the sibling; the sibling stays.
    ASSERT_TRUE(openAndSelect(QStringLiteral("a")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(child<QLabel>(*dialog, "summary")->text().contains(shared.manifestDigest));
    EXPECT_TRUE(child<QLabel>(*dialog, "summary")->text().contains(QStringLiteral("<b>b</b>")))
        << child<QLabel>(*dialog, "summary")->text().toStdString();
    child<QPushButton>(*dialog, "tagOnlyButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return tagNames() == QStringList{QStringLiteral("b"), QStringLiteral("c")};
    })) << tagNames().join(QLatin1Char(',')).toStdString();

    // A tag that moved between listing and confirming is not deleted.
    ASSERT_TRUE(openAndSelect(QStringLiteral("b")));
    ASSERT_TRUE(registry.push(layoutDir.path(), QStringLiteral("other"), QStringLiteral("app:b")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    child<QPushButton>(*dialog, "tagOnlyButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return statusText(window).contains(QStringLiteral("nothing was deleted"));
    })) << statusText(window).toStdString();
    EXPECT_EQ(tagNames(), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));

    // The whole image: every tag of it goes (b now points at c's image).
    trigger(window, "refresh");
    ASSERT_TRUE(openAndSelect(QStringLiteral("c")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(child<QPushButton>(*dialog, "wholeImageButton")
                    ->text()
                    .contains(QStringLiteral("all 2 tags")))
        << child<QPushButton>(*dialog, "wholeImageButton")->text().toStdString();
    child<QPushButton>(*dialog, "wholeImageButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return tags->isComplete() && tags->rowCount() == 0 &&
               statusText(window).startsWith(QStringLiteral("Deleted"));
    })) << statusText(window).toStdString();

    // A platform of a multi-arch image: only its tag can go.
    ASSERT_TRUE(openAndSelect(QStringLiteral("v1-amd64"), QStringLiteral("arch")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(child<QLabel>(*dialog, "summary")
                    ->text()
                    .contains(QStringLiteral("multi-arch image <b>v1</b>")))
        << child<QLabel>(*dialog, "summary")->text().toStdString();
    EXPECT_FALSE(child<QPushButton>(*dialog, "wholeImageButton")->isEnabled());
    child<QPushButton>(*dialog, "tagOnlyButton")->click();
    ASSERT_TRUE(pollUntil([&] { return tagNames() == QStringList{QStringLiteral("v1")}; }))
        << tagNames().join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("arch:v1"), true))
        << registry.lastOutput().toStdString();
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

// Tools → Storage inspector on a real registry:2 data directory: scans in the
// background, shows usage per repository with the same figures as
// `berth-registry inspect --json`, and exports them.
TEST(MainWindowTest, StorageInspectorMatchesTheCommandLine)
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

    berth::test::DialogWatcher dialogs;
    cleanup(window)->openStorageInspector(world.registry.rootDir());
    QPointer<StorageInspectorDialog> dialog = dialogs.last<StorageInspectorDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isScanning());
    ASSERT_TRUE(pollUntil([&] { return !dialog->isScanning(); }));
    ASSERT_TRUE(dialog->report().has_value())
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();

    QProcess cli;
    cli.start(QStringLiteral(BERTH_REGISTRY_BINARY),
              {QStringLiteral("inspect"), world.registry.rootDir(), QStringLiteral("--json")});
    ASSERT_TRUE(cli.waitForFinished(60000));
    const QJsonObject expected = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const QJsonObject shown = QJsonDocument::fromJson(dialog->reportJson()).object();
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_EQ(shown[QStringLiteral("blobs")], expected[QStringLiteral("blobs")]);
    EXPECT_EQ(shown[QStringLiteral("repositories")], expected[QStringLiteral("repositories")]);
    EXPECT_EQ(shown[QStringLiteral("orphanBlobs")], expected[QStringLiteral("orphanBlobs")]);

    // The table: one row per repository, the largest exclusive user first.
    QTableWidget *repos = child<QTableWidget>(*dialog, "repositoriesTable");
    const QJsonArray expectedRepos = expected[QStringLiteral("repositories")].toArray();
    ASSERT_EQ(repos->rowCount(), expectedRepos.size());
    EXPECT_EQ(repos->rowCount(), world.repositories.size());
    EXPECT_EQ(repos->item(0, 0)->text(),
              expectedRepos.at(0).toObject()[QStringLiteral("name")].toString());
    EXPECT_EQ(repos->item(0, 2)->data(Qt::UserRole).toLongLong(),
              expectedRepos.at(0).toObject()[QStringLiteral("exclusiveBytes")].toInteger());
    EXPECT_TRUE(
        child<QLabel>(*dialog, "statusLabel")->text().contains(QStringLiteral("6 repositories")))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();

    // CSV export: a header and one line per repository.
    const QList<QByteArray> lines = dialog->usageCsv().trimmed().split('\n');
    EXPECT_EQ(lines.size(), world.repositories.size() + 1);
    EXPECT_TRUE(lines.at(0).startsWith("repository,tags,manifests"));

    // A directory that is not a registry: said in words, nothing shown.
    child<QLineEdit>(*dialog, "rootEdit")->setText(dir.path() + QStringLiteral("/nothing-here"));
    dialog->scan();
    ASSERT_TRUE(pollUntil([&] { return !dialog->isScanning(); }));
    EXPECT_TRUE(
        child<QLabel>(*dialog, "statusLabel")->text().contains(QStringLiteral("no registry data")))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
}

// Tools → Garbage collection on a registry:2 data directory: the dry-run
// figures are those of `berth-registry garbage-collect --dry-run --json`;
// Collect deletes exactly the preview; a directory a registry holds is refused.
TEST(MainWindowTest, GarbageCollectionPreviewsThenCollectsAndRespectsTheLock)
{
    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();
    // An orphan blob: nothing references it.
    const std::string orphan = "orphan blob for the GC dialog";
    const auto digest = berth::oci::Digest::sha256Of(orphan);
    const std::filesystem::path blobDir =
        std::filesystem::path(world.registry.rootDir().toStdString()) /
        "docker/registry/v2/blobs/sha256" / digest.hex().substr(0, 2) / digest.hex();
    std::filesystem::create_directories(blobDir);
    QFile blob(QString::fromStdString((blobDir / "data").string()));
    ASSERT_TRUE(blob.open(QIODevice::WriteOnly));
    blob.write(orphan.data(), static_cast<qint64>(orphan.size()));
    blob.close();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    cleanup(window)->openGarbageCollection(world.registry.rootDir());
    QPointer<GarbageCollectDialog> dialog = dialogs.last<GarbageCollectDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_FALSE(child<QPushButton>(*dialog, "collectButton")->isEnabled()); // preview first
    child<QCheckBox>(*dialog, "untaggedBox")->setChecked(true);
    QTest::mouseClick(child<QPushButton>(*dialog, "previewButton"), Qt::LeftButton);
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning() && dialog->previewReport(); }))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();

    QProcess cli;
    cli.start(QStringLiteral(BERTH_REGISTRY_BINARY),
              {QStringLiteral("garbage-collect"), world.registry.rootDir(),
               QStringLiteral("--dry-run"), QStringLiteral("-m"), QStringLiteral("--json")});
    ASSERT_TRUE(cli.waitForFinished(60000));
    const QJsonObject expected = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const auto &preview = *dialog->previewReport();
    EXPECT_EQ(static_cast<qint64>(preview.blobsMarked),
              expected[QStringLiteral("blobsMarked")].toInteger());
    EXPECT_EQ(static_cast<qint64>(preview.bytesToReclaim),
              expected[QStringLiteral("bytesToReclaim")].toInteger());
    ASSERT_EQ(static_cast<qsizetype>(preview.blobsToDelete.size()),
              expected[QStringLiteral("blobsEligible")].toArray().size());
    EXPECT_EQ(static_cast<qsizetype>(preview.manifestsToDelete.size()),
              expected[QStringLiteral("manifestsEligible")].toArray().size());
    EXPECT_EQ(child<QTableWidget>(*dialog, "blobsTable")->rowCount(),
              static_cast<int>(preview.blobsToDelete.size()));
    bool listed = false;
    for (const auto &b : preview.blobsToDelete)
        listed = listed || b.digest == digest;
    EXPECT_TRUE(listed);
    EXPECT_TRUE(child<QPushButton>(*dialog, "collectButton")->isEnabled());

    // A registry holding the directory (as berth-registry serve does): refused.
    {
        auto lock = berth::storage::StoreLock::tryAcquire(world.registry.rootDir().toStdString(),
                                                          berth::storage::StoreLock::Mode::Shared);
        ASSERT_TRUE(lock.ok());
        QTest::mouseClick(child<QPushButton>(*dialog, "collectButton"), Qt::LeftButton);
        ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning(); }));
        EXPECT_TRUE(
            child<QLabel>(*dialog, "statusLabel")->text().contains(QStringLiteral("in use")))
            << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
        EXPECT_TRUE(std::filesystem::exists(blobDir / "data"));
    }

    // Collect: exactly the preview goes.
    ASSERT_TRUE(child<QPushButton>(*dialog, "collectButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(*dialog, "collectButton"), Qt::LeftButton);
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning() && dialog->collectedReport(); }))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    EXPECT_FALSE(std::filesystem::exists(blobDir / "data"));
    EXPECT_EQ(dialog->collectedReport()->blobsToDelete.size(), preview.blobsToDelete.size());
    EXPECT_TRUE(dialog->collectedReport()->diskAvailableAfter.has_value());
    EXPECT_TRUE(
        child<QLabel>(*dialog, "statusLabel")->text().contains(QStringLiteral("Free disk space")))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    EXPECT_FALSE(
        child<QPushButton>(*dialog, "collectButton")->isEnabled()); // a new preview is needed
    // Every tag still pulls from docker-registry serving the directory.
    for (const QString &ref : {QStringLiteral("app/web:v2"), QStringLiteral("app/web:latest")})
        EXPECT_TRUE(world.registry.pull(ref, ref.endsWith(QStringLiteral("latest"))))
            << world.registry.lastOutput().toStdString();
}

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// skopeo copy of `ref` from an OCI layout to the local registry.
bool skopeoPush(const QString &work, const QString &layout, const QString &ref, const QString &dest,
                const QString &creds, QString *output)
{
    QFile policy(work + QStringLiteral("/policy.json"));
    policy.open(QIODevice::WriteOnly);
    policy.write(R"({"default":[{"type":"insecureAcceptAnything"}]})");
    policy.close();
    QFile auth(work + QStringLiteral("/auth.json"));
    auth.open(QIODevice::WriteOnly);
    auth.write("{}");
    auth.close();
    QStringList args{QStringLiteral("--policy"),      policy.fileName(),
                     QStringLiteral("copy"),          QStringLiteral("--dest-tls-verify=false"),
                     QStringLiteral("--retry-times"), QStringLiteral("0"),
                     QStringLiteral("--authfile"),    auth.fileName()};
    if (!creds.isEmpty())
        args << QStringLiteral("--dest-creds") << creds;
    args << QStringLiteral("oci:") + layout + QLatin1Char(':') + ref
         << QStringLiteral("docker://") + dest;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("skopeo"), args);
    const bool ok =
        p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    *output = QString::fromUtf8(p.readAll());
    return ok;
}

// The local registry runs detached: whatever a failing test leaves running
// from this settings directory is killed when the test ends.
struct LocalRegistryReaper
{
    QString workDirectory;
    ~LocalRegistryReaper()
    {
        berth::local::LocalRegistry leftover(workDirectory);
        if (leftover.state() == berth::local::LocalRegistry::State::Running)
            ::kill(static_cast<pid_t>(leftover.pid()), SIGKILL);
    }
};

bool portAnswers(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

} // namespace

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

namespace {

// Sets every blob's mtime two hours back: online collection keeps blobs
// newer than an hour (pushes in progress), so this makes them eligible.
void ageBlobs(const QString &root)
{
    namespace fs = std::filesystem;
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(2);
    for (const auto &entry : fs::recursive_directory_iterator(
             QString(root + QStringLiteral("/docker/registry/v2/blobs")).toStdString())) {
        if (entry.is_regular_file())
            fs::last_write_time(entry.path(), past);
    }
}

QJsonObject gcDryRun(const QString &root)
{
    QProcess cli;
    cli.start(QStringLiteral(BERTH_REGISTRY_BINARY),
              {QStringLiteral("garbage-collect"), root, QStringLiteral("--dry-run"),
               QStringLiteral("--json"), QStringLiteral("--force")});
    if (!cli.waitForFinished(60000))
        return {};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

} // namespace

// Bulk delete and retention against berth-registry as the built-in
// registry: the retention preview lists exactly the expected tags; a bulk
// delete needs the repository's name typed, removes a tag alone where its
// image stays for a sibling, deletes a whole image, and skips images whose
// tags moved after the preview; then online garbage collection from the
// app previews exactly what `berth-registry garbage-collect --dry-run`
// finds and collects it, and every remaining tag still resolves.
TEST(MainWindowTest, BulkDeleteRetentionAndOnlineGarbageCollection)
{
    berth::test::RegistryFixture::Options options;
    options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter w(layoutDir.path(), 31);
    const auto older =
        w.addImage(QStringLiteral("2023-05-01T00:00:00Z"), QStringLiteral("amd64"), {1000});
    const auto newer =
        w.addImage(QStringLiteral("2025-02-01T00:00:00Z"), QStringLiteral("amd64"), {2000});
    const auto other =
        w.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("arm64"), {3000});
    const auto multi = w.addIndex(QStringLiteral("2024-06-01T00:00:00Z"), true);
    const QString m = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    w.tag(QStringLiteral("older"), older.manifestDigest, m);
    w.tag(QStringLiteral("newer"), newer.manifestDigest, m);
    w.tag(QStringLiteral("other"), other.manifestDigest, m);
    w.tag(QStringLiteral("multi"), multi.digest,
          QStringLiteral("application/vnd.oci.image.index.v1+json"));
    w.save();
    for (const auto &[ref, dest, all] : std::vector<std::tuple<QString, QString, bool>>{
             {QStringLiteral("older"), QStringLiteral("app:v1"), false},
             {QStringLiteral("older"), QStringLiteral("app:v1.10"), false},
             {QStringLiteral("newer"), QStringLiteral("app:v2"), false},
             {QStringLiteral("other"), QStringLiteral("app:v1.9"), false},
             {QStringLiteral("multi"), QStringLiteral("app:latest"), true}})
        ASSERT_TRUE(registry.push(layoutDir.path(), ref, dest, all))
            << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("local")},
                              {QStringLiteral("name"), QStringLiteral("Local registry")},
                              {QStringLiteral("url"), registry.hostPort()},
                              {QStringLiteral("builtIn"), true}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    TagModel *tags = tagModel(window);
    auto tagNames = [&] {
        QStringList names;
        for (int r = 0; r < tags->rowCount(); ++r)
            names.append(tags->tag(r));
        names.sort();
        return names;
    };
    auto loaded = [&] {
        return pollUntil(
            [&] { return tags->isComplete() && tags->describedCount() == tags->rowCount(); });
    };
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 1; }))
        << statusText(window).toStdString();
    registryWidget(window)->openRepository(QStringLiteral("app"));
    ASSERT_TRUE(pollUntil([&] { return tags->rowCount() == 5; }))
        << statusText(window).toStdString();
    ASSERT_TRUE(loaded());

    // Retention: keep the newest 2 → v1.9 and the image of v1 + v1.10 go.
    trigger(window, "retention");
    auto *retention = dialogs.last<RetentionDialog>();
    ASSERT_TRUE(retention);
    child<QSpinBox>(*retention, "keepNewestCount")->setValue(2);
    QStringList preview;
    for (int i = 0; i < child<QListWidget>(*retention, "preview")->count(); ++i)
        preview << child<QListWidget>(*retention, "preview")->item(i)->text();
    ASSERT_EQ(preview.size(), 2) << preview.join(u'\n').toStdString();
    EXPECT_TRUE(preview[0].contains(QStringLiteral("with tags v1, v1.10")) ||
                preview[1].contains(QStringLiteral("with tags v1, v1.10")))
        << preview.join(u'\n').toStdString();
    EXPECT_TRUE(preview.join(u'\n').contains(QStringLiteral("with tag v1.9")));
    EXPECT_TRUE(
        child<QLabel>(*retention, "summary")->text().startsWith(QStringLiteral("3 of 5 tags")))
        << child<QLabel>(*retention, "summary")->text().toStdString();
    // Only tags matching v1\.1.*: v1.10 alone, and it is the newest match.
    child<QCheckBox>(*retention, "matchingBox")->setChecked(true);
    child<QLineEdit>(*retention, "matchingEdit")->setText(QStringLiteral("v1\\.1.*"));
    EXPECT_EQ(child<QListWidget>(*retention, "preview")->count(), 0);
    EXPECT_FALSE(child<QPushButton>(*retention, "continueButton")->isEnabled());
    child<QLineEdit>(*retention, "matchingEdit")->setText(QStringLiteral("(")); // not a pattern
    EXPECT_FALSE(child<QPushButton>(*retention, "continueButton")->isEnabled());
    EXPECT_TRUE(child<QLabel>(*retention, "summary")
                    ->text()
                    .contains(QStringLiteral("regular expression")));
    retention->reject();

    // Bulk: v1 (its image stays for v1.10) and v1.9 (a whole image).
    auto select = [&](const QStringList &names) {
        tagView(window)->clearSelection();
        for (const QString &name : names) {
            const QModelIndex index =
                tagFilterModel(window)->mapFromSource(tags->index(tags->rowOfTag(name), 0));
            tagView(window)->selectionModel()->select(index, QItemSelectionModel::Select |
                                                                 QItemSelectionModel::Rows);
        }
    };
    select({QStringLiteral("v1"), QStringLiteral("v1.9")});
    trigger(window, "deleteTags");
    auto *bulk = dialogs.last<BulkDeleteDialog>();
    ASSERT_TRUE(bulk);
    ASSERT_EQ(child<QListWidget>(*bulk, "planList")->count(), 2);
    EXPECT_TRUE(child<QListWidget>(*bulk, "planList")
                    ->item(1)
                    ->text()
                    .contains(QStringLiteral("stays for v1.10")));
    EXPECT_FALSE(child<QPushButton>(*bulk, "deleteButton")->isEnabled());
    child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("ap"));
    EXPECT_FALSE(child<QPushButton>(*bulk, "deleteButton")->isEnabled());
    child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app"));
    ASSERT_TRUE(child<QPushButton>(*bulk, "deleteButton")->isEnabled());
    child<QPushButton>(*bulk, "deleteButton")->click();
    ASSERT_TRUE(pollUntil([&] { return bulk->isDone(); }));
    EXPECT_TRUE(
        child<QLabel>(*bulk, "summary")->text().startsWith(QStringLiteral("2 deleted, 0 skipped")))
        << child<QLabel>(*bulk, "summary")->text().toStdString();
    EXPECT_TRUE(child<QPushButton>(*bulk, "collectGarbageButton")->isVisible());
    bulk->reject();
    ASSERT_TRUE(pollUntil([&] {
        return tagNames() ==
               QStringList{QStringLiteral("latest"), QStringLiteral("v1.10"), QStringLiteral("v2")};
    })) << tagNames().join(u',').toStdString();
    ASSERT_TRUE(loaded());

    // Escape while deleting cancels (before any deletion here) and the
    // dialog stays to say so.
    select({QStringLiteral("v1.10"), QStringLiteral("v2")});
    trigger(window, "deleteTags");
    bulk = dialogs.last<BulkDeleteDialog>();
    ASSERT_TRUE(bulk);
    child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app"));
    child<QPushButton>(*bulk, "deleteButton")->click();
    ASSERT_TRUE(bulk->isRunning());
    QTest::keyClick(bulk, Qt::Key_Escape);
    ASSERT_TRUE(pollUntil([&] { return bulk->isDone(); }));
    EXPECT_TRUE(bulk->isVisible());
    EXPECT_TRUE(child<QLabel>(*bulk, "summary")->text().startsWith(QStringLiteral("Cancelled")))
        << child<QLabel>(*bulk, "summary")->text().toStdString();
    bulk->reject();
    ASSERT_TRUE(pollUntil([&] { return tags->isComplete() && tags->rowCount() == 3; }));
    EXPECT_EQ(tagNames(), (QStringList{QStringLiteral("latest"), QStringLiteral("v1.10"),
                                       QStringLiteral("v2")}));

    // Tags moved after the preview: nothing of theirs is deleted.
    select({QStringLiteral("v1.10"), QStringLiteral("v2")});
    trigger(window, "deleteTags");
    bulk = dialogs.last<BulkDeleteDialog>();
    ASSERT_TRUE(bulk);
    ASSERT_TRUE(
        registry.push(layoutDir.path(), QStringLiteral("newer"), QStringLiteral("app:v1.10")));
    child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app"));
    child<QPushButton>(*bulk, "deleteButton")->click();
    ASSERT_TRUE(pollUntil([&] { return bulk->isDone(); }));
    EXPECT_TRUE(
        child<QLabel>(*bulk, "summary")->text().startsWith(QStringLiteral("0 deleted, 2 skipped")))
        << child<QLabel>(*bulk, "summary")->text().toStdString();
    bulk->reject();
    ASSERT_TRUE(pollUntil([&] { return tags->isComplete() && tags->rowCount() == 3; }));

    // Online garbage collection: the preview equals the command line's.
    ageBlobs(registry.rootDir());
    const QJsonObject expected = gcDryRun(registry.rootDir());
    ASSERT_FALSE(expected.isEmpty());
    QStringList expectedBlobs;
    for (const QJsonValue &b : expected[QStringLiteral("blobsEligible")].toArray())
        expectedBlobs << b.toObject()[QStringLiteral("digest")].toString();
    expectedBlobs.sort();
    ASSERT_FALSE(expectedBlobs.isEmpty()); // v1.9's image and the original v1.10 image
    trigger(window, "collectGarbage");
    auto *gc = dialogs.last<RegistryGcDialog>();
    ASSERT_TRUE(gc);
    EXPECT_FALSE(child<QPushButton>(*gc, "runButton")->isEnabled()); // a dry run first
    child<QPushButton>(*gc, "dryRunButton")->click();
    ASSERT_TRUE(pollUntil([&] { return !gc->isRunning(); }));
    ASSERT_TRUE(gc->previewReport().has_value())
        << child<QLabel>(*gc, "statusLabel")->text().toStdString();
    QStringList shown = gc->previewReport()->blobs;
    shown.sort();
    EXPECT_EQ(shown, expectedBlobs);
    EXPECT_EQ(gc->previewReport()->bytes, expected[QStringLiteral("bytesToReclaim")].toInteger());
    ASSERT_TRUE(child<QPushButton>(*gc, "runButton")->isEnabled());
    child<QPushButton>(*gc, "runButton")->click();
    ASSERT_TRUE(pollUntil([&] { return !gc->isRunning(); }));
    ASSERT_TRUE(gc->collectedReport().has_value())
        << child<QLabel>(*gc, "statusLabel")->text().toStdString();
    EXPECT_EQ(gc->collectedReport()->blobs.size(), expectedBlobs.size());
    EXPECT_GE(gc->collectedReport()->diskAvailableAfter, 0);
    EXPECT_TRUE(child<QLabel>(*gc, "statusLabel")->text().contains(QStringLiteral("before")))
        << child<QLabel>(*gc, "statusLabel")->text().toStdString();
    EXPECT_TRUE(gcDryRun(registry.rootDir())[QStringLiteral("blobsEligible")].toArray().isEmpty());
    trigger(window, "refresh");
    registryWidget(window)->openRepository(QStringLiteral("app"));
    ASSERT_TRUE(pollUntil([&] { return tags->rowCount() == 3; }));
    ASSERT_TRUE(loaded());
    for (int r = 0; r < tags->rowCount(); ++r)
        EXPECT_TRUE(tags->description(r))
            << tags->tag(r).toStdString() << ": " << tags->errorText(r).toStdString();
}

// A registry Berth cannot reach on disk: garbage collection through the
// user's own command (here distribution's, on its live data directory),
// output streamed into the dialog, exit status shown.
TEST(MainWindowTest, GarbageCollectionThroughTheProfilesCommand)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    const auto image = writeImageLayout(
        layoutDir.path(), 41, QStringLiteral("2024-01-01T00:00:00Z"), 500, QStringLiteral("v1"));
    ASSERT_TRUE(registry.push(layoutDir.path(), QStringLiteral("v1"), QStringLiteral("app:v1")))
        << registry.lastOutput().toStdString();
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("url"), registry.hostPort()},
                              {QStringLiteral("gcCommand"),
                               QStringLiteral("docker-registry garbage-collect '%1'; exit 3")
                                   .arg(registry.configPath())},
                              {QStringLiteral("gcDryRunCommand"),
                               QStringLiteral("docker-registry garbage-collect --dry-run '%1'")
                                   .arg(registry.configPath())}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    berth::test::DialogWatcher dialogs;
    trigger(window, "collectGarbage");
    auto *gc = dialogs.last<RegistryGcDialog>();
    ASSERT_TRUE(gc);
    child<QPushButton>(*gc, "dryRunButton")->click();
    ASSERT_TRUE(pollUntil([&] { return !gc->isRunning(); }));
    EXPECT_EQ(gc->lastExitCode(), 0)
        << child<QPlainTextEdit>(*gc, "output")->toPlainText().toStdString();
    EXPECT_TRUE(child<QPlainTextEdit>(*gc, "output")
                    ->toPlainText()
                    .contains(QStringLiteral("blobs marked")))
        << child<QPlainTextEdit>(*gc, "output")->toPlainText().toStdString();
    // Collect asks first, with what the dry run found; declining runs nothing.
    const auto confirmation = [&gc] {
        return gc->findChild<QMessageBox *>(QStringLiteral("confirmation"));
    };
    child<QPushButton>(*gc, "runButton")->click();
    ASSERT_TRUE(confirmation());
    EXPECT_TRUE(confirmation()->informativeText().contains(QStringLiteral("dry run")))
        << confirmation()->informativeText().toStdString();
    confirmation()->button(QMessageBox::Cancel)->click();
    EXPECT_FALSE(gc->isRunning());
    EXPECT_EQ(gc->lastExitCode(), 0);
    ASSERT_TRUE(pollUntil([&] { return !confirmation(); }));
    child<QPushButton>(*gc, "runButton")->click();
    ASSERT_TRUE(confirmation());
    QAbstractButton *collect = nullptr;
    for (QAbstractButton *b : confirmation()->buttons())
        if (confirmation()->buttonRole(b) == QMessageBox::AcceptRole)
            collect = b;
    ASSERT_TRUE(collect);
    collect->click();
    EXPECT_TRUE(gc->isRunning());
    ASSERT_TRUE(pollUntil([&] { return !gc->isRunning(); }));
    EXPECT_EQ(gc->lastExitCode(), 3);
    EXPECT_TRUE(child<QLabel>(*gc, "statusLabel")->text().contains(QStringLiteral("exit status 3")))
        << child<QLabel>(*gc, "statusLabel")->text().toStdString();
}

// Cancelling a command stops everything it started (its process group), not
// just /bin/sh; Escape while it runs cancels instead of closing the dialog.
TEST(MainWindowTest, CancellingAGarbageCollectionCommandStopsItsChildren)
{
    QTemporaryDir dir;
    const QString marker = dir.path() + QStringLiteral("/child.pid");
    // The shell waits for a child that would outlive a kill of the shell alone.
    const QString command =
        QStringLiteral("sleep 600 & echo $! > '%1'; echo started; wait").arg(marker);
    RegistryGcDialog gc(QStringLiteral("r"), command, command);
    child<QPushButton>(gc, "dryRunButton")->click(); // the dry run needs no confirmation
    ASSERT_TRUE(gc.isRunning());
    ASSERT_TRUE(pollUntil(
        [&] { return child<QPlainTextEdit>(gc, "output")->toPlainText().contains(u"started"); }));
    QFile file(marker);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const pid_t child = file.readAll().trimmed().toInt();
    ASSERT_GT(child, 0);
    QTest::keyClick(&gc, Qt::Key_Escape);
    ASSERT_TRUE(pollUntil([&] { return !gc.isRunning(); }));
    EXPECT_EQ(gc.lastExitCode(), -1);
    // The sleep got SIGTERM too (a zombie until its reaper runs: no cmdline).
    EXPECT_TRUE(pollUntil([&] {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(child));
        return !cmdline.open(QIODevice::ReadOnly) || cmdline.readAll().isEmpty();
    }));
    ::kill(child, SIGKILL);
}

namespace {

// Pushes gone/app:v1 and keep/app:v1, then from the app: removal refused
// while gone/app has a tag; its image deleted; removal confirmed; the
// catalog and the data directory no longer have it, keep/app untouched.
void removeEmptyRepositoryScenario(bool berthRegistry)
{
    berth::test::RegistryFixture::Options options;
    if (berthRegistry)
        options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    const auto image = writeImageLayout(
        layoutDir.path(), 51, QStringLiteral("2024-01-01T00:00:00Z"), 700, QStringLiteral("v1"));
    for (const char *dest : {"gone/app:v1", "keep/app:v1"})
        ASSERT_TRUE(
            registry.push(layoutDir.path(), QStringLiteral("v1"), QString::fromLatin1(dest)))
            << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    QVariantMap profile{{QStringLiteral("id"), QStringLiteral("r")},
                        {QStringLiteral("url"), registry.hostPort()}};
    if (berthRegistry)
        profile.insert(QStringLiteral("builtIn"), true);
    else
        profile.insert(QStringLiteral("dataDirectory"), registry.rootDir());
    writeProfiles(settings, {profile});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    berth::test::DialogWatcher dialogs;
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 2; }))
        << statusText(window).toStdString();
    TagModel *tags = tagModel(window);
    registryWidget(window)->openRepository(QStringLiteral("gone/app"));
    ASSERT_TRUE(pollUntil([&] { return tags->isComplete() && tags->rowCount() == 1; }));
    trigger(window, "removeEmptyRepository");
    EXPECT_TRUE(statusText(window).contains(QStringLiteral("still has 1 tag")))
        << statusText(window).toStdString();
    EXPECT_FALSE(dialogs.last<QMessageBox>());

    auto *job = registryWidget(window)->session()->deleteManifest(
        QStringLiteral("gone/app"), *berth::oci::Digest::parse(image.manifestDigest.toStdString()));
    std::optional<bool> deleted;
    QObject::connect(job, &berth::client::DeleteManifestJob::finished, &window,
                     [&](const berth::client::ClientResult<berth::Ok> &r) { deleted = r.ok(); });
    ASSERT_TRUE(pollUntil([&] { return deleted.has_value(); }));
    ASSERT_TRUE(*deleted);
    trigger(window, "refresh");
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 2; }));
    registryWidget(window)->openRepository(QStringLiteral("gone/app"));
    ASSERT_TRUE(pollUntil([&] {
        return tags->repository() == QLatin1String("gone/app") && tags->isComplete() &&
               tags->rowCount() == 0;
    })) << tags->rowCount()
        << " " << statusText(window).toStdString();
    trigger(window, "removeEmptyRepository");
    QPointer<QMessageBox> box = dialogs.last<QMessageBox>();
    ASSERT_TRUE(box);
    box->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(pollUntil([&] {
        return statusText(window).startsWith(QStringLiteral("Removed the empty repository"));
    })) << statusText(window).toStdString();
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 1; }))
        << statusText(window).toStdString();
    EXPECT_FALSE(QFileInfo::exists(registry.rootDir() +
                                   QStringLiteral("/docker/registry/v2/repositories/gone/app")));
    EXPECT_TRUE(QFileInfo::exists(registry.rootDir() +
                                  QStringLiteral("/docker/registry/v2/repositories/keep/app")));
}

} // namespace

TEST(MainWindowTest, RemovesAnEmptyRepositoryThroughTheBuiltInRegistry)
{
    removeEmptyRepositoryScenario(true);
}

TEST(MainWindowTest, RemovesAnEmptyRepositoryFromTheProfilesDataDirectory)
{
    removeEmptyRepositoryScenario(false);
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
        window.close(); // waits for the registry to stop, then closes
        EXPECT_TRUE(window.isVisible());
        ASSERT_TRUE(pollUntil([&] { return registry->state() == State::Stopped; }))
            << registry->statusText().toStdString();
        EXPECT_FALSE(portAnswers(port));
        EXPECT_TRUE(pollUntil([&] { return !window.isVisible(); }));
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
