// Berth's garbage collector against distribution 2.8's on the same stores,
// made by pushing with skopeo to a real docker-registry and deleting through
// the API; afterwards every remaining tag still pulls from docker-registry.
#include "support/await.h"
#include "support/registry_fixture.h"

#include "delete_manifest_job.h"
#include "registry_session.h"

#include "storage/garbage_collector.h"
#include "storage/registry_writer.h"

#include "image_job.h"

#include <QSet>

using namespace berth;

namespace {

QStringList sorted(const std::vector<storage::BlobEntry> &blobs)
{
    QStringList out;
    for (const auto &b : blobs)
        out.append(QString::fromStdString(b.digest.toString()));
    out.sort();
    return out;
}

struct Store
{
    test::RegistryFixture registry;
    QTemporaryDir layoutDir;
    test::ImageTruth kept, deleted, retagged, replacement;
    test::IndexTruth multi;

    bool build(QString &error)
    {
        if (!registry.start()) {
            error = registry.error();
            return false;
        }
        test::OciLayoutWriter w(layoutDir.path(), 21);
        kept = w.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"),
                          {1000, 2000});
        deleted = w.addImage(QStringLiteral("2024-01-02T00:00:00Z"), QStringLiteral("amd64"),
                             {3000}, {kept.layers[0]});
        retagged =
            w.addImage(QStringLiteral("2024-01-03T00:00:00Z"), QStringLiteral("amd64"), {4000});
        replacement =
            w.addImage(QStringLiteral("2024-01-04T00:00:00Z"), QStringLiteral("amd64"), {5000});
        multi = w.addIndex(QStringLiteral("2024-01-05T00:00:00Z"), true);
        const QString m = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        w.tag(QStringLiteral("kept"), kept.manifestDigest, m);
        w.tag(QStringLiteral("deleted"), deleted.manifestDigest, m);
        w.tag(QStringLiteral("retagged"), retagged.manifestDigest, m);
        w.tag(QStringLiteral("replacement"), replacement.manifestDigest, m);
        w.tag(QStringLiteral("multi"), multi.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
        w.save();
        const QString dir = layoutDir.path();
        const struct
        {
            const char *ref;
            const char *dest;
            bool all;
        } pushes[] = {
            {"kept", "app/one:v1", false},
            {"deleted", "app/one:v2", false},
            {"retagged", "app/two:latest", false},
            {"replacement", "app/two:latest", false}, // retagged becomes untagged
            {"multi", "app/multi:latest", true},
            {"kept", "other/copy:v1", false},
        };
        for (const auto &p : pushes) {
            if (!registry.push(dir, QString::fromLatin1(p.ref), QString::fromLatin1(p.dest),
                               p.all)) {
                error = registry.lastOutput();
                return false;
            }
        }
        // Delete app/one:v2's image by digest: its own blobs become orphans.
        client::RegistrySession session(
            client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
        const auto result =
            test::await(session.deleteManifest(
                            QStringLiteral("app/one"),
                            oci::Digest::parse(deleted.manifestDigest.toStdString()).value()),
                        &client::DeleteManifestJob::finished);
        if (!result || !result->ok()) {
            error = QStringLiteral("delete failed");
            return false;
        }
        registry.stop();
        return true;
    }
};

QSet<QString> blobsOf(const test::ImageTruth &image)
{
    QSet<QString> out{image.manifestDigest, image.configDigest};
    for (const auto &l : image.layers)
        out.insert(l.digest);
    return out;
}

} // namespace

TEST(DistributionCompat, DryRunListsExactlyWhatDistributionLists)
{
    Store store;
    QString error;
    ASSERT_TRUE(store.build(error)) << error.toStdString();
    const auto theirs = store.registry.distributionGc(true, false);
    ASSERT_TRUE(theirs) << store.registry.lastOutput().toStdString();
    storage::GarbageCollector gc(store.registry.rootDir().toStdString());
    const auto ours = gc.run({});
    ASSERT_TRUE(ours.ok()) << ours.error().message;
    EXPECT_EQ(sorted(ours->blobsToDelete), *theirs);
    // Ground truth: the deleted image's own blobs, and nothing shared.
    QSet<QString> expected = blobsOf(store.deleted);
    expected.remove(store.kept.layers[0].digest);
    EXPECT_EQ(QSet<QString>(theirs->begin(), theirs->end()), expected);
}

TEST(DistributionCompat, DeleteUntaggedIsDistributionsListMinusTheTaggedIndexPlatforms)
{
    Store store;
    QString error;
    ASSERT_TRUE(store.build(error)) << error.toStdString();
    const auto theirs = store.registry.distributionGc(true, true);
    ASSERT_TRUE(theirs) << store.registry.lastOutput().toStdString();
    storage::GarbageCollector gc(store.registry.rootDir().toStdString());
    storage::GcOptions options;
    options.deleteUntagged = true;
    const auto ours = gc.run(options);
    ASSERT_TRUE(ours.ok()) << ours.error().message;

    // What only the platforms (and attestation) of the tagged index use.
    QSet<QString> platformBlobs;
    for (const auto &p : store.multi.platforms)
        platformBlobs |= blobsOf(p);
    platformBlobs |= blobsOf(store.multi.attestation);
    const QSet<QString> theirSet(theirs->begin(), theirs->end());
    const QStringList oursList = sorted(ours->blobsToDelete);
    const QSet<QString> ourSet(oursList.begin(), oursList.end());
    // distribution 2.8's known bug: it marks the platform manifests themselves
    // but not their configs and layers, so a tagged multi-arch image breaks.
    EXPECT_TRUE(theirSet.contains(store.multi.platforms[0].configDigest))
        << "distribution's known bug is gone?";
    EXPECT_FALSE(ourSet.contains(store.multi.platforms[0].configDigest));
    EXPECT_EQ(ourSet, theirSet - platformBlobs);
    // The retagged (now untagged) image goes in both.
    EXPECT_TRUE(ourSet.contains(store.retagged.manifestDigest));
    EXPECT_TRUE(ourSet.contains(store.retagged.layers[0].digest));
}

TEST(DistributionCompat, AfterARealRunEveryRemainingTagStillPulls)
{
    Store store;
    QString error;
    ASSERT_TRUE(store.build(error)) << error.toStdString();
    storage::GarbageCollector gc(store.registry.rootDir().toStdString());
    storage::GcOptions options;
    options.deleteUntagged = true;
    options.dryRun = false;
    const auto report = gc.run(options);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_FALSE(report->blobsToDelete.empty());
    // Nothing more to collect, by Berth or by distribution.
    const auto again = gc.run({});
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->blobsToDelete.empty());
    const auto theirs = store.registry.distributionGc(true, false);
    ASSERT_TRUE(theirs);
    EXPECT_TRUE(theirs->isEmpty()) << theirs->join(QLatin1Char(' ')).toStdString();

