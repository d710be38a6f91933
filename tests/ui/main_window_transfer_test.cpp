// Moving images in the app against real docker-registries. Tag →
// Export… and Tag → Import…: two
// selected tags go into one OCI archive skopeo reads; a docker archive
// is refused in words for a platform the image lacks; the archive goes
// into another repository (listed at once when it is the one shown),
// and a tag pointing at another image is moved only once the box is
// ticked.
#include "scenario_helpers.h"
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "copy_dialog.h"
#include "export_dialog.h"
#include "import_dialog.h"
#include "main_window.h"
#include "registry_widget.h"
#include "repository_model.h"
#include "tag_model.h"
#include "transfer/copy_task.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QTableView>

using namespace berth::ui;
using berth::test::child;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::trigger;
using berth::test::WindowOnRegistries;
using berth::test::writeImageLayout;

TEST(MainWindowTest, ExportSelectedTagsAndImportThemElsewhere)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir one;
    QTemporaryDir two;
    writeImageLayout(one.path(), 51, QStringLiteral("2025-07-01T00:00:00Z"), 30000,
                     QStringLiteral("a"));
    writeImageLayout(two.path(), 52, QStringLiteral("2025-07-02T00:00:00Z"), 20000,
                     QStringLiteral("b"));
    ASSERT_TRUE(registry.push(one.path(), QStringLiteral("a"), QStringLiteral("team/app:1.0")));
    ASSERT_TRUE(registry.push(two.path(), QStringLiteral("b"), QStringLiteral("team/app:2.0")));

    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("team/app"), QStringLiteral("1.0")));
    MainWindow &window = shown.window();
    RegistryWidget *browser = shown.browser();
    const QString folder = shown.dir();
    TagModel *tags = browser->tags();
    ASSERT_TRUE(pollUntil([&] { return tags->rowOfTag(QStringLiteral("2.0")) >= 0; }));
    auto *table = window.findChild<QTableView *>(QStringLiteral("tags"));
    ASSERT_TRUE(table);
    table->selectAll();
    ASSERT_EQ(browser->selectedTagRows().size(), 2);

    berth::test::DialogWatcher dialogs;
    trigger(window, "exportTags");
    QPointer<ExportDialog> exporting = dialogs.last<ExportDialog>();
    ASSERT_TRUE(exporting);
    const QString tar = folder + QStringLiteral("/both.tar");
    child<QLineEdit>(*exporting, "exportPath")->setText(tar);
    child<QPushButton>(*exporting, "exportStart")->click();
    auto *status = child<QLabel>(*exporting, "exportStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Exported")); }))
        << status->text().toStdString();
    for (const QString &tag : {QStringLiteral("1.0"), QStringLiteral("2.0")}) {
        QProcess skopeo;
        skopeo.start(QStringLiteral("skopeo"),
                     {QStringLiteral("inspect"), QStringLiteral("--raw"),
                      QStringLiteral("oci-archive:") + tar + QLatin1Char(':') + tag});
        skopeo.waitForFinished(60000);
        EXPECT_EQ(skopeo.exitCode(), 0) << tag.toStdString();
    }

    // A docker archive for a platform the images lack: said, nothing written.
    auto *format = child<QComboBox>(*exporting, "exportFormat");
    format->setCurrentIndex(
        format->findData(static_cast<int>(berth::archive::LayoutFormat::DockerArchive)));
    child<QLineEdit>(*exporting, "exportPath")->setText(folder + QStringLiteral("/s390x.tar"));
    child<QLineEdit>(*exporting, "exportPlatform")->setText(QStringLiteral("linux/s390x"));
    child<QPushButton>(*exporting, "exportStart")->click();
    ASSERT_TRUE(pollUntil([&] {
        return status->text().contains(QStringLiteral("no linux/s390x"));
    })) << status->text().toStdString();
    EXPECT_FALSE(QFileInfo::exists(folder + QStringLiteral("/s390x.tar")));
    exporting->reject();

    // Into the repository shown, under another tag: listed at once.
    trigger(window, "importImage");
    QPointer<ImportDialog> importing = dialogs.last<ImportDialog>();
    ASSERT_TRUE(importing);
    child<QLineEdit>(*importing, "importPath")->setText(tar);
    child<QLineEdit>(*importing, "importImage")->setText(QStringLiteral("2.0"));
    child<QLineEdit>(*importing, "importTag")->setText(QStringLiteral("2.0-restored"));
    child<QPushButton>(*importing, "importStart")->click();
    auto *importStatus = child<QLabel>(*importing, "importStatus");
    ASSERT_TRUE(pollUntil([&] {
        return importStatus->text().startsWith(QStringLiteral("Imported"));
    })) << importStatus->text().toStdString();
    ASSERT_TRUE(pollUntil([&] { return tags->rowOfTag(QStringLiteral("2.0-restored")) >= 0; }));

    // Onto 1.0, which holds another image: refused, then moved once ticked.
    child<QLineEdit>(*importing, "importTag")->setText(QStringLiteral("1.0"));
    child<QPushButton>(*importing, "importStart")->click();
    ASSERT_TRUE(pollUntil([&] {
        return importStatus->text().contains(QStringLiteral("already points"));
    })) << importStatus->text().toStdString();
    child<QCheckBox>(*importing, "importOverwrite")->setChecked(true);
    child<QPushButton>(*importing, "importStart")->click();
    ASSERT_TRUE(pollUntil([&] {
        return importStatus->text().startsWith(QStringLiteral("Imported"));
    })) << importStatus->text().toStdString();
    importing->reject();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:1.0")))
        << registry.lastOutput().toStdString();
}

