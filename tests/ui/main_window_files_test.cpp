// The Files tab as a user meets it: an image on Debian's docker-registry
// (layers made here, whiteout included), its tree read when the tab is
// opened, the layer chooser, the name filter and the wasted space.
#include "scenario_helpers.h"
#include "support/await.h"
#include "support/layer_tar.h"
#include "support/registry_fixture.h"
#include "support/umoci_image.h"
#include "window_lookup.h"

#include "compare_dialog.h"
#include "compare_with_dialog.h"
#include "file_view_dialog.h"
#include "image_details_view.h"
#include "main_window.h"
#include "numbered_text_view.h"
#include "profile_controller.h"
#include "registry_widget.h"
#include "repository_layers_dialog.h"
#include "tag_model.h"
#include "text_diff_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace berth::ui;
using berth::test::child;
using berth::test::LayerTar;
using berth::test::pollUntil;
using berth::test::trigger;
using berth::test::WindowOnRegistries;

namespace {

QStringList topRows(const QTreeView &tree)
{
    QStringList rows;
    for (int row = 0; row < tree.model()->rowCount(); ++row)
        rows << tree.model()->index(row, 0).data().toString();
    return rows;
}

} // namespace

TEST(MainWindowTest, TheFilesTabShowsWhatAContainerSeesAndTheWastedSpace)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QString output;
    ASSERT_TRUE(berth::test::pushUmociImage(registry,
                                            {LayerTar(LayerTar::Compression::None)
                                                 .dir("etc")
                                                 .file("etc/big.cache", std::string(30000, 'x'))
                                                 .file("etc/app.conf", "port=80\n")
                                                 .dir("usr")
                                                 .file("usr/tool", "tool")
                                                 .take(),
                                             LayerTar(LayerTar::Compression::None)
                                                 .dir("etc")
                                                 .whiteout("etc", "big.cache")
                                                 .dir("srv")
                                                 .file("srv/app.conf", "port=81\n")
                                                 .take()},
                                            QStringLiteral("team/app:1.0"), output))
        << output.toStdString();

    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("team/app"), QStringLiteral("1.0")));
    MainWindow &window = shown.window();
    auto *tree = child<QTreeView>(window, "filesTree");
    auto *status = child<QLabel>(window, "filesStatus");
    ASSERT_TRUE(tree && status);
    EXPECT_EQ(tree->model()->rowCount(), 0) << "nothing is read before the tab is opened";

    berth::test::detailsView(window)->setCurrentIndex(ImageDetailsView::FilesTab);
    ASSERT_TRUE(pollUntil([&] { return tree->model()->rowCount() > 0; }))
        << status->text().toStdString();
    EXPECT_EQ(topRows(*tree),
              (QStringList{QStringLiteral("etc"), QStringLiteral("srv"), QStringLiteral("usr")}));
    EXPECT_TRUE(status->text().contains(QStringLiteral("2 layers")))
        << status->text().toStdString();
    auto *waste = child<QLabel>(window, "filesWaste");
    EXPECT_TRUE(waste->text().contains(QStringLiteral("/etc/big.cache")))
        << waste->text().toStdString();
    EXPECT_TRUE(waste->text().contains(QStringLiteral("30.0 kB"))) << waste->text().toStdString();

    auto *layer = child<QComboBox>(window, "filesLayer");
    ASSERT_EQ(layer->count(), 3); // every layer, then each
    EXPECT_TRUE(layer->itemText(2).contains(QStringLiteral("1 removed")))
        << layer->itemText(2).toStdString();
    layer->setCurrentIndex(2);
    EXPECT_EQ(topRows(*tree), (QStringList{QStringLiteral("etc"), QStringLiteral("srv")}));
    EXPECT_TRUE(status->text().contains(QStringLiteral("It deleted /etc/big.cache (30.0 kB)")))
        << status->text().toStdString();
    layer->setCurrentIndex(0);

    child<QLineEdit>(window, "filesFilter")->setText(QStringLiteral("app.conf"));
    EXPECT_TRUE(pollUntil([&] {
        return topRows(*tree) == QStringList{QStringLiteral("etc"), QStringLiteral("srv")};
    })) << "the filter applies once typing pauses";

    // A file opens (double-click): its text once its layer matched its digest; Save as….
    const QModelIndex etc = tree->model()->index(0, 0);
    const QModelIndex conf = tree->model()->index(0, 0, etc);
    ASSERT_EQ(conf.data().toString(), QStringLiteral("app.conf"));
    berth::test::DialogWatcher dialogs;
    Q_EMIT tree->activated(conf);
    QPointer<FileViewDialog> view = dialogs.last<FileViewDialog>();
    ASSERT_TRUE(view);
    auto *text = child<QPlainTextEdit>(*view, "fileViewText");
    ASSERT_TRUE(pollUntil([&] { return !text->toPlainText().isEmpty(); }))
        << child<QLabel>(*view, "fileViewStatus")->text().toStdString();
    EXPECT_EQ(text->toPlainText(), QStringLiteral("port=80\n"));
    child<QPushButton>(*view, "fileViewSave")->click();
    QPointer<QFileDialog> chooser = dialogs.last<QFileDialog>();
    ASSERT_TRUE(chooser);
    const QString saved = shown.dir() + QStringLiteral("/app.conf");
    Q_EMIT chooser->fileSelected(saved);
    ASSERT_TRUE(pollUntil([&] { return QFile::exists(saved); }));
    QFile file(saved);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("port=80\n"));
    chooser->reject();
    view->close();

    // A folder saves from the right-click menu: what a container sees there.
    const QRect etcRow = tree->visualRect(tree->model()->index(0, 0));
    Q_EMIT tree->customContextMenuRequested(etcRow.center());
    QMenu *menu = nullptr;
    ASSERT_TRUE(pollUntil([&] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *m = qobject_cast<QMenu *>(w); m && m->isVisible())
                menu = m;
        return menu != nullptr;
    }));
    QAction *saveFolder = menu->findChild<QAction *>(QStringLiteral("filesSaveFolder"));
    ASSERT_TRUE(saveFolder);
    saveFolder->trigger();
    menu->close();
    QPointer<QFileDialog> folderChooser = dialogs.last<QFileDialog>();
    ASSERT_TRUE(folderChooser);
    const QString folder = shown.dir() + QStringLiteral("/etc-saved");
    Q_EMIT folderChooser->fileSelected(folder);
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Saved /etc")); }))
        << status->text().toStdString();
    QFile savedConf(folder + QStringLiteral("/app.conf"));
    ASSERT_TRUE(savedConf.open(QIODevice::ReadOnly));
    EXPECT_EQ(savedConf.readAll(), QByteArray("port=80\n"));
    EXPECT_FALSE(QFile::exists(folder + QStringLiteral("/big.cache")))
        << "deleted by a later layer";
    folderChooser->reject();
}

