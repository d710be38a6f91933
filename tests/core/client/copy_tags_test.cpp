// Copying several tags, or every tag a filter names, against Debian's
// docker-registry: a tag that points elsewhere at the target is recorded
// and the others still go; a blob transfer reset mid-way (a relay in front
// of the real source that cuts every connection once) starts again and
// the copy completes, digest for digest.
#include "support/copy_support.h"

#include "client/copy_tags_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "support/await.h"
#include "support/gated_relay.h"
#include "support/registry_fixture.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::client::ClientErrorKind;
using berth::client::CopyTagsJob;
using berth::client::CopyTagsRequest;
using berth::client::CopyTagsSummary;
using berth::client::RegistrySession;
using berth::client::TagPattern;
using berth::test::await;
using berth::test::copying::pullsWithSkopeo;
using berth::test::copying::rawManifest;

namespace {

const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

std::unique_ptr<RegistrySession> sessionOn(const QString &url)
{
    auto endpoint = berth::client::RegistryEndpoint::fromUserInput(url).value();
    endpoint.retryBaseDelay = std::chrono::milliseconds(10); // a test need not wait
    return std::make_unique<RegistrySession>(endpoint);
}

std::optional<berth::client::ClientResult<CopyTagsSummary>>
copyTags(RegistrySession &from, RegistrySession &to, CopyTagsRequest request)
{
    return await(new CopyTagsJob(&from, &to, std::move(request)), &CopyTagsJob::finished, 120000);
}

// app:1.0, app:1.1 and app:2.0, three images, in one docker-registry.
class CopyTags : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(registry.start()) << registry.error().toStdString();
        berth::test::OciLayoutWriter layout(layoutDir.path(), 301);
        int day = 1;
        for (const QString &tag : tags) {
            const auto image = layout.addImage(QStringLiteral("2024-09-0%1T00:00:00Z").arg(day++),
                                               QStringLiteral("amd64"), {20000, 10000});
            layout.tag(tag, image.manifestDigest, kOciManifest);
        }
        layout.save();
        for (const QString &tag : tags)
            ASSERT_TRUE(registry.push(layoutDir.path(), tag, QStringLiteral("app:") + tag))
                << registry.lastOutput().toStdString();
        session = sessionOn(registry.baseUrl());
    }

    QByteArray raw(const QString &repository, const QString &reference)
    {
        return rawManifest(*session, repository, reference);
    }

    const QStringList tags{QStringLiteral("1.0"), QStringLiteral("1.1"), QStringLiteral("2.0")};
    berth::test::RegistryFixture registry;
    QTemporaryDir layoutDir;
    std::unique_ptr<RegistrySession> session;
};

} // namespace

TEST_F(CopyTags, OneTagPointingElsewhereIsToldAndTheOthersStillGo)
{
    // team/app:1.1 names 1.0's image already: moving it was not asked for.
    CopyTagsRequest first;
    first.fromRepository = QStringLiteral("app");
    first.tags = {QStringLiteral("1.0")};
    first.toRepository = QStringLiteral("team/app");
    first.toTag = QStringLiteral("1.1");
    const auto setUp = copyTags(*session, *session, first);
    ASSERT_TRUE(setUp && setUp->ok()) << (setUp ? setUp->error().message.toStdString() : "");

    CopyTagsRequest request;
    request.fromRepository = QStringLiteral("app");
    request.tags = tags;
    request.toRepository = QStringLiteral("team/app");
    const auto copied = copyTags(*session, *session, request);
    ASSERT_TRUE(copied && copied->ok()) << (copied ? copied->error().message.toStdString() : "");
    const CopyTagsSummary &summary = copied->value();
    ASSERT_EQ(summary.tags.size(), 3);
    EXPECT_EQ(summary.copied(), 2);
    EXPECT_EQ(summary.failed(), 1);
    ASSERT_TRUE(summary.tags[1].error);
    EXPECT_EQ(summary.tags[1].error->kind, ClientErrorKind::TagExists);
    EXPECT_EQ(raw(QStringLiteral("team/app"), QStringLiteral("1.0")),
              raw(QStringLiteral("app"), QStringLiteral("1.0")));
    EXPECT_EQ(raw(QStringLiteral("team/app"), QStringLiteral("2.0")),
              raw(QStringLiteral("app"), QStringLiteral("2.0")));
    EXPECT_EQ(raw(QStringLiteral("team/app"), QStringLiteral("1.1")),
              raw(QStringLiteral("app"), QStringLiteral("1.0")))
        << "the tag that pointed elsewhere was left so";

    // With moving allowed, the same copy again: 1.1 moves, the rest is there.
    request.overwrite = true;
    const auto again = copyTags(*session, *session, request);
    ASSERT_TRUE(again && again->ok());
    EXPECT_EQ(again->value().copied(), 1);
    EXPECT_EQ(again->value().unchanged(), 2);
    EXPECT_EQ(raw(QStringLiteral("team/app"), QStringLiteral("1.1")),
              raw(QStringLiteral("app"), QStringLiteral("1.1")));
}

