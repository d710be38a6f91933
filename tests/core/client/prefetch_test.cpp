// Pre-fetch through a real berth-registry mirror of a real docker-registry:
// every platform and blob is cached, so the mirror serves the images with
// its upstream gone; bad and missing references are reported and the rest
// go on. Streaming blobs: verified, and a sink can stop them. Browsing the
// mirror: its ping says it is one, and it lists what it holds of each
// image (an image pulled whole is cached, one only described is partly).
#include "client/body_pipe.h"
#include "client/cached_tags_job.h"
#include "client/manifest_job.h"
#include "client/mirror_cache_job.h"
#include "client/ping_job.h"
#include "client/prefetch_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"
#include "support/await.h"
#include "support/registry_fixture.h"
#include "support/serve_process.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>

#include <gtest/gtest.h>

using berth::client::CachedTagsJob;
using berth::client::ClientErrorKind;
using berth::client::ClientResult;
using berth::client::MirrorCacheJob;
using berth::client::PingJob;
using berth::client::PrefetchJob;
using berth::client::PrefetchSummary;
using berth::client::RegistryEndpoint;
using berth::client::RegistrySession;
using berth::client::StreamBlobJob;
using berth::test::await;

namespace {

const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");

std::unique_ptr<RegistrySession> sessionFor(const QString &url)
{
    auto endpoint = RegistryEndpoint::fromUserInput(url);
    return endpoint.ok() ? std::make_unique<RegistrySession>(endpoint.value()) : nullptr;
}

struct PushedImages
{
    berth::test::IndexTruth index;  // multi/app:v1
    berth::test::ImageTruth single; // single/app:v1
};

// A multi-platform image and a single one, pushed to `upstream`.
std::optional<PushedImages> pushMultiAndSingle(berth::test::RegistryFixture &upstream, quint32 seed,
                                               bool withAttestation)
{
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), seed);
    PushedImages pushed;
    pushed.index = layout.addIndex(QStringLiteral("2024-05-01T00:00:00Z"), withAttestation);
    pushed.single =
        layout.addImage(QStringLiteral("2024-05-02T00:00:00Z"), QStringLiteral("amd64"), {70000});
    layout.tag(QStringLiteral("multi"), pushed.index.digest, kOciIndex);
    layout.tag(QStringLiteral("single"), pushed.single.manifestDigest, kOciManifest);
    layout.save();
    if (!upstream.push(layoutDir.path(), QStringLiteral("multi"), QStringLiteral("multi/app:v1"),
                       true) ||
        !upstream.push(layoutDir.path(), QStringLiteral("single"), QStringLiteral("single/app:v1")))
        return std::nullopt;
    return pushed;
}

// A docker-registry upstream holding multi/app:v1 (with an attestation)
// and single/app:v1, a berth-registry mirror of it, and a session on it.
class MirrorOfUpstream : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
        auto images = pushMultiAndSingle(upstream, 81, true);
        ASSERT_TRUE(images) << upstream.lastOutput().toStdString();
        pushed = *images;
        ASSERT_TRUE(mirror.start(berth::test::mirrorConfigOf(upstream.baseUrl())))
            << mirror.process.readAllStandardError().toStdString();
        session = sessionFor(QStringLiteral("http://127.0.0.1:%1").arg(mirror.port));
        ASSERT_TRUE(session);
    }

    berth::test::RegistryFixture upstream;
    PushedImages pushed;
    berth::test::ServeProcess mirror;
    std::unique_ptr<RegistrySession> session;
};

} // namespace