// Registry → New window shows a second registry beside the first; a tag
// dragged from the first window's table onto a repository of the second
// opens the copy there (destination chosen), and the image streams over.
TEST(MainWindowTest, ATagDroppedOnARepositoryOfAnotherWindowIsCopiedThere)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::RegistryFixture other;
    ASSERT_TRUE(other.start()) << other.error().toStdString();
    QTemporaryDir one;
    QTemporaryDir two;
    writeImageLayout(one.path(), 53, QStringLiteral("2025-07-03T00:00:00Z"), 30000,
                     QStringLiteral("rc"));
    writeImageLayout(two.path(), 54, QStringLiteral("2025-07-04T00:00:00Z"), 10000,
                     QStringLiteral("old"));
    ASSERT_TRUE(registry.push(one.path(), QStringLiteral("rc"), QStringLiteral("team/app:rc")));
    ASSERT_TRUE(other.push(two.path(), QStringLiteral("old"), QStringLiteral("prod/app:old")));

    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()},
         {QStringLiteral("o"), QStringLiteral("Other"), other.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("team/app"), QStringLiteral("rc")));
    MainWindow &window = shown.window();
    RegistryWidget *browser = shown.browser();

    const auto before = QApplication::topLevelWidgets();
    trigger(window, "newWindow");
    MainWindow *second = nullptr;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *m = qobject_cast<MainWindow *>(w); m && m != &window && !before.contains(w))
            second = m;
    }
    ASSERT_TRUE(second);
    QPointer<MainWindow> secondAlive(second);
    auto *box = child<QComboBox>(*second, "registryBox");
    box->setCurrentIndex(box->findData(QStringLiteral("o")));
    Q_EMIT box->activated(box->currentIndex());
    RegistryWidget *otherBrowser = registryWidget(*second);
    ASSERT_TRUE(pollUntil([&] {
        return otherBrowser->profile() && otherBrowser->profile()->id == QStringLiteral("o") &&
               otherBrowser->session();
    }));
    auto *repositories = second->findChild<RepositoryModel *>(QStringLiteral("repositoryModel"));
    ASSERT_TRUE(pollUntil(
        [&] { return repositories->indexForRepository(QStringLiteral("prod/app")).isValid(); }));

    // The drag's data as the first window's table makes it; dropped on prod/app.
    TagModel *tags = browser->tags();
    std::unique_ptr<QMimeData> mime(
        tags->mimeData({tags->index(tags->rowOfTag(QStringLiteral("rc")), 0)}));
    ASSERT_TRUE(mime);
    EXPECT_EQ(mime->text(), QStringLiteral("team/app:rc"));
    berth::test::DialogWatcher dialogs;
    const QModelIndex target = repositories->indexForRepository(QStringLiteral("prod/app"));
    ASSERT_TRUE(repositories->canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, target));
    repositories->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, target);
    QPointer<CopyDialog> copy;
    ASSERT_TRUE(pollUntil([&] { return (copy = dialogs.last<CopyDialog>()) != nullptr; }));
    EXPECT_EQ(child<QComboBox>(*copy, "copyRegistry")->currentData().toString(),
              QStringLiteral("o"));
    EXPECT_EQ(child<QLineEdit>(*copy, "copyRepository")->text(), QStringLiteral("prod/app"));
    child<QPushButton>(*copy, "copyStart")->click();
    QString status;
    ASSERT_EQ(berth::test::awaitLastTransfer(*second, status),
              static_cast<int>(berth::transfer::CopyTaskState::Done))
        << status.toStdString();
    EXPECT_TRUE(other.pull(QStringLiteral("prod/app:rc"))) << other.lastOutput().toStdString();
    second->close();
    ASSERT_TRUE(pollUntil([&] { return secondAlive.isNull(); })) << "closed and deleted";
}

// An export whose registry's session goes (the window dropped it) ends
// in words, not as a dialog that runs forever.
TEST(MainWindowTest, AnExportWhoseRegistryGoesSaysSo)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir one;
    writeImageLayout(one.path(), 55, QStringLiteral("2025-07-05T00:00:00Z"), 30000,
                     QStringLiteral("a"));
    ASSERT_TRUE(registry.push(one.path(), QStringLiteral("a"), QStringLiteral("team/app:1.0")));
    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("team/app"), QStringLiteral("1.0")));
    MainWindow &window = shown.window();
    RegistryWidget *browser = shown.browser();
    const QString folder = shown.dir();

    berth::test::DialogWatcher dialogs;
    trigger(window, "exportTags");
    QPointer<ExportDialog> exporting = dialogs.last<ExportDialog>();
    ASSERT_TRUE(exporting);
    child<QLineEdit>(*exporting, "exportPath")->setText(folder + QStringLiteral("/a.tar"));
    child<QPushButton>(*exporting, "exportStart")->click();
    browser->disconnectSession(); // its jobs go with it, unfinished
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    auto *status = child<QLabel>(*exporting, "exportStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().contains(QStringLiteral("disconnected")); }))
        << status->text().toStdString();
    EXPECT_TRUE(child<QPushButton>(*exporting, "exportStart")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(*exporting, "exportCancel")->isEnabled());
}