TEST_F(CopyTags, EveryTagAFilterNamesAndNoneElse)
{
    CopyTagsRequest request;
    request.fromRepository = QStringLiteral("app");
    request.everyTag = true;
    request.pattern = TagPattern(QStringLiteral("^1\\."), true);
    request.toRepository = QStringLiteral("ones/app");
    const auto copied = copyTags(*session, *session, request);
    ASSERT_TRUE(copied && copied->ok()) << (copied ? copied->error().message.toStdString() : "");
    ASSERT_EQ(copied->value().tags.size(), 2);
    EXPECT_EQ(copied->value().copied(), 2);
    EXPECT_FALSE(raw(QStringLiteral("ones/app"), QStringLiteral("1.1")).isEmpty());
    EXPECT_TRUE(raw(QStringLiteral("ones/app"), QStringLiteral("2.0")).isEmpty());

    request.pattern = TagPattern(QStringLiteral("nightly"), false);
    const auto none = copyTags(*session, *session, request);
    ASSERT_TRUE(none && !none->ok());
    EXPECT_EQ(none->error().kind, ClientErrorKind::NotFound);
    EXPECT_TRUE(none->error().message.contains(QStringLiteral("nightly")));

    request.pattern = TagPattern(QStringLiteral("(unclosed"), true);
    const auto invalid = copyTags(*session, *session, request);
    ASSERT_TRUE(invalid && !invalid->ok());
    EXPECT_EQ(invalid->error().kind, ClientErrorKind::InvalidArgument);

    // A new name is for one tag.
    request.pattern = {};
    request.toTag = QStringLiteral("latest");
    const auto renamed = copyTags(*session, *session, request);
    ASSERT_TRUE(renamed && !renamed->ok());
    EXPECT_EQ(renamed->error().kind, ClientErrorKind::InvalidArgument);
}

// The source answers through a relay that resets every connection once,
// 3 MiB into the copy: the blob in flight is transferred again from its
// first byte, and the copy completes.
TEST(CopyRetries, ABlobCutMidwayIsSentAgainAndTheCopyCompletes)
{
    berth::test::RegistryFixture source;
    berth::test::RegistryFixture target;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 302);
    const auto image =
        layout.addImage(QStringLiteral("2024-09-10T00:00:00Z"), QStringLiteral("amd64"), {8 << 20});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("app:v1")))
        << source.lastOutput().toStdString();

    berth::test::GatedRelay relay(source.port());
    ASSERT_TRUE(relay.listen());
    relay.cutOnceAfter(3 << 20);
    auto from = sessionOn(relay.url());
    auto to = sessionOn(target.baseUrl());
    CopyTagsRequest request;
    request.fromRepository = QStringLiteral("app");
    request.tags = {QStringLiteral("v1")};
    request.toRepository = QStringLiteral("app");
    const auto copied = copyTags(*from, *to, request);
    ASSERT_TRUE(copied && copied->ok()) << (copied ? copied->error().message.toStdString() : "");
    ASSERT_EQ(copied->value().tags.size(), 1);
    ASSERT_FALSE(copied->value().tags[0].error)
        << copied->value().tags[0].error->message.toStdString();
    EXPECT_EQ(relay.cuts(), 1);
    // The layer was cut; the config, when its answer was on the way at
    // that moment, was cut too and sent again as well.
    EXPECT_GE(copied->value().retries(), 1);
    EXPECT_LE(copied->value().retries(), 2);
    EXPECT_EQ(copied->value().copied(), 1);
    const QByteArray layerGet = "GET /v2/app/blobs/" + image.layers.front().digest.toLatin1();
    EXPECT_EQ(relay.requests(layerGet), 2) << "the layer was asked again after the cut";
    EXPECT_EQ(rawManifest(*to, QStringLiteral("app"), QStringLiteral("v1")),
              rawManifest(*from, QStringLiteral("app"), QStringLiteral("v1")));
    QString output;
    EXPECT_TRUE(pullsWithSkopeo(target.hostPort(), QStringLiteral("app:v1"), output))
        << output.toStdString();
}