TEST(MainWindowTest, CompareTwoTagsShowsTheSettingsLayersAndFilesThatDiffer)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    const std::string base = LayerTar(LayerTar::Compression::None)
                                 .dir("etc")
                                 .file("etc/app.conf", "port=80\n")
                                 .file("etc/old", "old")
                                 .take();
    QString output;
    ASSERT_TRUE(
        berth::test::pushUmociImage(registry, {base}, QStringLiteral("team/app:1.0"), output))
        << output.toStdString();
    ASSERT_TRUE(berth::test::pushUmociImage(registry,
                                            {base, LayerTar(LayerTar::Compression::None)
                                                       .dir("etc")
                                                       .file("etc/app.conf", "port=8080\n")
                                                       .whiteout("etc", "old")
                                                       .take()},
                                            QStringLiteral("team/app:2.0"), output))
        << output.toStdString();

    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("team/app"), QStringLiteral("1.0")));
    MainWindow &window = shown.window();
    ASSERT_TRUE(
        pollUntil([&] { return shown.browser()->tags()->rowOfTag(QStringLiteral("2.0")) >= 0; }));
    berth::test::DialogWatcher dialogs;
    child<QTableView>(window, "tags")->selectAll();
    trigger(window, "compareTags");
    QPointer<CompareDialog> compare = dialogs.last<CompareDialog>();
    ASSERT_TRUE(compare);
    auto *files = child<QTableView>(*compare, "compareFiles");
    ASSERT_TRUE(pollUntil([&] { return files->model()->rowCount() > 0; }))
        << child<QLabel>(*compare, "compareStatus")->text().toStdString();
    QStringList rows;
    for (int row = 0; row < files->model()->rowCount(); ++row)
        rows << files->model()->index(row, 0).data().toString() + QLatin1Char(' ') +
                    files->model()->index(row, 1).data().toString();
    EXPECT_EQ(rows, (QStringList{QStringLiteral("changed /etc/app.conf"),
                                 QStringLiteral("removed /etc/old")}));
    EXPECT_TRUE(child<QLabel>(*compare, "compareLayers")
                    ->text()
                    .startsWith(QStringLiteral("Layers: 1 shared, 0 only in team/app:")))
        << child<QLabel>(*compare, "compareLayers")->text().toStdString();

    // The changed file, side by side: its line removed beside its new one.
    Q_EMIT files->activated(files->model()->index(0, 1));
    QPointer<TextDiffDialog> text = dialogs.last<TextDiffDialog>();
    ASSERT_TRUE(text);
    auto *status = child<QLabel>(*text, "textDiffStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().contains(QStringLiteral("of 1.")); }))
        << status->text().toStdString();
    EXPECT_EQ(child<QPlainTextEdit>(*text, "textDiffLeft")->toPlainText(),
              QStringLiteral("port=80"));
    EXPECT_EQ(child<QPlainTextEdit>(*text, "textDiffRight")->toPlainText(),
              QStringLiteral("port=8080"));
    EXPECT_EQ(child<QPlainTextEdit>(*text, "textDiffRight")->extraSelections().size(), 1);
    text->close();
    // The removed file opens as it was.
    Q_EMIT files->activated(files->model()->index(1, 1));
    QPointer<FileViewDialog> removed = dialogs.last<FileViewDialog>();
    ASSERT_TRUE(removed);
    auto *removedText = child<QPlainTextEdit>(*removed, "fileViewText");
    ASSERT_TRUE(pollUntil([&] { return removedText->toPlainText() == QStringLiteral("old"); }))
        << child<QLabel>(*removed, "fileViewStatus")->text().toStdString();
    removed->close();
    compare->close();
}