    ASSERT_TRUE(store.registry.start()) << store.registry.error().toStdString();
    for (const char *tag : {"app/one:v1", "app/two:latest", "other/copy:v1"})
        EXPECT_TRUE(store.registry.pull(QString::fromLatin1(tag)))
            << tag << ": " << store.registry.lastOutput().toStdString();
    EXPECT_TRUE(store.registry.pull(QStringLiteral("app/multi:latest"), true))
        << store.registry.lastOutput().toStdString();
}

TEST(DistributionCompat, AStoreWrittenByBerthIsServedByDistribution)
{
    // Berth writes the layout; docker-registry serves it; skopeo pulls it.
    test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    registry.stop();
    QTemporaryDir layoutDir;
    test::OciLayoutWriter w(layoutDir.path(), 33);
    const auto image =
        w.addImage(QStringLiteral("2024-05-05T05:05:05Z"), QStringLiteral("amd64"), {1234, 4321});
    const auto multi = w.addIndex(QStringLiteral("2024-05-06T00:00:00Z"), true);
    auto readBlob = [&](const QString &digest) {
        QFile f(layoutDir.path() + QStringLiteral("/blobs/sha256/") + digest.mid(7));
        f.open(QIODevice::ReadOnly);
        return f.readAll().toStdString();
    };
    auto digestOf = [](const QString &d) {
        return oci::Digest::parse(d.toStdString()).value();
    };
    storage::RegistryWriter writer(registry.rootDir().toStdString());
    auto putImage = [&](const test::ImageTruth &img, std::optional<std::string_view> tag) {
        ASSERT_TRUE(
            writer.putBlob("berth/written", readBlob(img.configDigest), digestOf(img.configDigest))
                .ok());
        for (const auto &l : img.layers)
            ASSERT_TRUE(
                writer.putBlob("berth/written", readBlob(l.digest), digestOf(l.digest)).ok());
        ASSERT_TRUE(writer
                        .putManifest("berth/written", readBlob(img.manifestDigest),
                                     digestOf(img.manifestDigest), tag)
                        .ok());
    };
    putImage(image, std::string_view("single"));
    for (const auto &p : multi.platforms)
        putImage(p, std::nullopt);
    putImage(multi.attestation, std::nullopt);
    ASSERT_TRUE(writer
                    .putManifest("berth/written", readBlob(multi.digest), digestOf(multi.digest),
                                 std::string_view("multi"))
                    .ok());

    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("berth/written:single")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("berth/written:multi"), true))
        << registry.lastOutput().toStdString();
    client::RegistrySession session(
        client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    const auto described =
        test::await(session.describe(QStringLiteral("berth/written"), QStringLiteral("single")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok()) << described->error().message.toStdString();
    EXPECT_EQ(QString::fromStdString((*described)->manifest->digest.toString()),
              image.manifestDigest);
    EXPECT_EQ((*described)->size, image.size);
}
