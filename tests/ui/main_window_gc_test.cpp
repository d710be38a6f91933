// Garbage collection and the storage inspector from the real MainWindow:
// on a data directory, and through the profile's own command.
#include "scenario_helpers.h"
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "garbage_collection_dialog.h"
#include "main_window.h"
#include "oci/digest.h"
#include "secret_store.h"
#include "storage/store_lock.h"
#include "storage_inspector_dialog.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTest>

#include <csignal>
#include <filesystem>

using namespace berth::ui;
using berth::test::child;
using berth::test::cleanup;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::trigger;
using berth::test::writeImageLayout;
using berth::test::writeProfiles;

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

// Tools → Garbage collection of a registry whose data directory is on this
// machine, while docker-registry serves it: the dialog names that process
// and the answering address (stop it or make it read-only); the preview's
// figures are those of `berth-registry garbage-collect --dry-run --json`;
// Collect asks first with them, then deletes exactly the preview. A
// berth-registry taking the directory meanwhile turns the dialog online.
TEST(MainWindowTest, GarbageCollectionOfALiveDataDirectoryWarnsAsksAndCollectsThePreview)
{
    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();
    // Orphan blobs: nothing references them.
    const auto writeOrphan = [&world](const std::string &bytes) {
        const auto digest = berth::oci::Digest::sha256Of(bytes);
        const std::filesystem::path dir =
            std::filesystem::path(world.registry.rootDir().toStdString()) /
            "docker/registry/v2/blobs/sha256" / digest.hex().substr(0, 2) / digest.hex();
        std::filesystem::create_directories(dir);
        QFile blob(QString::fromStdString((dir / "data").string()));
        EXPECT_TRUE(blob.open(QIODevice::WriteOnly));
        blob.write(bytes.data(), static_cast<qint64>(bytes.size()));
        return std::make_pair(digest, dir);
    };
    const auto [digest, blobDir] = writeOrphan("orphan blob for the GC dialog");

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("name"), QStringLiteral("Team registry")},
                              {QStringLiteral("url"), world.registry.hostPort()},
                              {QStringLiteral("dataDirectory"), world.registry.rootDir()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->session(); }));
    berth::test::DialogWatcher dialogs;
    trigger(window, "collectGarbage");
    QPointer<GarbageCollectionDialog> dialog = dialogs.last<GarbageCollectionDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_EQ(dialog->method().kind, GcMethod::Kind::DataDirectory);
    // docker-registry serves the directory: named, with its process id.
    auto *warning = child<QLabel>(*dialog, "liveServerWarning");
    ASSERT_TRUE(pollUntil([&] { return warning->isVisibleTo(dialog); }));
    EXPECT_TRUE(warning->text().contains(
        QStringLiteral("docker-registry (process %1) serves it").arg(world.registry.pid())))
        << warning->text().toStdString();
    EXPECT_TRUE(warning->text().contains(
        QStringLiteral("the registry at %1 answers").arg(world.registry.hostPort())))
        << warning->text().toStdString();
    EXPECT_TRUE(warning->text().contains(QStringLiteral("read-only")));
    // Asking again brings back the same dialog.
    trigger(window, "collectGarbage");
    EXPECT_EQ(dialogs.all<GarbageCollectionDialog>().size(), 1);

    EXPECT_FALSE(child<QPushButton>(*dialog, "collectButton")->isEnabled()); // preview first
    child<QCheckBox>(*dialog, "untaggedBox")->setChecked(true);
    QTest::mouseClick(child<QPushButton>(*dialog, "previewButton"), Qt::LeftButton);
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning() && dialog->previewFindings(); }))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();

    QProcess cli;
    cli.start(QStringLiteral(BERTH_REGISTRY_BINARY),
              {QStringLiteral("garbage-collect"), world.registry.rootDir(),
               QStringLiteral("--dry-run"), QStringLiteral("-m"), QStringLiteral("--json")});
    ASSERT_TRUE(cli.waitForFinished(60000));
    const QJsonObject expected = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const GcFindings preview = *dialog->previewFindings();
    EXPECT_EQ(preview.bytes, expected[QStringLiteral("bytesToReclaim")].toInteger());
    ASSERT_EQ(preview.blobs.size(), expected[QStringLiteral("blobsEligible")].toArray().size());
    EXPECT_EQ(preview.manifests.size(),
              expected[QStringLiteral("manifestsEligible")].toArray().size());
    EXPECT_EQ(child<QTableWidget>(*dialog, "blobsTable")->rowCount(), preview.blobs.size());
    bool listed = false;
    for (const auto &b : preview.blobs)
        listed = listed || b.digest == QString::fromStdString(digest.toString());
    EXPECT_TRUE(listed);

    // Collect asks first, with what the preview found and the warning;
    // declining deletes nothing.
    QTest::mouseClick(child<QPushButton>(*dialog, "collectButton"), Qt::LeftButton);
    ASSERT_TRUE(berth::test::confirmation(*dialog));
    EXPECT_TRUE(berth::test::confirmation(*dialog)->text().contains(
        QStringLiteral("Delete %1 blob%2 ")
            .arg(preview.blobs.size())
            .arg(preview.blobs.size() == 1 ? QString() : QStringLiteral("s"))))
        << berth::test::confirmation(*dialog)->text().toStdString();
    EXPECT_TRUE(berth::test::confirmation(*dialog)->informativeText().contains(
        QStringLiteral("docker-registry")));
    ASSERT_TRUE(berth::test::answerConfirmation(*dialog, false));
    EXPECT_FALSE(dialog->isRunning());
    EXPECT_TRUE(std::filesystem::exists(blobDir / "data"));

    // Collect: exactly the preview goes.
    ASSERT_TRUE(pollUntil([&] { return !berth::test::confirmation(*dialog); }));
    QTest::mouseClick(child<QPushButton>(*dialog, "collectButton"), Qt::LeftButton);
    ASSERT_TRUE(berth::test::answerConfirmation(*dialog, true));
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning() && dialog->collectedFindings(); }))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    EXPECT_FALSE(std::filesystem::exists(blobDir / "data"));
    EXPECT_EQ(dialog->collectedFindings()->blobs.size(), preview.blobs.size());
    EXPECT_GE(dialog->collectedFindings()->diskAvailableAfter, 0);
    EXPECT_TRUE(
        child<QLabel>(*dialog, "statusLabel")->text().contains(QStringLiteral("Free disk space")))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    EXPECT_FALSE(
        child<QPushButton>(*dialog, "collectButton")->isEnabled()); // a new preview is needed
    // Every tag still pulls from docker-registry serving the directory.
    for (const QString &ref : {QStringLiteral("app/web:v2"), QStringLiteral("app/web:latest")})
        EXPECT_TRUE(world.registry.pull(ref, ref.endsWith(QStringLiteral("latest"))))
            << world.registry.lastOutput().toStdString();

    // A berth-registry takes the directory (as serve does) before Collect:
    // nothing is deleted, and the dialog collects through it from now on.
    const auto second = writeOrphan("a second orphan");
    QTest::mouseClick(child<QPushButton>(*dialog, "previewButton"), Qt::LeftButton);
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning() && dialog->previewFindings(); }));
    auto lock = berth::storage::StoreLock::tryAcquire(world.registry.rootDir().toStdString(),
                                                      berth::storage::StoreLock::Mode::Shared);
    ASSERT_TRUE(lock.ok());
    QTest::mouseClick(child<QPushButton>(*dialog, "collectButton"), Qt::LeftButton);
    ASSERT_TRUE(berth::test::answerConfirmation(*dialog, true));
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning(); }));
    EXPECT_TRUE(child<QLabel>(*dialog, "statusLabel")
                    ->text()
                    .contains(QStringLiteral("nothing was deleted")))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    EXPECT_EQ(dialog->method().kind, GcMethod::Kind::Online);
    EXPECT_TRUE(std::filesystem::exists(second.second / "data"));
}

