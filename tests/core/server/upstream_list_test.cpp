// fetchUpstreamList against hostile upstreams. Scripted stand-ins: no real
// registry answers with these lists on purpose.
#include "server/upstream_list.h"

#include "oci/name_rules.h"
#include "support/await.h"
#include "support/scripted_http_server.h"

#include <future>

#include <gtest/gtest.h>

using berth::server::fetchUpstreamList;
using berth::test::ScriptedHttpServer;
using berth::test::ScriptedReply;
using berth::test::ScriptedRequest;

namespace {

// The list an upstream answering with `handler` gives, fetched on a thread
// of its own while this one serves. `otherOrigin`, if given, is set to the
// same server's URL by another name (another origin that answers).
std::optional<std::vector<std::string>> listFrom(const ScriptedHttpServer::Handler &handler,
                                                 QByteArray *otherOrigin = nullptr)
{
    ScriptedHttpServer server(handler);
    EXPECT_TRUE(server.listen());
    if (otherOrigin)
        *otherOrigin = server.urlViaLocalhost().toUtf8();
    berth::upstream::UpstreamSettings settings;
    settings.url = server.urlVia127().toStdString();
    berth::upstream::UpstreamClient client(settings);
    auto future = std::async(std::launch::async, [&client] {
        return fetchUpstreamList(
            client, "/v2/app/tags/list", "tags", "repository:app:pull",
            [](const std::string &tag) { return berth::oci::validateTag(tag).ok(); });
    });
    EXPECT_TRUE(berth::test::pollUntil([&future] {
        return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }));
    auto list = future.get();
    if (!list.ok())
        return std::nullopt;
    return *std::move(list);
}

ScriptedReply json(const QByteArray &body, const QByteArray &link = {})
{
    ScriptedReply r{200, {{"Content-Type", "application/json"}}, body, 0, false};
    if (!link.isEmpty())
        r.headers.append({"Link", link});
    return r;
}

} // namespace

TEST(UpstreamList, PagesAreFollowedOnTheUpstreamOnly)
{
    const auto list = listFrom([](const ScriptedRequest &r) {
        if (r.target.contains("last=b"))
            return json(R"({"name":"app","tags":["c"]})");
        return json(R"({"name":"app","tags":["a","b"]})",
                    R"(</v2/app/tags/list?n=2&last=b>; rel="next")");
    });
    ASSERT_TRUE(list.has_value());
    EXPECT_EQ(*list, (std::vector<std::string>{"a", "b", "c"}));

    // A next page on another origin (one that answers) is not followed:
    // no list.
    QByteArray other;
    EXPECT_FALSE(listFrom(
        [&other](const ScriptedRequest &r) {
            if (r.target.contains("last=a"))
                return json(R"({"tags":["b"]})");
            return json(R"({"tags":["a"]})",
                        "<" + other + "/v2/app/tags/list?last=a>; rel=\"next\"");
        },
        &other));
}

TEST(UpstreamList, HostileAnswersGiveNoListOrLoseTheirBadEntries)
{
    // Entries that are no tag, or no string, are dropped.
    const auto cleaned = listFrom([](const ScriptedRequest &) {
        return json(R"({"tags":["ok","../../etc","",{"x":1},7,"fine.1"]})");
    });
    ASSERT_TRUE(cleaned.has_value());
    EXPECT_EQ(*cleaned, (std::vector<std::string>{"ok", "fine.1"}));
    // Not a list; not JSON; nested beyond reason; an error status.
    EXPECT_FALSE(listFrom([](const ScriptedRequest &) { return json(R"({"tags":"a"})"); }));
    EXPECT_FALSE(listFrom([](const ScriptedRequest &) { return json("not json"); }));
    EXPECT_FALSE(listFrom([](const ScriptedRequest &) {
        return json(QByteArray(100000, '[') + QByteArray(100000, ']'));
    }));
    const auto shallow = listFrom([](const ScriptedRequest &) {
        return json("{\"tags\":[\"a\"," + QByteArray(100000, '[') + QByteArray(100000, ']') + "]}");
    });
    ASSERT_TRUE(shallow.has_value());
    EXPECT_EQ(*shallow, std::vector<std::string>{"a"});
    EXPECT_FALSE(listFrom([](const ScriptedRequest &) {
        return ScriptedReply{500, {}, "{}", 0, false};
    }));
    // Endless: a body past 16 MiB, and a page that names itself next.
    EXPECT_FALSE(listFrom([](const ScriptedRequest &) {
        ScriptedReply r = json(R"({"tags":[")");
        r.body = "{\"tags\":[\"" + QByteArray(1 << 20, 'a');
        r.repeatBodyBytes = 20 << 20;
        return r;
    }));
    EXPECT_FALSE(listFrom([](const ScriptedRequest &) {
        return json(R"({"tags":["a"]})", R"(</v2/app/tags/list?last=a>; rel="next")");
    }));
}