TEST(MainWindowTest, CompareOneTagWithTheSameTagOnAnotherRegistry)
{
    berth::test::RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    berth::test::RegistryFixture mirror;
    ASSERT_TRUE(mirror.start()) << mirror.error().toStdString();
    QString output;
    const auto image = [](const std::string &conf) {
        return LayerTar(LayerTar::Compression::None)
            .dir("etc")
            .file("etc/a.conf", "one\ntwo\nthree\nfour\n")
            .file("etc/b.conf", conf)
            .take();
    };
    // A carriage return inside a line stays in its row.
    ASSERT_TRUE(berth::test::pushUmociImage(upstream, {image("x=1\ny=2\rq\nw=4\n")},
                                            QStringLiteral("lib/web:7"), output))
        << output.toStdString();
    ASSERT_TRUE(berth::test::pushUmociImage(mirror, {image("x=1\nz=3\ny=2\rq\nw=5\n")},
                                            QStringLiteral("lib/web:7"), output))
        << output.toStdString();

    WindowOnRegistries shown(
        {{QStringLiteral("u"), QStringLiteral("Upstream"), upstream.hostPort()},
         {QStringLiteral("m"), QStringLiteral("Mirror"), mirror.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("lib/web"), QStringLiteral("7")));
    berth::test::DialogWatcher dialogs;
    trigger(shown.window(), "compareTags"); // one tag: compare it with what?
    QPointer<CompareWithDialog> ask = dialogs.last<CompareWithDialog>();
    ASSERT_TRUE(ask);
    EXPECT_EQ(child<QLineEdit>(*ask, "compareWithRepository")->text(), QStringLiteral("lib/web"));
    EXPECT_EQ(child<QLineEdit>(*ask, "compareWithReference")->text(), QStringLiteral("7"));
    // The other registry is offered first: a mirror against its upstream.
    auto *registries = child<QComboBox>(*ask, "compareWithRegistry");
    EXPECT_EQ(registries->currentData().toString(), QStringLiteral("m"));
    ask->accept();

    QPointer<CompareDialog> compare;
    ASSERT_TRUE(pollUntil([&] { return (compare = dialogs.last<CompareDialog>()); }));
    EXPECT_EQ(compare->windowTitle(),
              QStringLiteral("Compare Upstream: lib/web:7 with Mirror: lib/web:7"));
    auto *files = child<QTableView>(*compare, "compareFiles");
    ASSERT_TRUE(pollUntil([&] { return files->model()->rowCount() > 0; }))
        << child<QLabel>(*compare, "compareStatus")->text().toStdString();
    ASSERT_EQ(files->model()->rowCount(), 1);
    EXPECT_EQ(files->model()->index(0, 1).data().toString(), QStringLiteral("/etc/b.conf"));

    Q_EMIT files->activated(files->model()->index(0, 1));
    QPointer<TextDiffDialog> text = dialogs.last<TextDiffDialog>();
    ASSERT_TRUE(text);
    auto *status = child<QLabel>(*text, "textDiffStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().contains(QStringLiteral("of 2.")); }))
        << status->text().toStdString();
    EXPECT_TRUE(status->text().contains(QStringLiteral("1 line changed, 1 line added.")))
        << status->text().toStdString();
    // A blank row on the left faces the added line; the numbers are each
    // file's own, in a gutter beside the text, not in it.
    auto *left = child<NumberedTextView>(*text, "textDiffLeft");
    auto *right = child<NumberedTextView>(*text, "textDiffRight");
    EXPECT_EQ(left->toPlainText(), QStringLiteral("x=1\n\ny=2\u240Dq\nw=4"));
    EXPECT_EQ(right->toPlainText(), QStringLiteral("x=1\nz=3\ny=2\u240Dq\nw=5"));
    EXPECT_EQ(left->blockCount(), 4);
    EXPECT_EQ(right->blockCount(), 4);
    EXPECT_EQ(left->lineNumbers(), (std::vector<int>{1, 0, 2, 3}));
    EXPECT_EQ(right->lineNumbers(), (std::vector<int>{1, 2, 3, 4}));
    EXPECT_GT(child<QWidget>(*left, "lineNumbers")->width(), 0);
    // The change shown stands out from the other one: first the added line.
    const auto shade = [right](int row) {
        for (const QTextEdit::ExtraSelection &mark : right->extraSelections())
            if (mark.cursor.blockNumber() == row)
                return mark.format.background().color();
        return QColor();
    };
    const QColor addedNow = shade(1);
    const QColor changedLater = shade(3);
    EXPECT_FALSE(child<QPushButton>(*text, "textDiffPrevious")->isEnabled());
    child<QPushButton>(*text, "textDiffNext")->click();
    EXPECT_TRUE(status->text().startsWith(QStringLiteral("Change 2 of 2.")))
        << status->text().toStdString();
    EXPECT_NE(shade(1), addedNow) << "the added line is no longer the change shown";
    EXPECT_NE(shade(3), changedLater) << "the changed line is the change shown now";
    EXPECT_FALSE(child<QPushButton>(*text, "textDiffNext")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(*text, "textDiffPrevious")->isEnabled());
    text->close();
    compare->close();

    // A tag that is not there: said, and no empty tables that look like a result.
    trigger(shown.window(), "compareTags");
    ask = dialogs.last<CompareWithDialog>();
    ASSERT_TRUE(ask);
    child<QLineEdit>(*ask, "compareWithReference")->setText(QStringLiteral("nope"));
    ask->accept();
    QPointer<CompareDialog> failed;
    ASSERT_TRUE(pollUntil([&] {
        failed = dialogs.last<CompareDialog>();
        return failed && failed != compare;
    }));
    auto *failedStatus = child<QLabel>(*failed, "compareStatus");
    ASSERT_TRUE(pollUntil([&] {
        return failedStatus->text().startsWith(QStringLiteral("Cannot compare"));
    })) << failedStatus->text().toStdString();
    EXPECT_TRUE(failedStatus->text().contains(QStringLiteral("nope")));
    EXPECT_FALSE(child<QTableView>(*failed, "compareFiles")->isVisibleTo(failed));
    failed->close();
}

TEST(MainWindowTest, CompareOffersEachIndexItsPlatforms)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path());
    const auto imageOf = [&layout](const QString &architecture) {
        return layout.addImage(
            QStringLiteral("2025-01-01T00:00:00Z"), architecture, {},
            {layout.addTarLayer({{QStringLiteral("etc/arch"), architecture.toUtf8() + '\n'}})});
    };
    const auto amd64 = imageOf(QStringLiteral("amd64"));
    const auto multi = layout.addIndexOf({amd64, imageOf(QStringLiteral("arm64"))}, false);
    layout.tag(QStringLiteral("multi"), multi.digest,
               QStringLiteral("application/vnd.oci.image.index.v1+json"));
    layout.tag(QStringLiteral("single"), amd64.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    ASSERT_TRUE(
        registry.push(dir.path(), QStringLiteral("multi"), QStringLiteral("lib/os:1"), true))
        << registry.lastOutput().toStdString();
    ASSERT_TRUE(registry.push(dir.path(), QStringLiteral("single"), QStringLiteral("lib/os:2")))
        << registry.lastOutput().toStdString();

    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("lib/os"), QStringLiteral("1")));
    ASSERT_TRUE(
        pollUntil([&] { return shown.browser()->tags()->rowOfTag(QStringLiteral("2")) >= 0; }));
    berth::test::DialogWatcher dialogs;
    child<QTableView>(shown.window(), "tags")->selectAll();
    trigger(shown.window(), "compareTags");
    QPointer<CompareDialog> compare = dialogs.last<CompareDialog>();
    ASSERT_TRUE(compare);
    auto *status = child<QLabel>(*compare, "compareStatus");
    auto *left = child<QComboBox>(*compare, "comparePlatformLeft");
    auto *right = child<QComboBox>(*compare, "comparePlatformRight");
    // The index (tag 1, on the left) as this computer runs it: linux/amd64.
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Both")); }))
        << status->text().toStdString();
    EXPECT_TRUE(left->isVisibleTo(compare)) << "an index offers its platforms";
    EXPECT_FALSE(right->isVisibleTo(compare)) << "a single image has one";
    EXPECT_EQ(left->currentText(), QStringLiteral("linux/amd64"));
    ASSERT_EQ(left->count(), 2);

    left->setCurrentIndex(left->findText(QStringLiteral("linux/arm64")));
    Q_EMIT left->activated(left->currentIndex());
    auto *files = child<QTableView>(*compare, "compareFiles");
    ASSERT_TRUE(pollUntil([&] { return files->model()->rowCount() == 1; }))
        << status->text().toStdString();
    EXPECT_EQ(files->model()->index(0, 1).data().toString(), QStringLiteral("/etc/arch"));
    EXPECT_EQ(left->currentText(), QStringLiteral("linux/arm64"));
    compare->close();
}

