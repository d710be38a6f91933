// The registry client against a real docker-registry (distribution 2.8.2)
// with images pushed by skopeo from generated OCI layouts.
#include "support/await.h"
#include "support/registry_fixture.h"

#include "blob_job.h"
#include "bulk_delete_job.h"
#include "bulk_describe_job.h"
#include "delete_manifest_job.h"
#include "delete_tag_job.h"
#include "deletion_plan.h"
#include "image_job.h"
#include "list_page_job.h"
#include "manifest_job.h"
#include "ping_job.h"
#include "referrers_job.h"
#include "registry_session.h"
#include "search_job.h"

#include "oci/timestamp.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTcpServer>

using namespace berth::client;
using berth::test::await;

namespace {

const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");

berth::oci::Digest digestOf(const QString &text)
{
    return berth::oci::Digest::parse(text.toStdString()).value();
}

struct World
{
    berth::test::RegistryFixture registry;
    QTemporaryDir layoutDir;
    berth::test::ImageTruth first;  // berth/alpha:v1 and :v2
    berth::test::ImageTruth second; // berth/alpha:v3
    berth::test::IndexTruth multi;  // berth/alpha:multi
    QStringList repositories;
};

World *g_world = nullptr;

} // namespace

class RegistrySessionTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        g_world = new World;
        if (qEnvironmentVariableIntValue("BERTH_KEEP_TEST_DIRS") == 1)
            g_world->layoutDir.setAutoRemove(false);
        ASSERT_TRUE(g_world->registry.start()) << g_world->registry.error().toStdString();
        berth::test::OciLayoutWriter layout(g_world->layoutDir.path(), 7);
        g_world->first = layout.addImage(QStringLiteral("2024-03-01T10:00:00Z"),
                                         QStringLiteral("amd64"), {4096, 1234});
        g_world->second =
            layout.addImage(QStringLiteral("2025-06-15T08:30:00.123456789Z"),
                            QStringLiteral("amd64"), {999}, {g_world->first.layers[0]});
        g_world->multi = layout.addIndex(QStringLiteral("2025-01-01T00:00:00Z"), true);
        layout.tag(QStringLiteral("first"), g_world->first.manifestDigest, kOciManifest);
        layout.tag(QStringLiteral("second"), g_world->second.manifestDigest, kOciManifest);
        layout.tag(QStringLiteral("multi"), g_world->multi.digest, kOciIndex);
        layout.tag(QStringLiteral("amd64"), g_world->multi.platforms[0].manifestDigest,
                   kOciManifest);
        layout.tag(QStringLiteral("arm64"), g_world->multi.platforms[1].manifestDigest,
                   kOciManifest);
        layout.save();
        auto &r = g_world->registry;
        const QString dir = g_world->layoutDir.path();
        const struct
        {
            const char *ref;
            const char *dest;
            bool all;
        } pushes[] = {
            {"first", "berth/alpha:v1", false},     {"first", "berth/alpha:v2", false},
            {"second", "berth/alpha:v3", false},    {"multi", "berth/alpha:multi", true},
            {"first", "berth/beta:latest", false},  {"first", "delta:latest", false},
            {"first", "zeta/x/y:latest", false},    {"first", "del/tagonly:t1", false},
            {"first", "del/tagonly:t2", false},     {"first", "del/digest:a", false},
            {"first", "del/digest:b", false},       {"second", "del/moved:t", false},
            {"multi", "bulk/arch:v1", true},        {"amd64", "bulk/arch:v1-amd64", false},
            {"arm64", "bulk/arch:v1-arm64", false}, {"second", "bulk/arch:old", false},
            {"amd64", "bulk/late:v2-amd64", false}, {"multi", "bulk/late:v2", true},
            {"first", "bulk/gone:x", false},
        };
        for (const auto &p : pushes)
            ASSERT_TRUE(r.push(dir, QString::fromLatin1(p.ref), QString::fromLatin1(p.dest), p.all))
                << r.lastOutput().toStdString();
        g_world->repositories = {QStringLiteral("berth/alpha"), QStringLiteral("berth/beta"),
                                 QStringLiteral("bulk/arch"),   QStringLiteral("bulk/gone"),
                                 QStringLiteral("bulk/late"),   QStringLiteral("del/digest"),
                                 QStringLiteral("del/moved"),   QStringLiteral("del/tagonly"),
                                 QStringLiteral("delta"),       QStringLiteral("zeta/x/y")};
    }

    static void TearDownTestSuite()
    {
        delete g_world;
        g_world = nullptr;
    }

    void SetUp() override
    {
        ASSERT_NE(g_world, nullptr);
        auto endpoint = RegistryEndpoint::fromUserInput(g_world->registry.baseUrl());
        ASSERT_TRUE(endpoint.ok());
        m_session = std::make_unique<RegistrySession>(endpoint.value());
        QObject::connect(m_session.get(), &RegistrySession::requestLogged, m_session.get(),
                         [this](const RequestLogEntry &e) { m_log.append(e); });
    }

    QStringList listAll(ListPageJob *first)
    {
        QStringList all;
        ListPageJob *job = first;
        for (int pages = 0; job && pages < 100; ++pages) {
            const auto page = await(job, &ListPageJob::finished);
            if (!page || !page->ok()) {
                ADD_FAILURE() << (page ? page->error().message.toStdString()
                                       : std::string("no result"));
                return all;
            }
            all += (*page)->items;
            ++m_pages;
            job = (*page)->next ? m_session->listPage(*(*page)->next) : nullptr;
        }
        return all;
    }

    std::unique_ptr<RegistrySession> m_session;
    QList<RequestLogEntry> m_log;
    int m_pages = 0;
};

