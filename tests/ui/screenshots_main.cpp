// Renders the main window and its details tabs against a real
// docker-registry with demo images, into PNG files (docs/screenshots).
// Run through scripts/screenshots (Xvfb for real fonts and styles).
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "app_theme.h"
#include "bulk_delete_dialog.h"
#include "delete_tag_dialog.h"
#include "garbage_collection_dialog.h"
#include "image_details_view.h"
#include "local_registry.h"
#include "local_registry_panel.h"
#include "main_window.h"
#include "repository_model.h"
#include "retention_dialog.h"
#include "secret_store.h"
#include "storage_inspector_dialog.h"
#include "tag_filter_model.h"
#include "tag_model.h"
#include "translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>

#include <cstdio>

using namespace berth::ui;
using namespace berth::test;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    const QString out =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    // A variant (berth-screenshots OUT zh_CN dark): the main window only,
    // named main-window-overview-zh_CN-dark.png.
    const QString language = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en");
    const QString theme = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    const bool variant = argc > 2;
    Translations::install(&app, language);
    AppTheme::apply(theme);
    QDir().mkpath(out);

    berth::test::UiWorld world;
    QString error;
    if (!world.start(error)) {
        std::fprintf(stderr, "registry: %s\n", qPrintable(error));
        return 1;
    }
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    settings.beginWriteArray(QStringLiteral("registries"), 1);
    settings.setArrayIndex(0);
    settings.setValue(QStringLiteral("id"), QStringLiteral("demo"));
    settings.setValue(QStringLiteral("dataDirectory"), world.registry.rootDir());
    settings.setValue(QStringLiteral("name"), QStringLiteral("Team registry"));
    settings.setValue(QStringLiteral("url"), world.registry.hostPort());
    settings.endArray();
    berth::credentials::SecretStore secrets;
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.resize(1280, 800);
    window.show();

    using berth::test::pollUntil;
    if (!pollUntil([&] { return repositoryModel(window)->repositoryCount() == 6; }))
        return 1;
    registryWidget(window)->openRepository(QStringLiteral("app/web"));
    TagModel *tags = tagModel(window);
    if (!pollUntil([&] {
            return tags->isComplete() && tags->describedCount() == tags->rowCount() &&
                   tags->rowCount() == 5;
        }))
        return 1;
    pollUntil([] { return false; }, 300); // let layout and painting settle
    const char *names[] = {"overview", "layers",    "files",    "config",
                           "manifest", "platforms", "referrers"};
    for (int tab = 0; tab < detailsView(window)->count(); ++tab) {
        detailsView(window)->setCurrentIndex(tab);
        // Single-image tabs show v2; index tabs show the multi-arch "latest".
        const bool single =
            tab == ImageDetailsView::LayersTab || tab == ImageDetailsView::ConfigTab;
        const QString tag = single ? QStringLiteral("v2") : QStringLiteral("latest");
        tagView(window)->setCurrentIndex(
            tagFilterModel(window)->mapFromSource(tags->index(tags->rowOfTag(tag), 0)));
        pollUntil([] { return false; }, 300);
        const QString suffix =
            variant ? QStringLiteral("-%1-%2").arg(
                          language, theme.isEmpty() ? QStringLiteral("desktop") : theme)
                    : QString();
        const QString file = QStringLiteral("%1/main-window-%2%3.png")
                                 .arg(out, QString::fromLatin1(names[tab]), suffix);
        if (!window.grab().save(file))
            return 1;
        std::printf("%s\n", qPrintable(file));
        if (variant)
            return 0;
    }

    // The storage inspector on the demo registry's data directory.
    berth::test::DialogWatcher dialogs;
    cleanup(window)->openStorageInspector(world.registry.rootDir());
    auto *storage = dialogs.last<StorageInspectorDialog>();
    if (!storage || !pollUntil([&] { return !storage->isScanning(); }))
        return 1;
    storage->resize(1100, 560);
    pollUntil([] { return false; }, 300);
    const QString file = QStringLiteral("%1/storage-inspector.png").arg(out);
    if (!storage->grab().save(file))
        return 1;
    std::printf("%s\n", qPrintable(file));
    storage->close();

    // The garbage-collection preview (with --delete-untagged semantics), with
    // a few blobs nothing references.
    for (int i = 0; i < 3; ++i) {
        const QByteArray bytes(1000 * (i + 1) * (i + 1), char('a' + i));
        const QString hex = QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        const QString blobDir =
            world.registry.rootDir() +
            QStringLiteral("/docker/registry/v2/blobs/sha256/%1/%2").arg(hex.left(2), hex);
        QDir().mkpath(blobDir);
        QFile f(blobDir + QStringLiteral("/data"));
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(bytes);
    }
    trigger(window, "collectGarbage");
    auto *gc = dialogs.last<GarbageCollectionDialog>();
    if (!gc || !pollUntil([&] { return child<QLabel>(*gc, "liveServerWarning")->isVisibleTo(gc); }))
        return 1;
    child<QCheckBox>(*gc, "untaggedBox")->setChecked(true);
    child<QPushButton>(*gc, "previewButton")->click();
    if (!pollUntil([&] { return !gc->isRunning() && gc->previewFindings(); })) {
        std::fprintf(stderr, "no garbage-collection preview\n");
        return 1;
    }
    gc->resize(1000, 480);
    pollUntil([] { return false; }, 300);
    const QString gcFile = QStringLiteral("%1/garbage-collection-preview.png").arg(out);
    if (!gc->grab().save(gcFile))
        return 1;
    std::printf("%s\n", qPrintable(gcFile));
    gc->close();

    auto save = [&](QWidget *widget, const char *name) {
        pollUntil([] { return false; }, 300);
        const QString path = QStringLiteral("%1/%2.png").arg(out, QString::fromLatin1(name));
        if (!widget->grab().save(path))
            return false;
        std::printf("%s\n", qPrintable(path));
        return true;
    };

    // The delete confirmation of a tag whose image has a second tag.
    registryWidget(window)->openTag(QStringLiteral("app/web"), QStringLiteral("v1"));
    if (!pollUntil([&] {
            const QModelIndex current =
                tagFilterModel(window)->mapToSource(tagView(window)->currentIndex());
            return current.isValid() && tags->tag(current.row()) == QLatin1String("v1") &&
                   tags->isComplete() && tags->describedCount() == tags->rowCount();
        }))
        return 1;
    trigger(window, "deleteTags");
    auto *confirmation = dialogs.last<DeleteTagDialog>();
    if (!confirmation || !save(confirmation, "delete-confirmation"))
        return 1;
    confirmation->reject();

    // Bulk delete: the plan and the typed confirmation.
    tagView(window)->clearSelection();
    for (const char *tag : {"v1", "v1.9"}) {
        const QModelIndex index = tagFilterModel(window)->mapFromSource(
            tags->index(tags->rowOfTag(QString::fromLatin1(tag)), 0));
        tagView(window)->selectionModel()->select(index, QItemSelectionModel::Select |
                                                             QItemSelectionModel::Rows);
    }
    trigger(window, "deleteTags");
    auto *bulk = dialogs.last<BulkDeleteDialog>();
    if (!bulk)
        return 1;
    child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app/web"));
    if (!save(bulk, "bulk-delete-confirmation"))
        return 1;
    bulk->reject();

    // Retention: keep the newest two.
    trigger(window, "retention");
    auto *retention = dialogs.last<RetentionDialog>();
    if (!retention)
        return 1;
    child<QSpinBox>(*retention, "keepNewestCount")->setValue(2);
    if (!save(retention, "retention-preview"))
        return 1;
    retention->reject();

    // The local registry panel, running, with the demo images loaded.
    qputenv("BERTH_REGISTRY_BINARY", BERTH_REGISTRY_BINARY);
    trigger(window, "localRegistry");
    auto *panel = dialogs.last<LocalRegistryPanel>();
    if (!panel)
        return 1;
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    child<QSpinBox>(*panel, "portBox")->setValue(port);
    child<QLineEdit>(*panel, "dataDirectoryEdit")
        ->setText(dir.path() + QStringLiteral("/local-data"));
    child<QPushButton>(*panel, "startStopButton")->click();
    berth::local::LocalRegistry *local = localRegistry(window);
    if (!pollUntil([&] { return local->state() == berth::local::LocalRegistry::State::Running; }))
        return 1;
    child<QPushButton>(*panel, "demoButton")->click();
    berth::test::only<ProfileController>(window)->select(
        QStringLiteral("demo")); // stay on the demo registry's view
    pollUntil([&] { return child<QPlainTextEdit>(*panel, "logView")->blockCount() > 3; }, 3000);
    panel->resize(900, 680);
    const bool saved = save(panel, "local-registry-panel");
    local->stop();
    pollUntil([&] { return local->state() == berth::local::LocalRegistry::State::Stopped; });
    return saved ? 0 : 1;
}
