// berth-registry serve, used by clients no one here wrote (skopeo) and by
// Berth's own client; and the data directory shared both ways with
// distribution 2.8.
#include "../client/await.h"

#include "registry_fixture.h"
#include <QPointer>

#include "delete_tag_job.h"
#include "image_job.h"
#include "list_page_job.h"
#include "ping_job.h"
#include "referrers_job.h"
#include "registry_session.h"

using namespace berth;

namespace {

const QString kBerthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);

struct Images
{
    QTemporaryDir dir;
    test::ImageTruth single;
    test::IndexTruth multi;
    Images()
    {
        test::OciLayoutWriter w(dir.path(), 77);
        single = w.addImage(QStringLiteral("2024-07-07T07:07:07Z"), QStringLiteral("amd64"),
                            {70000, 1234});
        multi = w.addIndex(QStringLiteral("2024-07-08T00:00:00Z"), true);
        w.tag(QStringLiteral("single"), single.manifestDigest,
              QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        w.tag(QStringLiteral("multi"), multi.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
        w.save();
    }
};

test::RegistryFixture::Options berthOptions()
{
    test::RegistryFixture::Options o;
    o.berthRegistry = kBerthRegistry;
    return o;
}

} // namespace

TEST(BerthRegistryServe, SkopeoPushAndPullRoundTripsSingleAndMultiArch)
{
    test::RegistryFixture registry(berthOptions());
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    Images images;
    ASSERT_TRUE(
        registry.push(images.dir.path(), QStringLiteral("single"), QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("multi"),
                              QStringLiteral("team/app:multi"), true))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:multi"), true))
        << registry.lastOutput().toStdString();

    // Berth's own client sees exactly what was pushed (same digests, sizes).
    client::RegistrySession session(
        client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    const auto ping = test::await(session.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok());
    EXPECT_EQ((*ping)->apiVersion, QStringLiteral("registry/2.0"));
    const auto single =
        test::await(session.describe(QStringLiteral("team/app"), QStringLiteral("v1")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(single && single->ok()) << single->error().message.toStdString();
    EXPECT_EQ(QString::fromStdString((*single)->manifest->digest.toString()),
              images.single.manifestDigest);
    EXPECT_EQ((*single)->size, images.single.size);
    const auto multi =
        test::await(session.describe(QStringLiteral("team/app"), QStringLiteral("multi")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(multi && multi->ok()) << multi->error().message.toStdString();
    EXPECT_EQ(QString::fromStdString((*multi)->manifest->digest.toString()), images.multi.digest);
    EXPECT_EQ((*multi)->size, images.multi.uniqueSize);
    EXPECT_EQ((*multi)->attestations.size(), 1);

    // The spec's tag delete works directly (no placeholder dance needed).
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("team/app:v1-copy")));
    auto *del = session.deleteTag(QStringLiteral("team/app"), QStringLiteral("v1"),
                                  (*single)->manifest->digest);
    QPointer<client::DeleteTagJob> watch(del);
    bool direct = false;
    QObject::connect(del, &client::DeleteTagJob::finished, &session,
                     [&](const client::ClientResult<berth::Ok> &) {
                         direct = watch && watch->deletedDirectly();
                     });
    const auto deleted = test::await(del, &client::DeleteTagJob::finished);
    ASSERT_TRUE(deleted && deleted->ok()) << deleted->error().message.toStdString();
    EXPECT_TRUE(direct);
    const auto tags =
        test::await(session.listTags(QStringLiteral("team/app")), &client::ListPageJob::finished);
    ASSERT_TRUE(tags && tags->ok());
    EXPECT_EQ((*tags)->items, (QStringList{QStringLiteral("multi"), QStringLiteral("v1-copy")}));
    // Referrers API exists here (empty list, not the tag-schema fallback).
    const auto refs =
        test::await(session.listReferrers(QStringLiteral("team/app"), (*single)->manifest->digest),
                    &client::ReferrersJob::finished);
    ASSERT_TRUE(refs && refs->ok());
    EXPECT_FALSE((*refs)->viaTagSchema);
}

TEST(BerthRegistryServe, DataDirectoryIsSharedBothWaysWithDistribution)
{
    Images images;
    // Written by docker-registry, served by berth-registry.
    test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("from/distribution:v1")));
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("multi"),
                              QStringLiteral("from/distribution:multi"), true));
    registry.stop();
    registry.setEngine(kBerthRegistry);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/distribution:v1")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/distribution:multi"), true))
        << registry.lastOutput().toStdString();
    // Written by berth-registry, served by docker-registry.
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("from/berth:v1")));
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("multi"),
                              QStringLiteral("from/berth:multi"), true));
    registry.stop();
    registry.setEngine(QString());
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/berth:v1")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/berth:multi"), true))
        << registry.lastOutput().toStdString();
    client::RegistrySession session(
        client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    const auto described =
        test::await(session.describe(QStringLiteral("from/berth"), QStringLiteral("multi")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok());
    EXPECT_EQ(QString::fromStdString((*described)->manifest->digest.toString()),
              images.multi.digest);
}

TEST(BerthRegistryServe, HtpasswdLoginForSkopeoAndBerth)
{
    auto options = berthOptions();
    options.htpasswdUser = QStringLiteral("alice");
    options.htpasswdPassword = QStringLiteral("s3cret-pw");
    test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    Images images;
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("private/app:v1")))
        << registry.lastOutput().toStdString();
    const auto endpoint = client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value();
    client::RegistrySession anonymous(endpoint);
    const auto refused = test::await(anonymous.listRepositories(), &client::ListPageJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, client::ClientErrorKind::Unauthorized);
    client::RegistrySession alice(endpoint, [] {
        return std::optional<client::Credentials>(
            client::Credentials{QStringLiteral("alice"), QStringLiteral("s3cret-pw")});
    });
    const auto ping = test::await(alice.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();
    EXPECT_EQ((*ping)->authScheme, QStringLiteral("basic"));
    EXPECT_TRUE((*ping)->loggedIn);
    const auto described =
        test::await(alice.describe(QStringLiteral("private/app"), QStringLiteral("v1")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok()) << described->error().message.toStdString();
    EXPECT_EQ((*described)->size, images.single.size);
}
