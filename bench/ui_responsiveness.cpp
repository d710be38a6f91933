// The main window against a repository of N tags (default 10,000) in a real
// docker-registry: time to first rows, to all rows described, the longest
// stall of the GUI thread (a 5 ms timer's worst gap) and peak RSS.
//
//   QT_QPA_PLATFORM=offscreen berth-bench-ui [N]
#include "support/await.h"
#include "support/registry_fixture.h"

#include "repository_model.h"
#include "secret_store.h"
#include "tag_model.h"
#include "window_lookup.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;

    berth::test::RegistryFixture registry;
    if (!registry.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(registry.error()));
        return 1;
    }
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), 9);
    const auto image =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {1000});
    layout.tag(QStringLiteral("x"), image.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    if (!registry.push(dir.path(), QStringLiteral("x"), QStringLiteral("big/app:t00000")))
        return 1;
    QStringList tags;
    for (int i = 1; i < count; ++i)
        tags.append(QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0')));
    registry.addTagsOnDisk(QStringLiteral("big/app"), QStringLiteral("t00000"), tags);

    QSettings settings(dir.path() + QStringLiteral("/b.ini"), QSettings::IniFormat);
    settings.beginWriteArray(QStringLiteral("registries"), 1);
    settings.setArrayIndex(0);
    settings.setValue(QStringLiteral("id"), QStringLiteral("bench"));
    settings.setValue(QStringLiteral("url"), registry.hostPort());
    settings.endArray();
    berth::credentials::SecretStore secrets;
    secrets.useSessionMemory();
    berth::ui::MainWindow window(settings, secrets);
    window.show();

    // Watchdog: the worst gap between ticks of a 5 ms timer on the GUI thread.
    QElapsedTimer tick;
    qint64 worstGap = 0;
    QTimer watchdog;
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, &window, [&] {
        if (tick.isValid())
            worstGap = std::max(worstGap, tick.elapsed());
        tick.restart();
    });

    using berth::test::pollUntil;
    using namespace berth::test;
    pollUntil([&] { return repositoryModel(window)->repositoryCount() == 1; });
    berth::ui::TagModel *model = tagModel(window);
    QElapsedTimer clock;
    clock.start();
    watchdog.start();
    registryWidget(window)->openRepository(QStringLiteral("big/app"));
    pollUntil([&] { return model->rowCount() > 0; }, 120000);
    const qint64 firstRows = clock.elapsed();
    pollUntil([&] { return model->isComplete() && model->describedCount() == count; }, 600000);
    const qint64 allDescribed = clock.elapsed();
    watchdog.stop();
    std::printf("tags=%d first_rows_ms=%lld all_described_ms=%lld worst_gui_stall_ms=%lld "
                "peak_rss_mb=%.1f\n",
                count, static_cast<long long>(firstRows), static_cast<long long>(allDescribed),
                static_cast<long long>(worstGap), peakRssKb() / 1024.0);
    return model->describedCount() == count ? 0 : 1;
}