TEST(MainWindowTest, TheHeaviestLayersOfARepositoryNameTheirTags)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    const std::string base =
        LayerTar(LayerTar::Compression::None).dir("etc").file("etc/os", "debian\n").take();
    QString output;
    ASSERT_TRUE(berth::test::pushUmociImage(registry, {base}, QStringLiteral("team/app:1"), output))
        << output.toStdString();
    ASSERT_TRUE(berth::test::pushUmociImage(
        registry,
        {base, LayerTar(LayerTar::Compression::None).file("big", std::string(200000, 'b')).take()},
        QStringLiteral("team/app:2"), output))
        << output.toStdString();

    berth::test::RegistryFixture other;
    ASSERT_TRUE(other.start()) << other.error().toStdString();
    WindowOnRegistries shown(
        {{QStringLiteral("r"), QStringLiteral("Registry"), registry.hostPort()},
         {QStringLiteral("o"), QStringLiteral("Other"), other.hostPort()}});
    ASSERT_TRUE(shown.openTag(QStringLiteral("team/app"), QStringLiteral("1")));
    ASSERT_TRUE(
        pollUntil([&] { return shown.browser()->tags()->rowOfTag(QStringLiteral("2")) >= 0; }));
    berth::test::DialogWatcher dialogs;
    trigger(shown.window(), "repositoryLayers");
    QPointer<RepositoryLayersDialog> layers = dialogs.last<RepositoryLayersDialog>();
    ASSERT_TRUE(layers);
    auto *table = child<QTableWidget>(*layers, "repositoryLayers");
    auto *status = child<QLabel>(*layers, "repositoryLayersStatus");
    ASSERT_TRUE(pollUntil([&] { return table->rowCount() > 0; })) << status->text().toStdString();
    ASSERT_EQ(table->rowCount(), 2);
    // The big layer first, with the one tag it goes with; the base shared.
    EXPECT_EQ(table->item(0, 2)->text(), QStringLiteral("only 2"));
    EXPECT_EQ(table->item(1, 2)->text(), QStringLiteral("2 tags: 1, 2"));
    EXPECT_TRUE(status->text().startsWith(QStringLiteral("2 layers,")))
        << status->text().toStdString();
    // A layer double-clicked opens the tag that uses it in the window,
    // which stays usable beside the list.
    EXPECT_FALSE(layers->isModal());
    auto *tags = child<QTableView>(shown.window(), "tags");
    const auto currentTag = [&] {
        return tags->currentIndex().siblingAtColumn(0).data().toString();
    };
    EXPECT_EQ(currentTag(), QStringLiteral("1"));
    Q_EMIT table->itemActivated(table->item(0, 0));
    EXPECT_TRUE(pollUntil([&] { return currentTag() == QStringLiteral("2"); }))
        << currentTag().toStdString();
    // The window moves to another registry: the list, which reads through
    // the first one's session, goes with it (a row of it activated then
    // would open its tag in the wrong registry).
    // (From the event loop, as a user's choice comes: the old session is
    // deleted later, which processEvents() from outside a loop never does.)
    auto *profiles = berth::test::only<ProfileController>(shown.window());
    QMetaObject::invokeMethod(
        profiles, [profiles] { profiles->select(QStringLiteral("o")); }, Qt::QueuedConnection);
    EXPECT_TRUE(pollUntil([&] { return !layers || !layers->isVisible(); }))
        << "the heaviest layers of a registry no longer shown stay open";
}
