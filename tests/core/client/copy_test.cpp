// Copying and promoting images within a registry, against real ones
// (Debian's docker-registry and berth-registry): digest for digest, every
// platform of an index, blobs mounted (no bytes move), the tag last; a
// tag that points elsewhere is refused unless allowed; a cancelled copy
// tags nothing; what is copied pulls with skopeo.
#include "support/copy_support.h"

#include "client/copy_job.h"
#include "client/manifest_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "support/await.h"
#include "support/registry_fixture.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::client::ClientErrorKind;
using berth::client::CopyJob;
using berth::client::CopyRequest;
using berth::client::ManifestJob;
using berth::client::RegistrySession;
using berth::test::await;

namespace {

const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

class CopyWithin : public ::testing::TestWithParam<bool> // true: berth-registry
{
protected:
    void SetUp() override
    {
        berth::test::RegistryFixture::Options options;
        if (GetParam())
            options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
        registry = std::make_unique<berth::test::RegistryFixture>(options);
        ASSERT_TRUE(registry->start()) << registry->error().toStdString();
        berth::test::OciLayoutWriter layout(layoutDir.path(), 101);
        index = layout.addIndex(QStringLiteral("2024-07-01T00:00:00Z"), true);
        single = layout.addImage(QStringLiteral("2024-07-02T00:00:00Z"), QStringLiteral("amd64"),
                                 {30000, 20000});
        layout.tag(QStringLiteral("multi"), index.digest, kOciIndex);
        layout.tag(QStringLiteral("single"), single.manifestDigest, kOciManifest);
        layout.save();
        ASSERT_TRUE(registry->push(layoutDir.path(), QStringLiteral("multi"),
                                   QStringLiteral("multi/app:v1"), true))
            << registry->lastOutput().toStdString();
        ASSERT_TRUE(registry->push(layoutDir.path(), QStringLiteral("single"),
                                   QStringLiteral("single/app:v1")))
            << registry->lastOutput().toStdString();
        auto endpoint = berth::client::RegistryEndpoint::fromUserInput(registry->baseUrl());
        ASSERT_TRUE(endpoint.ok());
        session = std::make_unique<RegistrySession>(endpoint.value());
    }

    std::optional<berth::client::ClientResult<berth::client::CopySummary>>
    copy(const QString &from, const QString &reference, const QString &to, const QString &tag,
         bool overwrite = false)
    {
        return await(new CopyJob(session.get(), CopyRequest{from, reference, to, tag, overwrite}),
                     &CopyJob::finished, 60000);
    }

    QByteArray raw(const QString &repository, const QString &reference)
    {
        return berth::test::copying::rawManifest(*session, repository, reference);
    }

    bool pullsWithSkopeo(const QString &reference, QString &output)
    {
        return berth::test::copying::pullsWithSkopeo(registry->hostPort(), reference, output);
    }

    QTemporaryDir layoutDir;
    std::unique_ptr<berth::test::RegistryFixture> registry;
    std::unique_ptr<RegistrySession> session;
    berth::test::IndexTruth index;
    berth::test::ImageTruth single;
};

} // namespace

TEST_P(CopyWithin, EveryPlatformDigestForDigestWithBlobsMounted)
{
    const auto copied =
        copy(QStringLiteral("multi/app"), QStringLiteral("v1"), QStringLiteral("team/multi"), {});
    ASSERT_TRUE(copied && copied->ok()) << (copied ? copied->error().message.toStdString() : "");
    const auto &summary = copied->value();
    EXPECT_EQ(summary.digest, index.digest);
    // The index, each platform and the attestation.
    EXPECT_EQ(summary.manifests, 1 + static_cast<int>(index.platforms.size()) + 1);
    EXPECT_GT(summary.blobsMounted, 0);
    EXPECT_EQ(summary.blobsPresent, 0);
    EXPECT_FALSE(summary.unchanged);
    // Byte for byte, the index and each platform.
    EXPECT_EQ(raw(QStringLiteral("team/multi"), QStringLiteral("v1")),
              raw(QStringLiteral("multi/app"), QStringLiteral("v1")));
    for (const auto &platform : index.platforms)
        EXPECT_EQ(raw(QStringLiteral("team/multi"), platform.manifestDigest),
                  raw(QStringLiteral("multi/app"), platform.manifestDigest));
    QString output;
    EXPECT_TRUE(pullsWithSkopeo(QStringLiteral("team/multi:v1"), output)) << output.toStdString();

    // Again: the tag is there already, nothing to do.
    const auto again =
        copy(QStringLiteral("multi/app"), QStringLiteral("v1"), QStringLiteral("team/multi"), {});
    ASSERT_TRUE(again && again->ok());
    EXPECT_TRUE(again->value().unchanged);
    EXPECT_EQ(again->value().manifests, 0);
}

