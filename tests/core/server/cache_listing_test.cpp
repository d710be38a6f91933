// GET /berth/v1/cache and /berth/v1/cache/<name>: what a registry's store
// holds, by origin, and how much of each tagged image is here (a mirror
// stores manifests when asked, layers when pulled).
#include "api_fixture.h"

#include <nlohmann/json.hpp>

#include <filesystem>

using berth::test::ApiTest;
using berth::test::Reply;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kOciIndex = "application/vnd.oci.image.index.v1+json";
const std::string kOciManifest = "application/vnd.oci.image.manifest.v1+json";

berth::server::RegistryApi::Options mirrorOf(const std::string &url)
{
    berth::server::MirrorOptions mirror;
    berth::server::MirrorUpstream root;
    root.upstream.url = url;
    mirror.upstreams.push_back(root);
    mirror.localPrefixes = {"team"};
    mirror.maxSize = 1ULL << 40;
    auto o = berth::test::options(false);
    o.mirror = mirror;
    return o;
}

std::string indexOf(const std::vector<std::pair<std::string, std::size_t>> &children)
{
    json manifests = json::array();
    for (const auto &[digest, size] : children)
        manifests.push_back({{"mediaType", kOciManifest},
                             {"digest", digest},
                             {"size", size},
                             {"platform", {{"os", "linux"}, {"architecture", "amd64"}}}});
    return json{{"schemaVersion", 2}, {"mediaType", kOciIndex}, {"manifests", manifests}}.dump();
}

} // namespace

TEST_F(ApiTest, CacheListingShowsOriginsTagsAndHowMuchOfEachImageIsHere)
{
    // Pushed while the registry was no mirror; then served as one, whose
    // root upstream owns hub/app and whose local prefix keeps team/tool.
    const std::string config = pushBlob("hub/app", "{}");
    const std::string kept = pushBlob("hub/app", "layer");
    const std::string lost = pushBlob("hub/app", "other");
    const std::string first = imageManifest(config, kept);
    const std::string second = imageManifest(config, lost);
    const std::string both =
        indexOf({{berth::oci::Digest::sha256Of(first).toString(), first.size()},
                 {berth::oci::Digest::sha256Of(second).toString(), second.size()}});
    for (const auto &[tag, body, type] :
         {std::tuple{"v1", first, kOciManifest}, std::tuple{"v2", second, kOciManifest},
          std::tuple{"multi", both, kOciIndex}}) {
        const Reply put = call("PUT", std::string("/v2/hub/app/manifests/") + tag, body,
                               {{"content-type", type}});
        ASSERT_EQ(put.status, 201) << put.body;
    }
    ASSERT_EQ(call("POST", "/v2/team/tool/blobs/uploads/?mount=" + config + "&from=hub/app").status,
              201);
    ASSERT_EQ(call("POST", "/v2/team/tool/blobs/uploads/?mount=" + kept + "&from=hub/app").status,
              201);
    ASSERT_EQ(call("PUT", "/v2/team/tool/manifests/latest", first, {{"content-type", kOciManifest}})
                  .status,
              201);
    // A layer a mirror has not fetched yet: its manifest is here, it is not.
    const std::string hex = lost.substr(7);
    ASSERT_TRUE(fs::remove(dir.path() / "docker/registry/v2/blobs/sha256" / hex.substr(0, 2) / hex /
                           "data"));

    EXPECT_EQ(call("GET", "/v2/").headers.count("Berth-Mirror"), 0U) << "no mirror";
    berth::server::RegistryApi mirror(dir.path(), mirrorOf("http://127.0.0.1:9"));
    auto get = [&mirror](const std::string &method, const std::string &path) {
        berth::server::HttpRequest request;
        request.method = method;
        request.path = path;
        return mirror.begin(request)->finish();
    };
    const auto ping = get("GET", "/v2/");
    ASSERT_EQ(ping.status, 200);
    EXPECT_NE(std::find(ping.headers.begin(), ping.headers.end(),
                        std::pair<std::string, std::string>("Berth-Mirror", "1")),
              ping.headers.end());

    const auto listing = get("GET", "/berth/v1/cache");
    ASSERT_EQ(listing.status, 200) << listing.body;
    const json all = json::parse(listing.body);
    const std::uintmax_t stored = 2 + 5 + first.size() + second.size() + both.size();
    EXPECT_EQ(all.at("storeBytes").get<std::uintmax_t>(), stored);
    EXPECT_EQ(all.at("maxSize").get<std::uintmax_t>(), 1ULL << 40);
    ASSERT_EQ(all.at("repositories").size(), 2U) << listing.body;
    const json &hub = all["repositories"][0];
    EXPECT_EQ(hub.at("name"), "hub/app");
    EXPECT_EQ(hub.at("mirroredFrom"), "http://127.0.0.1:9");
    EXPECT_EQ(hub.at("tags"), 3);
    EXPECT_EQ(hub.at("bytes").get<std::uintmax_t>(), stored);
    EXPECT_TRUE(hub.contains("lastPulled"));
    const json &tool = all["repositories"][1];
    EXPECT_EQ(tool.at("name"), "team/tool");
    EXPECT_FALSE(tool.contains("mirroredFrom")) << "a local repository";
    EXPECT_EQ(tool.at("bytes").get<std::uintmax_t>(), 2 + 5 + first.size());

    const auto repository = get("GET", "/berth/v1/cache/hub/app");
    ASSERT_EQ(repository.status, 200) << repository.body;
    const json app = json::parse(repository.body);
    EXPECT_EQ(app.at("mirroredFrom"), "http://127.0.0.1:9");
    std::map<std::string, std::pair<int, int>> parts;
    for (const json &t : app.at("tags"))
        parts[t.at("name")] = {t.at("parts").get<int>(), t.at("present").get<int>()};
    using Parts = std::map<std::string, std::pair<int, int>>;
    // An image: manifest, config, layer. The index: itself and both images.
    EXPECT_EQ(parts, (Parts{{"v1", {3, 3}}, {"v2", {3, 2}}, {"multi", {7, 6}}}));
    EXPECT_EQ(app["tags"][0].at("digest"), berth::oci::Digest::sha256Of(both).toString());

    EXPECT_EQ(get("GET", "/berth/v1/cache/hub/none").status, 404);
    EXPECT_EQ(get("GET", "/berth/v1/cache/Hub/App").status, 400);
    EXPECT_EQ(get("GET", "/berth/v1/cache/hub/../team/tool").status, 400);
    EXPECT_EQ(get("POST", "/berth/v1/cache").status, 405);
    EXPECT_EQ(get("DELETE", "/berth/v1/cache/hub/app").status, 405);
}

TEST_F(ApiTest, CacheListingOfAnEmptyStore)
{
    const Reply listing = call("GET", "/berth/v1/cache");
    ASSERT_EQ(listing.status, 200) << listing.body;
    EXPECT_EQ(json::parse(listing.body), json::parse(R"({"storeBytes":0,"repositories":[]})"));
}