TEST_F(MirrorOfUpstream, PrefetchWarmsItSoThatItServesEveryPlatformWithItsUpstreamGone)
{
    const auto &index = pushed.index;
    const auto &single = pushed.single;
    // A manifest this session has already is still asked of the mirror.
    const QString singlePath = QStringLiteral("/v2/single/app/manifests/") + single.manifestDigest;
    int singleAsked = 0;
    QObject::connect(session.get(), &RegistrySession::requestLogged, session.get(),
                     [&](const berth::client::RequestLogEntry &e) {
                         singleAsked += e.url.contains(singlePath) ? 1 : 0;
                     });
    ASSERT_TRUE(await(session->getManifest(QStringLiteral("single/app"), single.manifestDigest),
                      &berth::client::ManifestJob::finished)
                    ->ok());
    ASSERT_EQ(singleAsked, 1);
    auto *job = session->prefetch(
        {QStringLiteral("multi/app:v1"), QStringLiteral("single/app@") + single.manifestDigest,
         QStringLiteral("no reference"), QStringLiteral("missing/app:v1"),
         QStringLiteral("multi/app:v1")}); // again: every blob is there already
    QList<berth::client::PrefetchProgress> seen;
    QObject::connect(job, &PrefetchJob::progress, job,
                     [&seen](const berth::client::PrefetchProgress &p) { seen << p; });
    const auto result = await(job, &PrefetchJob::finished, 60000);
    ASSERT_TRUE(result && result->ok()) << (result ? result->error().message.toStdString() : "");
    const PrefetchSummary &summary = result->value();
    EXPECT_EQ(summary.images, 3);
    // The index, its platforms and attestation (twice), and the single image.
    EXPECT_EQ(summary.manifests, 2 * (1 + static_cast<int>(index.platforms.size()) + 1) + 1);
    ASSERT_EQ(summary.failures.size(), 2);
    EXPECT_EQ(summary.failures[0].reference, QStringLiteral("no reference"));
    EXPECT_EQ(summary.failures[1].reference, QStringLiteral("missing/app:v1"));
    EXPECT_FALSE(summary.failures[1].error.isEmpty());
    EXPECT_EQ(summary.fetched, (QStringList{QStringLiteral("multi/app:v1"),
                                            QStringLiteral("single/app@") + single.manifestDigest,
                                            QStringLiteral("multi/app:v1")}));
    EXPECT_EQ(summary.bytes, index.uniqueSize + single.size); // each blob once
    EXPECT_EQ(singleAsked, 2);
    ASSERT_FALSE(seen.isEmpty());
    EXPECT_EQ(seen.last().imagesDone, 5);
    EXPECT_EQ(seen.last().images, 5);
    EXPECT_EQ(seen.last().bytes, summary.bytes);

    // Everything is in the mirror now: with the upstream gone, every
    // platform still pulls, byte for byte (skopeo checks every digest).
    upstream.stop();
    for (const QString &ref : QStringList{QStringLiteral("multi/app:v1"),
                                          QStringLiteral("single/app@") + single.manifestDigest}) {
        QTemporaryDir target;
        QProcess skopeo;
        skopeo.setProcessChannelMode(QProcess::MergedChannels);
        skopeo.start(QStringLiteral("skopeo"),
                     {QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                      QStringLiteral("--all"), QStringLiteral("--src-tls-verify=false"),
                      QStringLiteral("docker://127.0.0.1:%1/").arg(mirror.port) + ref,
                      QStringLiteral("oci:") + target.path() + QStringLiteral(":x")});
        ASSERT_TRUE(skopeo.waitForFinished(60000));
        EXPECT_EQ(skopeo.exitCode(), 0)
            << ref.toStdString() << ": " << skopeo.readAll().toStdString();
    }

    // With the upstream gone, an image the mirror lacks fails once; the
    // rest are not tried (each would wait for the same retries).
    auto *offline = session->prefetch({QStringLiteral("gone/a:v1"), QStringLiteral("gone/b:v1")});
    const auto offlineResult = await(offline, &PrefetchJob::finished, 60000);
    ASSERT_TRUE(offlineResult && offlineResult->ok());
    ASSERT_EQ(offlineResult->value().failures.size(), 2);
    EXPECT_TRUE(offlineResult->value().failures[1].error.startsWith(QStringLiteral("not tried")))
        << offlineResult->value().failures[1].error.toStdString();
}

