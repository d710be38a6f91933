// Browsing a real berth-registry mirror of a real docker-registry: its
// ping says it is a mirror, and it lists what it holds of each image: an
// image pulled whole is cached, one only described is partly there.
#include "client/cached_tags_job.h"
#include "client/manifest_job.h"
#include "client/mirror_cache_job.h"
#include "client/ping_job.h"
#include "client/prefetch_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "support/await.h"
#include "support/registry_fixture.h"
#include "support/serve_process.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::client::CachedTagsJob;
using berth::client::ClientErrorKind;
using berth::client::MirrorCacheJob;
using berth::client::PingJob;
using berth::client::RegistryEndpoint;
using berth::client::RegistrySession;
using berth::test::await;

namespace {

std::unique_ptr<RegistrySession> sessionOn(const QString &url)
{
    auto endpoint = RegistryEndpoint::fromUserInput(url);
    return endpoint.ok() ? std::make_unique<RegistrySession>(endpoint.value()) : nullptr;
}

} // namespace

TEST(MirrorCache, AMirrorSaysWhatItHoldsOfEachImage)
{
    berth::test::RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 91);
    const auto index = layout.addIndex(QStringLiteral("2024-05-01T00:00:00Z"), false);
    const auto single =
        layout.addImage(QStringLiteral("2024-05-02T00:00:00Z"), QStringLiteral("amd64"), {7000});
    layout.tag(QStringLiteral("multi"), index.digest,
               QStringLiteral("application/vnd.oci.image.index.v1+json"));
    layout.tag(QStringLiteral("single"), single.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("multi"),
                              QStringLiteral("multi/app:v1"), true))
        << upstream.lastOutput().toStdString();
    ASSERT_TRUE(
        upstream.push(layoutDir.path(), QStringLiteral("single"), QStringLiteral("single/app:v1")))
        << upstream.lastOutput().toStdString();

    berth::test::ServeProcess serve;
    ASSERT_TRUE(serve.start(berth::test::mirrorConfigOf(upstream.baseUrl())))
        << serve.process.readAllStandardError().toStdString();
    auto mirror = sessionOn(QStringLiteral("http://127.0.0.1:%1").arg(serve.port));
    auto direct = sessionOn(upstream.baseUrl());
    ASSERT_TRUE(mirror && direct);

    const auto mirrorPing = await(mirror->ping(), &PingJob::finished);
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
    const auto fetched = await(mirror->prefetch({QStringLiteral("single/app:v1")}),
                               &berth::client::PrefetchJob::finished, 60000);
    ASSERT_TRUE(fetched && fetched->ok() && (*fetched)->failures.isEmpty());
    ASSERT_TRUE(await(mirror->getManifest(QStringLiteral("multi/app"), QStringLiteral("v1")),
                      &berth::client::ManifestJob::finished)
                    ->ok());

    const auto cache = await(new MirrorCacheJob(mirror.get()), &MirrorCacheJob::finished);
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

    const auto whole = await(new CachedTagsJob(mirror.get(), QStringLiteral("single/app")),
                             &CachedTagsJob::finished);
    ASSERT_TRUE(whole && whole->ok()) << (whole ? whole->error().message.toStdString() : "");
    ASSERT_EQ((*whole)->tags.size(), 1);
    EXPECT_TRUE((*whole)->tags[0].complete());
    EXPECT_EQ((*whole)->tags[0].digest, single.manifestDigest);

    const auto part = await(new CachedTagsJob(mirror.get(), QStringLiteral("multi/app")),
                            &CachedTagsJob::finished);
    ASSERT_TRUE(part && part->ok()) << (part ? part->error().message.toStdString() : "");
    ASSERT_EQ((*part)->tags.size(), 1);
    // The index is here; each platform manifest it lists is one missing part.
    EXPECT_EQ((*part)->tags[0].present, 1);
    EXPECT_EQ((*part)->tags[0].parts, 1 + static_cast<int>(index.platforms.size()));
    EXPECT_FALSE((*part)->tags[0].complete());

    const auto none = await(new CachedTagsJob(mirror.get(), QStringLiteral("not/here")),
                            &CachedTagsJob::finished);
    ASSERT_TRUE(none && !none->ok());
    EXPECT_EQ(none->error().registryCode, QStringLiteral("NAME_UNKNOWN"));
}
