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

// Platforms picked from an index: one is that platform's image itself;
// several, a new index listing only them (with the attestation of each),
// whose digest differs from the source's and which skopeo pulls whole.
TEST_P(CopyWithin, PickedPlatformsCopyThatImageOrANarrowerIndex)
{
    QTemporaryDir three;
    berth::test::OciLayoutWriter layout(three.path(), 102);
    const auto amd64 =
        layout.addImage(QStringLiteral("2024-07-03T00:00:00Z"), QStringLiteral("amd64"), {4000});
    const auto arm64 =
        layout.addImage(QStringLiteral("2024-07-03T00:00:00Z"), QStringLiteral("arm64"), {5000});
    const auto s390x =
        layout.addImage(QStringLiteral("2024-07-03T00:00:00Z"), QStringLiteral("s390x"), {6000});
    const auto wide = layout.addIndexOf({amd64, arm64, s390x}, true);
    layout.tag(QStringLiteral("wide"), wide.digest, kOciIndex);
    layout.save();
    ASSERT_TRUE(
        registry->push(three.path(), QStringLiteral("wide"), QStringLiteral("wide/app:v1"), true))
        << registry->lastOutput().toStdString();
    berth::client::CopyProgress last;
    const auto picked = [this, &last](const QString &to, const QStringList &platforms) {
        CopyRequest request{QStringLiteral("wide/app"), QStringLiteral("v1"), to, {}, false};
        request.platforms = platforms;
        auto *job = new CopyJob(session.get(), request);
        QObject::connect(job, &CopyJob::progress, job,
                         [&last](const berth::client::CopyProgress &p) { last = p; });
        return await(job, &CopyJob::finished, 60000);
    };

    const auto one = picked(QStringLiteral("one/app"), {QStringLiteral("linux/arm64")});
    ASSERT_TRUE(one && one->ok()) << (one ? one->error().message.toStdString() : "");
    EXPECT_EQ(one->value().digest, arm64.manifestDigest);
    EXPECT_EQ(one->value().sourceDigest, wide.digest);
    EXPECT_EQ(one->value().platforms, QStringList{QStringLiteral("linux/arm64")});
    EXPECT_EQ(raw(QStringLiteral("one/app"), QStringLiteral("v1")),
              raw(QStringLiteral("wide/app"), arm64.manifestDigest));
    EXPECT_TRUE(raw(QStringLiteral("one/app"), amd64.manifestDigest).isEmpty());
    EXPECT_EQ(last.bytesDone, last.bytesTotal) << "the total is of what was copied";
    EXPECT_EQ(last.bytesTotal, arm64.configSize + arm64.layers.front().size);

    const auto two = picked(QStringLiteral("two/app"),
                            {QStringLiteral("linux/amd64"), QStringLiteral("linux/s390x")});
    ASSERT_TRUE(two && two->ok()) << (two ? two->error().message.toStdString() : "");
    EXPECT_NE(two->value().digest, wide.digest);
    EXPECT_EQ(two->value().sourceDigest, wide.digest);
    const QByteArray narrowed = raw(QStringLiteral("two/app"), QStringLiteral("v1"));
    EXPECT_TRUE(narrowed.contains(amd64.manifestDigest.toLatin1()));
    EXPECT_TRUE(narrowed.contains(s390x.manifestDigest.toLatin1()));
    EXPECT_TRUE(narrowed.contains(wide.attestation.manifestDigest.toLatin1()))
        << "amd64's attestation goes with it";
    EXPECT_FALSE(narrowed.contains(arm64.manifestDigest.toLatin1()));
    EXPECT_TRUE(raw(QStringLiteral("two/app"), arm64.manifestDigest).isEmpty());
    QString output;
    EXPECT_TRUE(pullsWithSkopeo(QStringLiteral("two/app:v1"), output)) << output.toStdString();
    // Again: the same narrowed index, so the tag is in place.
    const auto again = picked(QStringLiteral("two/app"),
                              {QStringLiteral("linux/s390x"), QStringLiteral("linux/amd64")});
    ASSERT_TRUE(again && again->ok());
    EXPECT_TRUE(again->value().unchanged);

    const auto none = picked(QStringLiteral("none/app"), {QStringLiteral("linux/riscv64")});
    ASSERT_TRUE(none && !none->ok());
    EXPECT_EQ(none->error().kind, ClientErrorKind::InvalidArgument);
    EXPECT_TRUE(
        none->error().message.contains(QStringLiteral("linux/amd64, linux/arm64, linux/s390x")))
        << none->error().message.toStdString();
    const auto bad = picked(QStringLiteral("none/app"), {QStringLiteral("Linux!")});
    ASSERT_TRUE(bad && !bad->ok());
    EXPECT_EQ(bad->error().kind, ClientErrorKind::InvalidArgument);

    // A single-platform image is copied as it is, and that is said.
    CopyRequest single{
        QStringLiteral("single/app"), QStringLiteral("v1"), QStringLiteral("lone/app"), {}, false};
    single.platforms = {QStringLiteral("linux/arm64")};
    const auto lone = await(new CopyJob(session.get(), single), &CopyJob::finished, 60000);
    ASSERT_TRUE(lone && lone->ok());
    ASSERT_EQ(lone->value().warnings.size(), 1);
    EXPECT_TRUE(lone->value().warnings[0].contains(QStringLiteral("single-platform")));
}

INSTANTIATE_TEST_SUITE_P(Registries, CopyWithin, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &param) {
                             return param.param ? std::string("BerthRegistry")
                                                : std::string("DockerRegistry");
                         });