TEST(StreamBlob, BytesAreVerifiedAndASinkCanStopThem)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 82);
    const auto image =
        layout.addImage(QStringLiteral("2024-06-01T00:00:00Z"), QStringLiteral("amd64"), {300000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(registry.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("s/app:v1")))
        << registry.lastOutput().toStdString();
    auto session = sessionFor(registry.baseUrl());
    ASSERT_TRUE(session);
    const auto digest = berth::oci::Digest::parse(image.layers[0].digest.toStdString()).value();

    qint64 sunk = 0;
    auto *whole = session->streamBlob(QStringLiteral("s/app"), digest, [&sunk](QByteArrayView c) {
        sunk += c.size();
        return true;
    });
    auto done = await(whole, &StreamBlobJob::finished);
    ASSERT_TRUE(done && done->ok()) << (done ? done->error().message.toStdString() : "");
    EXPECT_EQ(done->value(), image.layers[0].size);
    EXPECT_EQ(sunk, image.layers[0].size);

    auto *stopped =
        session->streamBlob(QStringLiteral("s/app"), digest, [](QByteArrayView) { return false; });
    done = await(stopped, &StreamBlobJob::finished);
    ASSERT_TRUE(done && !done->ok());
    EXPECT_EQ(done->error().kind, ClientErrorKind::Cancelled);

    // The registry's bytes changed behind its back: the job says so.
    const QString hex = image.layers[0].digest.mid(7);
    QFile data(registry.rootDir() + QStringLiteral("/docker/registry/v2/blobs/sha256/") +
               hex.left(2) + QLatin1Char('/') + hex + QStringLiteral("/data"));
    ASSERT_TRUE(data.open(QIODevice::ReadWrite));
    data.seek(1000);
    data.write("corrupt");
    data.close();
    done =
        await(session->streamBlob(QStringLiteral("s/app"), digest, {}), &StreamBlobJob::finished);
    ASSERT_TRUE(done && !done->ok());
    EXPECT_EQ(done->error().kind, ClientErrorKind::DigestMismatch);
}

TEST_F(MirrorOfUpstream, ItSaysWhatItHoldsOfEachImage)
{
    const auto &index = pushed.index;
    const auto &single = pushed.single;
    RegistrySession *mirrored = session.get();
    auto direct = sessionFor(upstream.baseUrl());
    ASSERT_TRUE(direct);

    const auto mirrorPing = await(mirrored->ping(), &PingJob::finished);
    ASSERT_TRUE(mirrorPing && mirrorPing->ok());
    EXPECT_TRUE((*mirrorPing)->berthMirror);
    const auto directPing = await(direct->ping(), &PingJob::finished);
    ASSERT_TRUE(directPing && directPing->ok());
    EXPECT_FALSE((*directPing)->berthMirror) << "docker-registry is no berth mirror";
    const auto notBerth = await(new MirrorCacheJob(direct.get()), &MirrorCacheJob::finished);
    ASSERT_TRUE(notBerth);
    ASSERT_FALSE(notBerth->ok());
    EXPECT_EQ(notBerth->error().kind, ClientErrorKind::NotFound);

    // single/app pulled whole; multi/app only described (its index).
    const auto fetched =
        await(mirrored->prefetch({QStringLiteral("single/app:v1")}), &PrefetchJob::finished, 60000);
    ASSERT_TRUE(fetched && fetched->ok() && (*fetched)->failures.isEmpty());
    ASSERT_TRUE(await(mirrored->getManifest(QStringLiteral("multi/app"), QStringLiteral("v1")),
                      &berth::client::ManifestJob::finished)
                    ->ok());

    const auto cache = await(new MirrorCacheJob(mirrored), &MirrorCacheJob::finished);
    ASSERT_TRUE(cache && cache->ok()) << (cache ? cache->error().message.toStdString() : "");
    ASSERT_EQ((*cache)->repositories.size(), 2);
    for (const auto &r : (*cache)->repositories) {
        EXPECT_EQ(r.mirroredFrom, upstream.baseUrl()) << r.name.toStdString();
        EXPECT_EQ(r.tagCount, 1);
        EXPECT_TRUE(r.lastPulled);
    }
    EXPECT_EQ((*cache)->repositories[1].name, QStringLiteral("single/app"));
    const auto manifest =
        await(direct->getManifest(QStringLiteral("single/app"), QStringLiteral("v1")),
              &berth::client::ManifestJob::finished);
    ASSERT_TRUE(manifest && manifest->ok());
    EXPECT_EQ((*cache)->repositories[1].bytes, single.size + (**manifest)->bytes.size())
        << "its manifest, config and layer";
    EXPECT_EQ((*cache)->maxSize, -1);
    EXPECT_GE((*cache)->storeBytes, single.size);

    const auto whole =
        await(new CachedTagsJob(mirrored, QStringLiteral("single/app")), &CachedTagsJob::finished);
    ASSERT_TRUE(whole && whole->ok()) << (whole ? whole->error().message.toStdString() : "");
    ASSERT_EQ((*whole)->tags.size(), 1);
    EXPECT_TRUE((*whole)->tags[0].complete());
    EXPECT_EQ((*whole)->tags[0].digest, single.manifestDigest);

    const auto part =
        await(new CachedTagsJob(mirrored, QStringLiteral("multi/app")), &CachedTagsJob::finished);
    ASSERT_TRUE(part && part->ok()) << (part ? part->error().message.toStdString() : "");
    ASSERT_EQ((*part)->tags.size(), 1);
    // The index is here; each platform manifest it lists is one missing part.
    EXPECT_EQ((*part)->tags[0].present, 1);
    EXPECT_EQ((*part)->tags[0].parts, 1 + static_cast<int>(index.platforms.size()) + 1)
        << "and the attestation";
    EXPECT_FALSE((*part)->tags[0].complete());

    const auto none =
        await(new CachedTagsJob(mirrored, QStringLiteral("not/here")), &CachedTagsJob::finished);
    ASSERT_TRUE(none && !none->ok());
    EXPECT_EQ(none->error().registryCode, QStringLiteral("NAME_UNKNOWN"));
}