TEST_F(RegistrySessionTest, PingReportsApiVersionAndAnonymousAccess)
{
    const auto result = await(m_session->ping(), &PingJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    EXPECT_EQ((*result)->apiVersion, QStringLiteral("registry/2.0"));
    EXPECT_EQ((*result)->authScheme, QStringLiteral("none"));
    EXPECT_FALSE((*result)->loggedIn);
}

TEST_F(RegistrySessionTest, CatalogPagesFollowLinkHeaderInOrder)
{
    const QStringList all = listAll(m_session->listRepositories(2));
    EXPECT_EQ(all, g_world->repositories);
    // 10 repositories, 2 per page: 5 full pages, and distribution's Link
    // after the last full one leads to an empty sixth.
    EXPECT_EQ(m_pages, 6);
}

TEST_F(RegistrySessionTest, TagsAreListedCompletelyWhateverThePageSize)
{
    for (int pageSize : {1, 2, 100}) {
        QStringList tags = listAll(m_session->listTags(QStringLiteral("berth/alpha"), pageSize));
        tags.sort();
        EXPECT_EQ(tags, (QStringList{QStringLiteral("multi"), QStringLiteral("v1"),
                                     QStringLiteral("v2"), QStringLiteral("v3")}))
            << "page size " << pageSize;
    }
}

TEST_F(RegistrySessionTest, DescribesSingleImageSizeAndCreatedFromConfig)
{
    const auto result =
        await(m_session->describe(QStringLiteral("berth/alpha"), QStringLiteral("v3")),
              &ImageJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    const ImageDescription &d = result->value();
    EXPECT_EQ(QString::fromStdString(d.manifest->digest.toString()),
              g_world->second.manifestDigest);
    EXPECT_EQ(d.size, g_world->second.size);
    ASSERT_TRUE(d.created.has_value());
    EXPECT_EQ(QString::fromStdString(berth::oci::formatRfc3339(*d.created)),
              QStringLiteral("2025-06-15T08:30:00Z"));
    ASSERT_TRUE(d.config && d.config->config);
    EXPECT_EQ(d.config->config->cmd, std::vector<std::string>{"/bin/app"});
    EXPECT_EQ(d.platformNames(), QStringList{QStringLiteral("linux/amd64")});
    EXPECT_FALSE(d.isIndex());
}

TEST_F(RegistrySessionTest, DescribesIndexPlatformsAttestationsAndUniqueTotal)
{
    const auto result =
        await(m_session->describe(QStringLiteral("berth/alpha"), QStringLiteral("multi")),
              &ImageJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    const ImageDescription &d = result->value();
    ASSERT_TRUE(d.isIndex());
    EXPECT_EQ(QString::fromStdString(d.manifest->digest.toString()), g_world->multi.digest);
    ASSERT_EQ(d.platforms.size(), 2);
    ASSERT_EQ(d.attestations.size(), 1);
    EXPECT_EQ(d.platformNames(),
              (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")}));
    EXPECT_EQ(d.platforms[0].size, g_world->multi.platforms[0].size);
    EXPECT_EQ(d.platforms[1].size, g_world->multi.platforms[1].size);
    EXPECT_EQ(d.attestations[0].size, g_world->multi.attestation.size);
    EXPECT_EQ(d.size, g_world->multi.uniqueSize);
    EXPECT_LT(d.size, g_world->multi.platforms[0].size + g_world->multi.platforms[1].size +
                          g_world->multi.attestation.size);
}

TEST_F(RegistrySessionTest, BulkDescribeStreamsEveryTagAndSecondVisitOnlyRevalidates)
{
    const QStringList tags{QStringLiteral("v1"), QStringLiteral("v2"), QStringLiteral("v3"),
                           QStringLiteral("multi")};
    QSet<QString> seen;
    auto run = [&] {
        seen.clear();
        auto *job = m_session->describeTags(QStringLiteral("berth/alpha"), tags);
        QObject::connect(job, &BulkDescribeJob::tagDescribed, job, [&](const TagDescription &t) {
            EXPECT_TRUE(t.result.ok()) << t.tag.toStdString();
            seen.insert(t.tag);
        });
        const auto summary = await(job, &BulkDescribeJob::finished);
        ASSERT_TRUE(summary && summary->ok());
        EXPECT_EQ((*summary)->described, 4);
        EXPECT_EQ((*summary)->failed, 0);
    };
    run();
    EXPECT_EQ(seen.size(), 4);
    const qsizetype firstVisit = m_log.size();
    for (const RequestLogEntry &e : std::as_const(m_log)) {
        EXPECT_EQ(e.status, 200) << e.url.toStdString();
        if (e.method == "GET") {
            EXPECT_GT(e.bytes, 0) << e.url.toStdString();
        }
    }
    m_log.clear();
    run();
    EXPECT_EQ(seen.size(), 4);
    // Second visit: one HEAD per tag, nothing else (content is cached by digest).
    EXPECT_EQ(m_log.size(), tags.size());
    for (const RequestLogEntry &e : std::as_const(m_log))
        EXPECT_EQ(e.method, QByteArray("HEAD")) << e.url.toStdString();
    EXPECT_GT(firstVisit, m_log.size());
}

// Tags sharing content (an index, two tags of its platforms) described at
// once, while the details pane describes the index too: every manifest by
// digest or tag and every config is fetched once: whoever else wants it
// follows the fetch in flight or reads the cache.
TEST_F(RegistrySessionTest, SharedManifestsAndConfigsAreFetchedOnce)
{
    const QString repository = QStringLiteral("bulk/arch");
    std::optional<berth::client::ClientResult<ImageDescription>> details;
    auto *single = m_session->describe(repository, QStringLiteral("v1"));
    QObject::connect(single, &ImageJob::finished, m_session.get(),
                     [&details](const auto &r) { details.emplace(r); });
    auto *bulk =
        m_session->describeTags(repository, {QStringLiteral("v1"), QStringLiteral("v1-amd64"),
                                             QStringLiteral("v1-arm64"), QStringLiteral("old")});
    int failed = 0;
    QObject::connect(bulk, &BulkDescribeJob::tagDescribed, m_session.get(),
                     [&failed](const TagDescription &t) { failed += t.result.ok() ? 0 : 1; });
    const auto summary = await(bulk, &BulkDescribeJob::finished);
    ASSERT_TRUE(summary && summary->ok());
    ASSERT_TRUE(berth::test::pollUntil([&] { return details.has_value(); }));
    ASSERT_TRUE(details->ok()) << details->error().message.toStdString();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(details->value().platforms.size(), 2);

    QHash<QString, int> gets;
    for (const RequestLogEntry &e : std::as_const(m_log)) {
        if (e.method == "GET")
            ++gets[QUrl(e.url).path()];
    }
    for (auto it = gets.cbegin(); it != gets.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << it.key().toStdString() << " fetched " << it.value() << " times";
    // The platform configs were asked for by the index and by their own tags.
    for (const auto &platform : g_world->multi.platforms)
        EXPECT_EQ(
            gets.value(QStringLiteral("/v2/%1/blobs/%2").arg(repository, platform.configDigest)), 1)
            << platform.configDigest.toStdString();
}

TEST_F(RegistrySessionTest, ManifestByDigestIsVerified)
{
    const auto ok =
        await(m_session->getManifest(QStringLiteral("berth/alpha"), g_world->first.manifestDigest),
              &ManifestJob::finished);
    ASSERT_TRUE(ok && ok->ok());
    EXPECT_EQ(QString::fromStdString(ok->value()->digest.toString()),
              g_world->first.manifestDigest);
    const auto missing =
        await(m_session->getManifest(QStringLiteral("berth/alpha"), QStringLiteral("nope")),
              &ManifestJob::finished);
    ASSERT_TRUE(missing && !missing->ok());
    EXPECT_EQ(missing->error().kind, ClientErrorKind::NotFound);
    EXPECT_EQ(missing->error().registryCode, QStringLiteral("MANIFEST_UNKNOWN"));
    const auto bad = await(m_session->getManifest(QStringLiteral("../etc"), QStringLiteral("v1")),
                           &ManifestJob::finished);
    ASSERT_TRUE(bad && !bad->ok());
    EXPECT_EQ(bad->error().kind, ClientErrorKind::InvalidArgument);
}

TEST_F(RegistrySessionTest, CorruptBlobOnDiskIsReportedAsDigestMismatch)
{
    // Corrupt the stored config of berth/beta's image behind the registry's back.
    const QString hex = g_world->first.configDigest.mid(7);
    const QString path = g_world->registry.rootDir() +
                         QStringLiteral("/docker/registry/v2/blobs/sha256/") + hex.left(2) +
                         QLatin1Char('/') + hex + QStringLiteral("/data");
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    const QByteArray original = file.readAll();
    QByteArray corrupted = original;
    corrupted[0] = corrupted[0] == '{' ? '[' : '{';
    file.seek(0);
    file.write(corrupted);
    file.close();
    const auto result = await(m_session->getBlob(QStringLiteral("berth/beta"),
                                                 digestOf(g_world->first.configDigest), 1 << 20),
                              &BlobJob::finished);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(original);
    file.close();
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::DigestMismatch);
}

TEST_F(RegistrySessionTest, ReferrersFallBackToTagSchemaOnDistribution28)
{
    const auto result = await(m_session->listReferrers(QStringLiteral("berth/alpha"),
                                                       digestOf(g_world->first.manifestDigest)),
                              &ReferrersJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    EXPECT_TRUE((*result)->viaTagSchema);
    EXPECT_TRUE((*result)->manifests.isEmpty());
}

TEST_F(RegistrySessionTest, DeleteTagKeepsSiblingTagOfSameDigest)
{
    const auto digest = digestOf(g_world->first.manifestDigest);
    auto *job = m_session->deleteTag(QStringLiteral("del/tagonly"), QStringLiteral("t1"), digest);
    const auto result = await(job, &DeleteTagJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    EXPECT_EQ(listAll(m_session->listTags(QStringLiteral("del/tagonly"))),
              QStringList{QStringLiteral("t2")});
    const auto sibling =
        await(m_session->headManifest(QStringLiteral("del/tagonly"), QStringLiteral("t2")),
              &ManifestJob::finished);
    ASSERT_TRUE(sibling && sibling->ok());
    EXPECT_EQ(sibling->value()->digest, digest);
    // The image itself is still there by digest.
    const auto byDigest =
        await(m_session->getManifest(QStringLiteral("del/tagonly"), g_world->first.manifestDigest),
              &ManifestJob::finished);
    EXPECT_TRUE(byDigest && byDigest->ok());
}

TEST_F(RegistrySessionTest, DeleteTagRefusesWhenTagMoved)
{
    // The user saw the first image; the tag now points at the second.
    const auto result = await(m_session->deleteTag(QStringLiteral("del/moved"), QStringLiteral("t"),
                                                   digestOf(g_world->first.manifestDigest)),
                              &DeleteTagJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::TagMoved);
    EXPECT_EQ(listAll(m_session->listTags(QStringLiteral("del/moved"))),
              QStringList{QStringLiteral("t")});
}

TEST_F(RegistrySessionTest, DeleteByDigestRemovesEveryTag)
{
    const auto result = await(m_session->deleteManifest(QStringLiteral("del/digest"),
                                                        digestOf(g_world->first.manifestDigest)),
                              &DeleteManifestJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    EXPECT_TRUE(listAll(m_session->listTags(QStringLiteral("del/digest"))).isEmpty());
}

// The arch tags of a multi-arch image (v1-amd64, v1-arm64: its platform
// manifests) are selected with an unrelated image: the arch tags go, the
// platform manifests stay for v1, which still pulls completely.
TEST_F(RegistrySessionTest, BulkDeleteKeepsThePlatformsOfAKeptIndex)
{
    const auto &multi = g_world->multi;
    const QList<TagFacts> facts{
        {QStringLiteral("v1"),
         digestOf(multi.digest),
         std::nullopt,
         1,
         2,
         {digestOf(multi.platforms[0].manifestDigest), digestOf(multi.platforms[1].manifestDigest),
          digestOf(multi.attestation.manifestDigest)}},
        {QStringLiteral("v1-amd64"), digestOf(multi.platforms[0].manifestDigest), std::nullopt, 1,
         0},
        {QStringLiteral("v1-arm64"), digestOf(multi.platforms[1].manifestDigest), std::nullopt, 1,
         0},
        {QStringLiteral("old"), digestOf(g_world->second.manifestDigest), std::nullopt, 1, 0}};
    const DeletionPlan plan = DeletionPlan::make(
        QStringLiteral("bulk/arch"), facts,
        {QStringLiteral("v1-amd64"), QStringLiteral("v1-arm64"), QStringLiteral("old")});
    ASSERT_EQ(plan.images.size(), 1);
    ASSERT_EQ(plan.tagsOnly.size(), 2);
    const auto result =
        await(new BulkDeleteJob(m_session.get(), plan), &BulkDeleteJob::finished, 60000);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    EXPECT_EQ((*result)->count(BulkDeleteOutcome::Status::Deleted), 3);
    EXPECT_EQ(listAll(m_session->listTags(QStringLiteral("bulk/arch"))),
              QStringList{QStringLiteral("v1")});
    EXPECT_TRUE(g_world->registry.pull(QStringLiteral("bulk/arch:v1"), true))
        << g_world->registry.lastOutput().toStdString();
}

// The preview saw only v2-amd64; since then v2, an index listing that same
// manifest, was pushed. The job reads the new index and deletes nothing.
TEST_F(RegistrySessionTest, BulkDeleteSkipsAnImageANewIndexLists)
{
    const auto amd64 = digestOf(g_world->multi.platforms[0].manifestDigest);
    const DeletionPlan plan = DeletionPlan::make(
        QStringLiteral("bulk/late"), {{QStringLiteral("v2-amd64"), amd64, std::nullopt, 1, 0}},
        {QStringLiteral("v2-amd64")});
    ASSERT_EQ(plan.images.size(), 1);
    const auto result =
        await(new BulkDeleteJob(m_session.get(), plan), &BulkDeleteJob::finished, 60000);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    ASSERT_EQ((*result)->items.size(), 1);
    EXPECT_EQ((*result)->items[0].status, BulkDeleteOutcome::Status::Skipped);
    EXPECT_TRUE((*result)->items[0].message.contains(QStringLiteral("tagged v2 lists it")))
        << (*result)->items[0].message.toStdString();
    EXPECT_TRUE(g_world->registry.pull(QStringLiteral("bulk/late:v2"), true))
        << g_world->registry.lastOutput().toStdString();
}

// Every tag went between the preview and the deletion: the job still ends.
TEST_F(RegistrySessionTest, BulkDeleteEndsWhenEveryTagHasGone)
{
    const auto digest = digestOf(g_world->first.manifestDigest);
    const auto gone = await(m_session->deleteManifest(QStringLiteral("bulk/gone"), digest),
                            &DeleteManifestJob::finished);
    ASSERT_TRUE(gone && gone->ok());
    const DeletionPlan plan = DeletionPlan::make(
        QStringLiteral("bulk/gone"), {{QStringLiteral("x"), digest, std::nullopt, 1, 0}},
        {QStringLiteral("x")});
    const auto result =
        await(new BulkDeleteJob(m_session.get(), plan), &BulkDeleteJob::finished, 60000);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    ASSERT_EQ((*result)->items.size(), 1);
    EXPECT_EQ((*result)->items[0].status, BulkDeleteOutcome::Status::Skipped);
    EXPECT_EQ((*result)->items[0].message, QStringLiteral("already gone"));
}

TEST_F(RegistrySessionTest, CancelledJobReportsCancelledOnce)
{
    auto *job = m_session->describe(QStringLiteral("berth/alpha"), QStringLiteral("multi"));
    int calls = 0;
    std::optional<ClientResult<ImageDescription>> last;
    QObject::connect(job, &ImageJob::finished, m_session.get(),
                     [&](const ClientResult<ImageDescription> &r) {
                         ++calls;
                         last = r;
                     });
    job->cancel();
    berth::test::pollUntil([&] { return calls > 0; });
    QCoreApplication::processEvents();
    EXPECT_EQ(calls, 1);
    ASSERT_TRUE(last && !last->ok());
    EXPECT_EQ(last->error().kind, ClientErrorKind::Cancelled);
}

TEST(RegistrySessionErrors, ConnectionRefusedIsANetworkErrorInWords)
{
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    auto endpoint = RegistryEndpoint::fromUserInput(QStringLiteral("127.0.0.1:%1").arg(port));
    RegistrySession session(endpoint.value());
    const auto result = await(session.ping(), &PingJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::Network);
    EXPECT_TRUE(result->error().message.contains(QStringLiteral("refused")))
        << result->error().message.toStdString();
}

TEST(RegistrySessionAuth, BasicAuthAcceptsRightPasswordAndRejectsWrongOne)
{
    berth::test::RegistryFixture::Options options;
    options.htpasswdUser = QStringLiteral("alice");
    options.htpasswdPassword = QStringLiteral("s3cret-pw");
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    const auto endpoint = RegistryEndpoint::fromUserInput(registry.baseUrl()).value();

    RegistrySession anonymous(endpoint);
    const auto none = await(anonymous.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(none && !none->ok());
    EXPECT_EQ(none->error().kind, ClientErrorKind::Unauthorized);

    RegistrySession wrong(endpoint, [] {
        return std::optional<Credentials>(
            Credentials{QStringLiteral("alice"), QStringLiteral("nope")});
    });
    const auto refused = await(wrong.ping(), &PingJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::Unauthorized);
    EXPECT_TRUE(refused->error().message.contains(QStringLiteral("wrong username or password")));

    RegistrySession right(endpoint, [] {
        return std::optional<Credentials>(
            Credentials{QStringLiteral("alice"), QStringLiteral("s3cret-pw")});
    });
    const auto ping = await(right.ping(), &PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();
    EXPECT_EQ((*ping)->authScheme, QStringLiteral("basic"));
    EXPECT_TRUE((*ping)->loggedIn);
    const auto catalog = await(right.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(catalog && catalog->ok()) << catalog->error().message.toStdString();
}

TEST(RegistrySessionDeletesDisabled, ExplainsTheSettingAndLeavesTagIntact)
{
    berth::test::RegistryFixture::Options options;
    options.deleteEnabled = false;
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), 3);
    const auto image =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {100});
    layout.tag(QStringLiteral("x"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(registry.push(dir.path(), QStringLiteral("x"), QStringLiteral("keep/me:t")))
        << registry.lastOutput().toStdString();

    RegistrySession session(RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    const auto byDigest =
        await(session.deleteManifest(QStringLiteral("keep/me"), digestOf(image.manifestDigest)),
              &DeleteManifestJob::finished);
    ASSERT_TRUE(byDigest && !byDigest->ok());
    EXPECT_EQ(byDigest->error().kind, ClientErrorKind::DeletesDisabled);
    EXPECT_TRUE(
        byDigest->error().message.contains(QStringLiteral("REGISTRY_STORAGE_DELETE_ENABLED")));

    const auto tagOnly = await(session.deleteTag(QStringLiteral("keep/me"), QStringLiteral("t"),
                                                 digestOf(image.manifestDigest)),
                               &DeleteTagJob::finished);
    ASSERT_TRUE(tagOnly && !tagOnly->ok());
    EXPECT_EQ(tagOnly->error().kind, ClientErrorKind::DeletesDisabled);
    const auto still = await(session.headManifest(QStringLiteral("keep/me"), QStringLiteral("t")),
                             &ManifestJob::finished);
    ASSERT_TRUE(still && still->ok());
    EXPECT_EQ(QString::fromStdString(still->value()->digest.toString()), image.manifestDigest);
}

TEST_F(RegistrySessionTest, SearchFindsRepositoriesAndTagsProgressively)
{
    auto *job = m_session->search(QStringLiteral("ALPHA"));
    QList<SearchHit> hits;
    QObject::connect(job, &SearchJob::hit, m_session.get(),
                     [&](const SearchHit &h) { hits.append(h); });
    const auto summary = await(job, &SearchJob::finished);
    ASSERT_TRUE(summary && summary->ok()) << summary->error().message.toStdString();
    ASSERT_EQ(hits.size(), 1);
    EXPECT_EQ(hits[0].repository, QStringLiteral("berth/alpha"));
    EXPECT_TRUE(hits[0].tag.isEmpty());
    EXPECT_EQ((*summary)->repositories, g_world->repositories.size());

    hits.clear();
    auto *tags = m_session->search(QStringLiteral("mult"));
    QObject::connect(tags, &SearchJob::hit, m_session.get(),
                     [&](const SearchHit &h) { hits.append(h); });
    ASSERT_TRUE(await(tags, &SearchJob::finished)->ok());
    ASSERT_EQ(hits.size(), 1);
    EXPECT_EQ(hits[0].repository, QStringLiteral("berth/alpha"));
    EXPECT_EQ(hits[0].tag, QStringLiteral("multi"));

    // The hit limit stops the search early, and says so.
    auto *limited = m_session->search(QStringLiteral("e"), 2);
    const auto truncated = await(limited, &SearchJob::finished);
    ASSERT_TRUE(truncated && truncated->ok());
    EXPECT_TRUE((*truncated)->truncated);
    EXPECT_EQ((*truncated)->hits, 2);
}
