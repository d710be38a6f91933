// Power-loss proof of the registry store (berth-crash-fs: what was not
// synced is lost). The campaign's seed is printed; BERTH_POWER_LOSS_SEED
// replays its crash points and models (the pushes' interleaving is the
// machine's), BERTH_POWER_LOSS_ROUNDS sets how many (scripts/power-loss
// runs a long campaign).
#include "power_loss_campaign.h"
#include "store_findings.h"

#include "support/crash_fs_mount.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <filesystem>

#include <cstdio>
#include <cstdlib>
#include <random>

namespace berth::test {
namespace {

std::uint64_t fromEnvironment(const char *name, std::uint64_t fallback)
{
    const char *value = std::getenv(name);
    return value && *value ? std::strtoull(value, nullptr, 10) : fallback;
}

CampaignReport runCampaign(CampaignOptions options)
{
    std::printf("power-loss campaign: %d rounds, BERTH_POWER_LOSS_SEED=%llu\n", options.rounds,
                static_cast<unsigned long long>(options.seed));
    PowerLossCampaign campaign(options);
    CampaignReport report;
    const bool ran = campaign.run(report);
    std::printf("power-loss campaign: %s\n", report.summary().toUtf8().constData());
    for (const QString &f : report.findings)
        std::printf("  %s\n", f.toUtf8().constData());
    EXPECT_TRUE(ran) << campaign.error().toStdString();
    return report;
}

TEST(PowerLoss, EveryAcknowledgedPushSurvivesEveryCrash)
{
    CampaignOptions options;
    options.rounds = static_cast<int>(
        fromEnvironment("BERTH_POWER_LOSS_ROUNDS", BERTH_POWER_LOSS_DEFAULT_ROUNDS));
    options.seed = fromEnvironment("BERTH_POWER_LOSS_SEED", std::random_device()());
    const CampaignReport report = runCampaign(options);
    EXPECT_EQ(report.rounds, options.rounds);
    EXPECT_GT(report.acknowledged, options.rounds / 4) << "the pushes ran";
    EXPECT_EQ(report.lost, 0) << "acknowledged pushes lost (seed above)";
    EXPECT_EQ(report.storeProblems, 0) << "corrupt blobs or dangling links (seed above)";
    EXPECT_GT(report.collected, 0) << "the online GC deleted nothing: its crash points untested";
    EXPECT_GT(report.uploadsResumed + report.uploadsDiscarded, 0) << "no open upload was checked";
    EXPECT_TRUE(report.findings.isEmpty());
}

// The first finding, replayable: a store made and pushed to, the power
// gone right after the acknowledgements (one round, drop model). Folders
// made with create_directories were never synced into their parents: the
// whole store vanished with every acknowledged push.
TEST(PowerLoss, AFreshStoreKeepsWhatItAcknowledgedWhenThePowerGoesRightAfter)
{
    CampaignOptions options;
    options.rounds = 1;
    const CampaignReport report = runCampaign(options);
    EXPECT_EQ(report.acknowledged, 3) << "the three pushes of the round, uninterrupted";
    EXPECT_EQ(report.lost, 0);
    EXPECT_EQ(report.storeProblems, 0);
}

QByteArray run(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    p.waitForFinished(120000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAll();
}

// Two images pushed to berth-registry on berth-crash-fs, the second's
// manifest deleted (answered 202), then the power cut (drop model).
struct DeletedImage
{
    QTemporaryDir dir;
    QString state = dir.path() + QStringLiteral("/state");
    QString mountPoint = dir.path() + QStringLiteral("/mnt");
    QString kept;    // digest of team/app:1
    QString deleted; // digest of team/app:2, deleted
    bool ok = false;

    DeletedImage()
    {
        QDir().mkpath(state);
        QDir().mkpath(mountPoint);
        OciLayoutWriter layout(dir.path() + QStringLiteral("/layout"), 3);
        const ImageTruth one = layout.addImage(QStringLiteral("2026-01-01T00:00:00Z"),
                                               QStringLiteral("amd64"), {9000});
        const ImageTruth two = layout.addImage(QStringLiteral("2026-01-01T00:00:00Z"),
                                               QStringLiteral("amd64"), {8000});
        const QString type = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        layout.tag(QStringLiteral("one"), one.manifestDigest, type);
        layout.tag(QStringLiteral("two"), two.manifestDigest, type);
        layout.save();
        kept = one.manifestDigest;
        deleted = two.manifestDigest;
        CrashFsMount fs(BERTH_CRASH_FS_BINARY, state.toStdString(), mountPoint.toStdString());
        RegistryFixture::Options options;
        options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
        options.rootDirectory = mountPoint + QStringLiteral("/store");
        RegistryFixture registry(options);
        if (!fs.mounted() || !registry.start() ||
            !registry.push(layout.dir(), QStringLiteral("one"), QStringLiteral("team/app:1")) ||
            !registry.push(layout.dir(), QStringLiteral("two"), QStringLiteral("team/app:2")))
            return;
        const QByteArray status =
            run(QStringLiteral("curl"),
                {QStringLiteral("-s"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                 QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-X"),
                 QStringLiteral("DELETE"),
                 QStringLiteral("http://%1/v2/team/app/manifests/%2")
                     .arg(registry.hostPort(), deleted)});
        ok = status == "202" && fs.crash();
        registry.kill();
    }
};

TEST(PowerLoss, AnAcknowledgedDeleteStaysDeleted)
{
    DeletedImage store;
    ASSERT_TRUE(store.ok) << "no FUSE, or the pushes or the delete failed";
    const QString root = store.state + QStringLiteral("/store/docker/registry/v2");
    EXPECT_TRUE(QFileInfo::exists(root +
                                  QStringLiteral("/repositories/team/app/_manifests/"
                                                 "revisions/sha256/") +
                                  store.kept.mid(7)));
    EXPECT_FALSE(QFileInfo::exists(root +
                                   QStringLiteral("/repositories/team/app/_manifests/"
                                                  "revisions/sha256/") +
                                   store.deleted.mid(7)))
        << "the delete was answered 202 before it was durable";
    EXPECT_FALSE(
        QFileInfo::exists(root + QStringLiteral("/repositories/team/app/_manifests/tags/2")));
    EXPECT_TRUE(storeFindings(store.state + QStringLiteral("/store")).isEmpty());
}

// Offline garbage collection, the power cut when it is done and nothing
// synced since (subset model: any of its pending changes kept), 24 seeds:
// never a link or manifest left pointing at a blob it deleted.
TEST(PowerLoss, GarbageCollectionCutAnywhereLeavesNothingDangling)
{
    DeletedImage store;
    ASSERT_TRUE(store.ok) << "no FUSE, or the pushes or the delete failed";
    int collected = 0;
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        QTemporaryDir copy;
        const QString state = copy.path() + QStringLiteral("/state");
        const QString mountPoint = copy.path() + QStringLiteral("/mnt");
        QDir().mkpath(mountPoint);
        std::filesystem::copy(store.state.toStdString(), state.toStdString(),
                              std::filesystem::copy_options::recursive);
        {
            CrashFsMount fs(BERTH_CRASH_FS_BINARY, state.toStdString(), mountPoint.toStdString(),
                            CrashFsMount::Model::Subset, seed);
            ASSERT_TRUE(fs.mounted());
            const QByteArray out =
                run(QStringLiteral(BERTH_REGISTRY_BINARY),
                    {QStringLiteral("garbage-collect"), mountPoint + QStringLiteral("/store"),
                     QStringLiteral("--delete-untagged")});
            const auto counts = QRegularExpression(QStringLiteral("(\\d+) blobs and"))
                                    .match(QString::fromUtf8(out));
            if (counts.hasMatch() && counts.captured(1).toInt() >= 2)
                ++collected; // the deleted image's manifest, config and layer

            ASSERT_TRUE(fs.crash());
        }
        EXPECT_EQ(storeFindings(state + QStringLiteral("/store")), QStringList())
            << "seed " << seed;
    }
    EXPECT_EQ(collected, 24) << "the collection ran";
}

// The same campaign against distribution 2.8.2, which never fsyncs: it
// must lose acknowledged pushes — the campaign sees loss when there is.
TEST(PowerLoss, DistributionLosesAcknowledgedPushes)
{
    CampaignOptions options;
    options.engine = CampaignOptions::Engine::Distribution;
    options.rounds = static_cast<int>(fromEnvironment("BERTH_POWER_LOSS_ROUNDS", 20));
    options.generation = 5;
    options.seed = fromEnvironment("BERTH_POWER_LOSS_SEED", std::random_device()());
    const CampaignReport report = runCampaign(options);
    EXPECT_GT(report.acknowledged, 0);
    EXPECT_GT(report.lost, 0);
}

} // namespace
} // namespace berth::test