// A sink that fills (a pipe into a slower upload) holds the download: the
// pipe never holds much more than its high-water mark however large the
// blob, and every byte arrives. The reader here drains 256 KiB per
// event-loop turn, far slower than loopback delivers.
TEST(StreamBlob, APacedSinkHoldsTheDownloadBack)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 83);
    const auto image = layout.addImage(QStringLiteral("2024-06-02T00:00:00Z"),
                                       QStringLiteral("amd64"), {40 << 20});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(registry.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("s/app:v1")))
        << registry.lastOutput().toStdString();
    auto session = sessionFor(registry.baseUrl());
    ASSERT_TRUE(session);
    const auto digest = berth::oci::Digest::parse(image.layers[0].digest.toStdString()).value();

    berth::client::BodyPipe pipe;
    auto *job = session->streamBlob(QStringLiteral("s/app"), digest, [&pipe](QByteArrayView chunk) {
        pipe.append(chunk);
        return true;
    });
    job->setPacer(&pipe);
    qint64 drained = 0;
    qint64 mostHeld = 0;
    QTimer reader;
    reader.setInterval(0);
    QObject::connect(&reader, &QTimer::timeout, &reader, [&] {
        mostHeld = std::max(mostHeld, pipe.held());
        char buffer[256 * 1024];
        const qint64 n = pipe.read(buffer, sizeof buffer);
        drained += std::max<qint64>(n, 0);
    });
    reader.start();
    const auto done = await(job, &StreamBlobJob::finished, 60000);
    ASSERT_TRUE(done && done->ok()) << (done ? done->error().message.toStdString() : "");
    pipe.finishWriting();
    ASSERT_TRUE(berth::test::pollUntil([&] { return pipe.atEnd(); }));
    EXPECT_EQ(drained, image.layers[0].size);
    // The pipe's mark, plus what the reply still holds when the answer
    // completes (its buffer, and a chunk Qt had in flight).
    EXPECT_LE(mostHeld,
              berth::client::BodyPipe::kHighWater + 2 * berth::client::BodyPipe::kReplyBuffer)
        << mostHeld;
}
