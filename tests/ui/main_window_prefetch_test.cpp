// Tools → Pre-fetch images through a real berth-registry mirror of a real
// docker-registry: the selected tag is offered, progress shows, what
// cannot be fetched is said, and the mirror then serves the image with
// its upstream gone. Browsing the mirror shows what its cache holds.
#include "scenario_helpers.h"
#include "support/await.h"
#include "support/serve_process.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "main_window.h"
#include "prefetch_dialog.h"
#include "registry_widget.h"
#include "repository_model.h"
#include "secret_store.h"
#include "tag_model.h"

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>

using namespace berth::ui;
using berth::test::child;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::trigger;
using berth::test::writeImageLayout;
using berth::test::writeProfiles;

TEST(MainWindowTest, PrefetchWarmsTheMirrorShownSoItServesWithoutItsUpstream)
{
    berth::test::RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir layoutDir;
    writeImageLayout(layoutDir.path(), 31, QStringLiteral("2025-05-05T00:00:00Z"), 40000,
                     QStringLiteral("v1"));
    ASSERT_TRUE(
        upstream.push(layoutDir.path(), QStringLiteral("v1"), QStringLiteral("team/app:v1")))
        << upstream.lastOutput().toStdString();
    ASSERT_TRUE(
        upstream.push(layoutDir.path(), QStringLiteral("v1"), QStringLiteral("team/other:v1")))
        << upstream.lastOutput().toStdString();
    berth::test::ServeProcess mirror;
    ASSERT_TRUE(mirror.start(berth::test::mirrorConfigOf(upstream.baseUrl())))
        << mirror.process.readAllStandardError().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings,
                  {{{QStringLiteral("id"), QStringLiteral("m")},
                    {QStringLiteral("name"), QStringLiteral("Mirror")},
                    {QStringLiteral("url"), QStringLiteral("127.0.0.1:%1").arg(mirror.port)}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->session(); }));
    registryWidget(window)->openTag(QStringLiteral("team/app"), QStringLiteral("v1"));
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->currentTagRow() >= 0; }));

    // The mirror's cache, as browsing left it: team/app's manifest is
    // there (describing it asked for it), its layer is not; team/other is
    // only at the upstream.
    auto *cacheLine = child<QLabel>(window, "mirrorCacheSummary");
    ASSERT_TRUE(pollUntil([&] {
        return cacheLine->text().contains(QStringLiteral("1&nbsp;repository&nbsp;cached"));
    })) << cacheLine->text().toStdString();
    EXPECT_TRUE(cacheLine->isVisible());
    auto *repositories = window.findChild<RepositoryModel *>(QStringLiteral("repositoryModel"));
    ASSERT_TRUE(repositories);
    const auto stateOf = [repositories](const char *name) {
        return repositories->indexForRepository(QString::fromLatin1(name))
            .data(RepositoryModel::CacheStateRole)
            .toString();
    };
    EXPECT_EQ(stateOf("team/app"), QStringLiteral("cached"));
    EXPECT_EQ(stateOf("team/other"), QStringLiteral("not cached"));
    TagModel *tags = registryWidget(window)->tags();
    const QModelIndex cached =
        tags->index(tags->rowOfTag(QStringLiteral("v1")), TagModel::CachedColumn);
    ASSERT_TRUE(pollUntil([&] {
        return cached.data().toString().startsWith(QStringLiteral("partly"));
    })) << cached.data().toString().toStdString();

    berth::test::DialogWatcher dialogs;
    trigger(window, "prefetch");
    QPointer<PrefetchDialog> dialog = dialogs.last<PrefetchDialog>();
    ASSERT_TRUE(dialog);
    auto *references = child<QPlainTextEdit>(*dialog, "prefetchReferences");
    EXPECT_EQ(references->toPlainText(), QStringLiteral("team/app:v1"));
    references->appendPlainText(QStringLiteral("team/nothing:v1"));
    child<QPushButton>(*dialog, "prefetchStart")->click();
    auto *status = child<QLabel>(*dialog, "prefetchStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().contains(QStringLiteral("fetched whole")); }))
        << status->text().toStdString();
    EXPECT_TRUE(status->text().startsWith(QStringLiteral("1 of 2 images fetched whole")))
        << status->text().toStdString();
    auto *results = child<QListWidget>(*dialog, "prefetchResults");
    ASSERT_EQ(results->count(), 2);
    EXPECT_EQ(results->item(0)->text(), QStringLiteral("✓ team/app:v1"));
    EXPECT_TRUE(results->item(1)->text().startsWith(QStringLiteral("✗ team/nothing:v1 — ")))
        << results->item(1)->text().toStdString();
    EXPECT_EQ(child<QProgressBar>(*dialog, "prefetchProgress")->value(),
              child<QProgressBar>(*dialog, "prefetchProgress")->maximum());
    EXPECT_TRUE(child<QPushButton>(*dialog, "prefetchStart")->isEnabled());
    dialog->reject(); // the cache is read again: every part of v1 is there now
    ASSERT_TRUE(pollUntil([&] { return cached.data().toString() == QStringLiteral("cached"); }))
        << cached.data().toString().toStdString();

    upstream.stop();
    QTemporaryDir target;
    QProcess skopeo;
    skopeo.setProcessChannelMode(QProcess::MergedChannels);
    skopeo.start(QStringLiteral("skopeo"),
                 {QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                  QStringLiteral("--src-tls-verify=false"),
                  QStringLiteral("docker://127.0.0.1:%1/team/app:v1").arg(mirror.port),
                  QStringLiteral("oci:") + target.path() + QStringLiteral(":x")});
    ASSERT_TRUE(skopeo.waitForFinished(60000));
    EXPECT_EQ(skopeo.exitCode(), 0) << skopeo.readAll().toStdString();
}
