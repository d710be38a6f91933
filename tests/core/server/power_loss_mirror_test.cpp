// A mirror's cache (berth-registry with registry:2's proxy block) on
// berth-crash-fs: the power cut at a seeded point while two clients pull
// through it. After every cut the cache is sound (inspect --verify) and,
// restarted, serves both images whole — a cut cache refetches what it
// lost, it never serves a blob cut short.
#include "mirror_support.h"
#include "store_findings.h"
#include "support/crash_fs_mount.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>

namespace berth::test {
namespace {

// skopeo copy --all through the mirror, left running.
std::unique_ptr<QProcess> startPull(quint16 port, const QString &ref, const QString &into)
{
    auto pull = std::make_unique<QProcess>();
    pull->setProcessChannelMode(QProcess::MergedChannels);
    pull->start(QStringLiteral("skopeo"),
                {QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                 QStringLiteral("--all"), QStringLiteral("--src-tls-verify=false"),
                 QStringLiteral("docker://127.0.0.1:%1/%2").arg(port).arg(ref),
                 QStringLiteral("oci:") + into + QStringLiteral(":x")});
    return pull;
}

// What inspect --verify finds wrong in a mirror's cache. A mirror stores a
// manifest when it is asked for and its layers when they are pulled: a
// manifest whose layer is not here is the cache's normal state, not damage
// (inspect cannot tell the two apart: counted in `notCached`; the pull
// after the restart shows what it means). Anything else is damage.
QStringList damageIn(const QString &store, int &notCached)
{
    QStringList damage;
    for (const QString &finding : storeFindings(store)) {
        if (finding.contains(QStringLiteral("references missing blob")))
            ++notCached;
        else
            damage << finding;
    }
    return damage;
}

TEST(PowerLoss, AMirrorsCacheCutAnywhereIsSoundAndServesWholeImagesAgain)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir work;
    OciLayoutWriter layout(work.path() + QStringLiteral("/layout"), 41);
    const ImageTruth single = layout.addImage(QStringLiteral("2026-01-01T00:00:00Z"),
                                              QStringLiteral("amd64"), {300000, 40000});
    const IndexTruth multi = layout.addIndex(QStringLiteral("2026-01-01T00:00:00Z"), false);
    layout.tag(QStringLiteral("single"), single.manifestDigest, mirror::kOciManifest);
    layout.tag(QStringLiteral("multi"), multi.digest, mirror::kOciIndex);
    layout.save();
    ASSERT_TRUE(
        upstream.push(layout.dir(), QStringLiteral("single"), QStringLiteral("team/app:v1")))
        << upstream.lastOutput().toStdString();
    ASSERT_TRUE(
        upstream.push(layout.dir(), QStringLiteral("multi"), QStringLiteral("team/multi:v1"), true))
        << upstream.lastOutput().toStdString();

    const QString state = work.path() + QStringLiteral("/state");
    const QString mountPoint = work.path() + QStringLiteral("/mnt");
    QDir().mkpath(mountPoint);
    const QString config =
        berth::test::mirrorConfigOf(upstream.baseUrl()).arg(mountPoint + QStringLiteral("/store"));
    std::mt19937_64 random(41); // the cut points: the same every run
    std::uint64_t changes = 0;  // a cold pull's, counted by the first round
    int cut = 0;
    int notCached = 0; // manifests' layers not in the cache after a cut
    for (int round = 0; round < 12; ++round) {
        QDir(state).removeRecursively(); // a cold cache: the pulls write it
        QDir().mkpath(state);
        {
            CrashFsMount fs(BERTH_CRASH_FS_BINARY, state.toStdString(), mountPoint.toStdString(),
                            round % 2 ? CrashFsMount::Model::Subset : CrashFsMount::Model::Drop,
                            random());
            ASSERT_TRUE(fs.mounted()) << "no FUSE here (/dev/fuse, fusermount3)";
            ServeProcess mirror;
            ASSERT_TRUE(mirror.start(config)) << mirror.log.toStdString();
            const std::int64_t before = fs.status("changes");
            if (changes > 0)
                fs.crashAfter(1 + random() % changes);
            QTemporaryDir a;
            QTemporaryDir b;
            const auto first = startPull(mirror.port, QStringLiteral("team/app:v1"), a.path());
            const auto second = startPull(mirror.port, QStringLiteral("team/multi:v1"), b.path());
            first->waitForFinished(120000);
            second->waitForFinished(120000);
            if (changes == 0 && fs.status("crashed") == 0)
                changes = static_cast<std::uint64_t>(fs.status("changes") - before);
            cut += fs.status("crashed") == 1 ? 1 : 0;
            fs.crash();
            mirror.process.kill();
            mirror.process.waitForFinished(30000);
        }
        const QStringList findings = damageIn(state + QStringLiteral("/store"), notCached);
        EXPECT_TRUE(findings.isEmpty())
            << "round " << round << ": " << findings.join(QLatin1Char('\n')).toStdString();
        // Restarted on what survived: both images whole (skopeo checks
        // every digest), what was lost fetched again.
        CrashFsMount fs(BERTH_CRASH_FS_BINARY, state.toStdString(), mountPoint.toStdString());
        ASSERT_TRUE(fs.mounted());
        ServeProcess mirror;
        ASSERT_TRUE(mirror.start(config)) << mirror.log.toStdString();
        QString output;
        EXPECT_TRUE(mirror::pullAllVia(mirror.port, QStringLiteral("team/app:v1"), output))
            << "round " << round << ": " << output.toStdString();
        EXPECT_TRUE(mirror::pullAllVia(mirror.port, QStringLiteral("team/multi:v1"), output))
            << "round " << round << ": " << output.toStdString();
        mirror.stop();
    }
    EXPECT_GT(changes, 0U) << "the first round wrote nothing to the cache";
    EXPECT_GE(cut, 8) << "the power went during the pulls in most rounds";
    EXPECT_GT(notCached, 0) << "no cut left a manifest without its layers";
}

} // namespace
} // namespace berth::test
