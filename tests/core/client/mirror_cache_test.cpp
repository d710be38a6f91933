// A berth-registry's cache listing (GET /berth/v1/cache[/<name>]) is data
// from outside: every field typed and in range, or a clear error.
#include "mirror_cache.h"

#include <gtest/gtest.h>

using berth::client::CachedTags;
using berth::client::ClientErrorKind;
using berth::client::MirrorCache;

namespace {

const QByteArray kDigest = "sha256:" + QByteArray(64, 'a');

QByteArray listing(const QByteArray &repository)
{
    return R"({"storeBytes":100,"maxSize":1000,"repositories":[)" + repository + "]}";
}

QByteArray tags(const QByteArray &tag, const QByteArray &name = "hub/app")
{
    return R"({"name":")" + name + R"(","tags":[)" + tag + "]}";
}

} // namespace

TEST(MirrorCache, ReadsRepositoriesOriginsSizesAndTimes)
{
    const auto cache = MirrorCache::parse(listing(
        R"({"name":"hub/app","tags":2,"bytes":90,"mirroredFrom":"https://registry-1.docker.io",)"
        R"("lastPulled":"2026-12-06T10:00:00Z"},{"name":"team/tool","tags":0,"bytes":0})"));
    ASSERT_TRUE(cache.ok()) << cache.error().message.toStdString();
    EXPECT_EQ(cache->storeBytes, 100);
    EXPECT_EQ(cache->maxSize, 1000);
    ASSERT_EQ(cache->repositories.size(), 2);
    const auto &hub = cache->repositories[0];
    EXPECT_EQ(hub.name, QStringLiteral("hub/app"));
    EXPECT_EQ(hub.mirroredFrom, QStringLiteral("https://registry-1.docker.io"));
    EXPECT_EQ(hub.tagCount, 2);
    EXPECT_EQ(hub.bytes, 90);
    ASSERT_TRUE(hub.lastPulled);
    EXPECT_EQ(hub.lastPulled->time_since_epoch().count(), 1796551200);
    EXPECT_TRUE(cache->repositories[1].mirroredFrom.isEmpty()) << "local";
    EXPECT_FALSE(cache->repositories[1].lastPulled);

    const auto unbounded = MirrorCache::parse(R"({"storeBytes":0,"repositories":[]})");
    ASSERT_TRUE(unbounded.ok());
    EXPECT_EQ(unbounded->maxSize, -1);
}

TEST(MirrorCache, HostileListingsAreRefusedWithWhatIsWrong)
{
    const QByteArray ok = R"("tags":1,"bytes":1)";
    const std::vector<std::pair<QByteArray, const char *>> cases = {
        {"", "not JSON"},
        {"<html>login</html>", "not JSON"},
        {"[]", "not a JSON object"},
        {R"({"repositories":[]})", "storeBytes"},
        {R"({"storeBytes":-1,"repositories":[]})", "storeBytes"},
        {R"({"storeBytes":1.5,"repositories":[]})", "storeBytes"},
        {R"({"storeBytes":"12","repositories":[]})", "storeBytes"},
        {R"({"storeBytes":1e300,"repositories":[]})", "storeBytes"},
        {R"({"storeBytes":1,"maxSize":-5,"repositories":[]})", "maxSize"},
        {R"({"storeBytes":1,"repositories":{}})", "repositories"},
        {listing("1"), "no valid name"},
        {listing(R"({"name":"Bad/Name",)" + ok + "}"), "no valid name"},
        {listing(R"({"name":"../etc",)" + ok + "}"), "no valid name"},
        {listing(R"({"name":"a",)" + ok + R"(},{"name":"a",)" + ok + "}"), "listed twice"},
        {listing(R"({"name":"a","tags":-1,"bytes":1})"), "tag count"},
        {listing(R"({"name":"a","tags":1})"), "tag count"},
        {listing(R"({"name":"a",)" + ok + R"(,"mirroredFrom":"file:///etc/passwd"})"), "URL"},
        {listing(R"({"name":"a",)" + ok + R"(,"mirroredFrom":7})"), "URL"},
        {listing(R"({"name":"a",)" + ok + R"(,"lastPulled":"yesterday"})"), "time"},
        {listing(R"({"name":"a",)" + ok + R"(,"lastPulled":0})"), "time"},
    };
    for (const auto &[body, what] : cases) {
        const auto cache = MirrorCache::parse(body);
        ASSERT_FALSE(cache.ok()) << body.toStdString();
        EXPECT_EQ(cache.error().kind, ClientErrorKind::InvalidResponse);
        EXPECT_TRUE(cache.error().message.contains(QLatin1String(what)))
            << body.toStdString() << " → " << cache.error().message.toStdString();
    }
}

TEST(MirrorCache, ReadsTagsAndHowMuchOfEachIsHere)
{
    const auto stored =
        CachedTags::parse(tags(R"({"name":"v1","digest":")" + kDigest +
                               R"(","parts":3,"present":3,"lastPulled":"2026-12-06T10:00:00Z"},)"
                               R"({"name":"v2","digest":")" +
                               kDigest + R"(","parts":7,"present":1})"),
                          QStringLiteral("hub/app"));
    ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
    ASSERT_EQ(stored->tags.size(), 2);
    EXPECT_TRUE(stored->tags[0].complete());
    EXPECT_FALSE(stored->tags[1].complete());
    EXPECT_EQ(stored->tags[1].present, 1);
    EXPECT_EQ(stored->tags[0].digest, QString::fromLatin1(kDigest));
}

TEST(MirrorCache, HostileTagListingsAreRefusedWithWhatIsWrong)
{
    const QByteArray digest = R"("digest":")" + kDigest + R"(")";
    const std::vector<std::pair<QByteArray, const char *>> cases = {
        {tags("", "other/app"), "not about hub/app"},
        {R"({"name":"hub/app","tags":"v1"})", "tags is not a list"},
        {tags(R"({"name":"-bad",)" + digest + R"(,"parts":1,"present":1})"), "no valid name"},
        {tags(R"({"name":"v1",)" + digest + R"(,"parts":1,"present":1},{"name":"v1",)" + digest +
              R"(,"parts":1,"present":1})"),
         "listed twice"},
        {tags(R"({"name":"v1","digest":"sha256:xyz","parts":1,"present":1})"), "digest"},
        {tags(R"({"name":"v1",)" + digest + R"(,"parts":0,"present":0})"), "part counts"},
        {tags(R"({"name":"v1",)" + digest + R"(,"parts":2,"present":3})"), "part counts"},
        {tags(R"({"name":"v1",)" + digest + R"(,"parts":1e12,"present":1})"), "part counts"},
        {tags(R"({"name":"v1",)" + digest + R"(,"parts":1,"present":1,"lastPulled":"x"})"), "time"},
    };
    for (const auto &[body, what] : cases) {
        const auto stored = CachedTags::parse(body, QStringLiteral("hub/app"));
        ASSERT_FALSE(stored.ok()) << body.toStdString();
        EXPECT_EQ(stored.error().kind, ClientErrorKind::InvalidResponse);
        EXPECT_TRUE(stored.error().message.contains(QLatin1String(what)))
            << body.toStdString() << " → " << stored.error().message.toStdString();
    }
}