TEST_P(CopyWithin, PromotionFindsEveryBlobThereAndMovesOnlyTheTag)
{
    const auto promoted = copy(QStringLiteral("single/app"), QStringLiteral("v1"),
                               QStringLiteral("single/app"), QStringLiteral("1.4"));
    ASSERT_TRUE(promoted && promoted->ok())
        << (promoted ? promoted->error().message.toStdString() : "");
    EXPECT_EQ(promoted->value().blobsPresent, 1 + static_cast<int>(single.layers.size()));
    EXPECT_EQ(promoted->value().blobsMounted, 0);
    EXPECT_EQ(promoted->value().manifests, 1);
    EXPECT_EQ(raw(QStringLiteral("single/app"), QStringLiteral("1.4")),
              raw(QStringLiteral("single/app"), QStringLiteral("v1")));

    // By digest, into another repository: no tag at all.
    const auto byDigest = copy(QStringLiteral("single/app"), single.manifestDigest,
                               QStringLiteral("archive/app"), {});
    ASSERT_TRUE(byDigest && byDigest->ok());
    EXPECT_FALSE(raw(QStringLiteral("archive/app"), single.manifestDigest).isEmpty());

    const auto same =
        copy(QStringLiteral("single/app"), QStringLiteral("v1"), QStringLiteral("single/app"), {});
    ASSERT_TRUE(same && !same->ok());
    EXPECT_EQ(same->error().kind, ClientErrorKind::InvalidArgument);
}

TEST_P(CopyWithin, ATagPointingElsewhereIsMovedOnlyWhenAllowed)
{
    const QByteArray before = raw(QStringLiteral("multi/app"), QStringLiteral("v1"));
    const auto refused = copy(QStringLiteral("single/app"), QStringLiteral("v1"),
                              QStringLiteral("multi/app"), QStringLiteral("v1"));
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::TagExists);
    EXPECT_TRUE(refused->error().message.contains(index.digest.mid(7, 12)))
        << refused->error().message.toStdString();
    EXPECT_TRUE(refused->error().message.contains(single.manifestDigest.mid(7, 12)));
    EXPECT_EQ(raw(QStringLiteral("multi/app"), QStringLiteral("v1")), before) << "untouched";

    const auto moved = copy(QStringLiteral("single/app"), QStringLiteral("v1"),
                            QStringLiteral("multi/app"), QStringLiteral("v1"), true);
    ASSERT_TRUE(moved && moved->ok()) << (moved ? moved->error().message.toStdString() : "");
    EXPECT_EQ(raw(QStringLiteral("multi/app"), QStringLiteral("v1")),
              raw(QStringLiteral("single/app"), QStringLiteral("v1")));
}

TEST_P(CopyWithin, ACancelledCopyTagsNothing)
{
    auto *job = new CopyJob(session.get(), CopyRequest{QStringLiteral("multi/app"),
                                                       QStringLiteral("v1"),
                                                       QStringLiteral("team/cancelled"),
                                                       {},
                                                       false});
    // Cancelled once the first blob is done: manifests and the tag are not.
    QObject::connect(job, &CopyJob::progress, job, [job](const berth::client::CopyProgress &p) {
        if (p.blobsDone == 1)
            job->cancel();
    });
    const auto result = await(job, &CopyJob::finished, 60000);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::Cancelled);
    const auto tag =
        await(session->headManifest(QStringLiteral("team/cancelled"), QStringLiteral("v1")),
              &ManifestJob::finished);
    ASSERT_TRUE(tag && !tag->ok());
    EXPECT_EQ(tag->error().kind, ClientErrorKind::NotFound);
}

INSTANTIATE_TEST_SUITE_P(Registries, CopyWithin, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &param) {
                             return param.param ? std::string("BerthRegistry")
                                                : std::string("DockerRegistry");
                         });
