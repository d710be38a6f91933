// Tools → Pre-fetch images through a real berth-registry mirror of a real
// docker-registry: the selected tag is offered, progress shows, what
// cannot be fetched is said, and the mirror then serves the image with
// its upstream gone.
#include "scenario_helpers.h"
#include "support/await.h"
#include "support/serve_process.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "main_window.h"
#include "prefetch_dialog.h"
#include "registry_widget.h"
#include "secret_store.h"

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