// A registry with no way to collect set up: the dialog asks for one inline
// (no dead end), and the profile keeps it.
TEST(MainWindowTest, GarbageCollectionSetUpInTheDialog)
{
    berth::test::UiWorld world;
    QString error;
    ASSERT_TRUE(world.start(error)) << error.toStdString();
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("url"), world.registry.hostPort()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->session(); }));
    berth::test::DialogWatcher dialogs;
    trigger(window, "collectGarbage");
    auto *dialog = dialogs.last<GarbageCollectionDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_EQ(dialog->method().kind, GcMethod::Kind::None);
    EXPECT_TRUE(child<QWidget>(*dialog, "gcSetup")->isVisibleTo(dialog));
    EXPECT_FALSE(child<QPushButton>(*dialog, "previewButton")->isVisibleTo(dialog));
    child<QLineEdit>(*dialog, "setupDataDirectory")->setText(world.registry.rootDir());
    child<QPushButton>(*dialog, "useSetup")->click();
    EXPECT_EQ(dialog->method().kind, GcMethod::Kind::DataDirectory);
    EXPECT_FALSE(child<QWidget>(*dialog, "gcSetup")->isVisibleTo(dialog));
    ASSERT_TRUE(registryWidget(window)->profile());
    EXPECT_EQ(registryWidget(window)->profile()->dataDirectory, world.registry.rootDir());
    // Preview waits until Berth has looked for who serves the directory.
    ASSERT_TRUE(
        pollUntil([&] { return child<QPushButton>(*dialog, "previewButton")->isEnabled(); }));
    EXPECT_TRUE(child<QLabel>(*dialog, "liveServerWarning")->isVisibleTo(dialog));
    dialog->preview();
    ASSERT_TRUE(pollUntil([&] { return !dialog->isRunning() && dialog->previewFindings(); }))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    // Everything is in use: nothing to confirm, and the dialog says why.
    EXPECT_TRUE(dialog->previewFindings()->blobs.isEmpty());
    EXPECT_FALSE(child<QPushButton>(*dialog, "collectButton")->isEnabled());
    EXPECT_TRUE(child<QLabel>(*dialog, "statusLabel")->text().contains(u"nothing to collect"))
        << child<QLabel>(*dialog, "statusLabel")->text().toStdString();
    settings.sync();
    QFile ini(dir.path() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_TRUE(ini.readAll().contains(world.registry.rootDir().toUtf8()));
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
    auto *gc = dialogs.last<GarbageCollectionDialog>();
    ASSERT_TRUE(gc);
    EXPECT_EQ(gc->method().kind, GcMethod::Kind::Command);
    child<QPushButton>(*gc, "previewButton")->click();
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
    child<QPushButton>(*gc, "collectButton")->click();
    ASSERT_TRUE(confirmation());
    EXPECT_TRUE(confirmation()->informativeText().contains(QStringLiteral("dry run")))
        << confirmation()->informativeText().toStdString();
    confirmation()->button(QMessageBox::Cancel)->click();
    EXPECT_FALSE(gc->isRunning());
    EXPECT_EQ(gc->lastExitCode(), 0);
    ASSERT_TRUE(pollUntil([&] { return !confirmation(); }));
    child<QPushButton>(*gc, "collectButton")->click();
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
    GcMethod method;
    method.kind = GcMethod::Kind::Command;
    method.command = command;
    method.dryRunCommand = command;
    GarbageCollectionDialog gc(QStringLiteral("r"), nullptr, method);
    child<QPushButton>(gc, "previewButton")->click(); // the preview needs no confirmation
    ASSERT_TRUE(pollUntil([&] { return gc.isRunning(); }));
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
