// The registry API in-process (no sockets): every workflow of the OCI
// distribution spec, and bad input answered per spec with nothing stored.
#include "auth/htpasswd.h"
#include "auth/htpasswd_file.h"
#include "server/registry_api.h"
#include "server/registry_config.h"

#include "storage/file_io.h"
#include "storage/layout.h"
#include "storage/registry_store.h"

#include "oci/digest.h"

#include "api_fixture.h"
#include "support/htpasswd_tool.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace berth;
using berth::test::ApiTest;
using berth::test::options;
using berth::test::Reply;
using berth::test::TempDir;
using server::HttpRequest;
using server::HttpResponse;
using server::RegistryApi;

// Upload states of idle uploads are dropped at once here (idle period 0):
// an abandoned upload leaves nothing in memory, and one that comes back
// after being dropped goes on where its file ends, with the right digest.
class IdleUploadTest : public ApiTest
{
protected:
    static RegistryApi::Options zeroIdle()
    {
        RegistryApi::Options o = options(true);
        o.uploadStateIdle = std::chrono::milliseconds(0);
        return o;
    }
    IdleUploadTest()
        : ApiTest(zeroIdle())
    {
    }
};

TEST_F(IdleUploadTest, IdleUploadStateIsDroppedAndRebuiltFromTheFile)
{
    const Reply abandoned = call("POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(abandoned.status, 202);
    ASSERT_EQ(call("PATCH", abandoned.headers.at("Location"), "never finished").status, 202);
    const Reply start = call("POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(start.status, 202);
    const std::string location = start.headers.at("Location");
    const std::string content = "first half, then the second half";
    ASSERT_EQ(call("PATCH", location, content.substr(0, 11), {{"content-range", "0-10"}}).status,
              202);
    EXPECT_EQ(api.uploadsInMemory(), 0u); // both idle: nothing held
    ASSERT_EQ(call("PATCH", location, content.substr(11)).status, 202);
    const std::string digest = oci::Digest::sha256Of(content).toString();
    const Reply closed = call("PUT", location + "?digest=" + digest);
    ASSERT_EQ(closed.status, 201) << closed.body;
    EXPECT_EQ(call("GET", "/v2/team/app/blobs/" + digest).body, content);
    EXPECT_EQ(api.uploadsInMemory(), 0u);
}

// A DELETE of an upload while a PATCH still streams into it: the PATCH's
// hasher is its own (ASan would see a freed one), the upload is gone after,
// and nothing of it can be committed.
TEST_F(ApiTest, CancellingAnUploadWhileAChunkStreamsIntoIt)
{
    const Reply start = call("POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(start.status, 202);
    const std::string location = start.headers.at("Location");
    HttpRequest patch;
    patch.method = "PATCH";
    patch.path = location;
    auto exchange = api.begin(patch);
    const std::string first(4096, 'a');
    ASSERT_TRUE(exchange->onBody(first.data(), first.size()));
    EXPECT_EQ(call("DELETE", location).status, 204);
    EXPECT_EQ(api.uploadsInMemory(), 0u);
    const std::string second(4096, 'b');
    exchange->onBody(second.data(), second.size()); // into the removed file, or refused
    exchange->finish();
    exchange.reset();
    EXPECT_EQ(call("GET", location).code(), "BLOB_UPLOAD_UNKNOWN");
    const std::string digest = oci::Digest::sha256Of(first + second).toString();
    EXPECT_EQ(call("PUT", location + "?digest=" + digest).code(), "BLOB_UPLOAD_UNKNOWN");
    EXPECT_EQ(call("HEAD", "/v2/team/app/blobs/" + digest).status, 404);
}

TEST_F(ApiTest, AbandonedUploadStateStaysWithinTheIdlePeriod)
{
    const Reply start = call("POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(start.status, 202);
    ASSERT_EQ(call("PATCH", start.headers.at("Location"), "some bytes").status, 202);
    EXPECT_EQ(api.uploadsInMemory(), 1u); // default idle period: kept for the client
}

TEST_F(ApiTest, PushPullByChunksMonolithicAndMount)
{
    EXPECT_EQ(call("GET", "/v2/").status, 200);
    // Chunked upload with Content-Range, then close with PUT.
    const Reply start = call("POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(start.status, 202);
    const std::string location = start.headers.at("Location");
    const std::string content = "hello registry, chunk by chunk";
    const Reply first = call("PATCH", location, content.substr(0, 10), {{"content-range", "0-9"}});
    ASSERT_EQ(first.status, 202) << first.body;
    EXPECT_EQ(first.headers.at("Range"), "0-9");
    // A chunk that does not continue at the end: 416, nothing appended.
    EXPECT_EQ(call("PATCH", location, "xx", {{"content-range", "5-6"}}).status, 416);
    ASSERT_EQ(call("PATCH", location, content.substr(10)).status,
              202); // no Content-Range: streamed (docker style)
    EXPECT_EQ(call("GET", location).headers.at("Range"), "0-" + std::to_string(content.size() - 1));
    const std::string digest = oci::Digest::sha256Of(content).toString();
    const Reply closed = call("PUT", location + "?digest=" + digest);
    ASSERT_EQ(closed.status, 201) << closed.body;
    EXPECT_EQ(closed.headers.at("Docker-Content-Digest"), digest);
    const Reply blob = call("GET", "/v2/team/app/blobs/" + digest);
    EXPECT_EQ(blob.status, 200);
    EXPECT_EQ(blob.body, content);
    const Reply range = call("GET", "/v2/team/app/blobs/" + digest, {}, {{"range", "bytes=6-13"}});
    EXPECT_EQ(range.status, 206);
    EXPECT_EQ(range.body, "registry");
    // Cross-repository mount, with and without `from`.
    EXPECT_EQ(call("POST", "/v2/other/blobs/uploads/?mount=" + digest + "&from=team/app").status,
              201);
    EXPECT_EQ(call("POST", "/v2/third/blobs/uploads/?mount=" + digest).status, 201);
    EXPECT_EQ(call("GET", "/v2/third/blobs/" + digest).body, content);
    // Mount from a repository that does not have it: an ordinary upload starts.
    EXPECT_EQ(call("POST", "/v2/fourth/blobs/uploads/?mount=" + digest + "&from=nothere").status,
              202);
}

// Repository names with endpoint words as components are valid names: every
// endpoint works on them and stores under the name asked for (the router
// once split at the last "/manifests/" and sent such blob requests to the
// manifest handler).
TEST_F(ApiTest, EveryEndpointServesNamesWithEndpointWordsAsComponents)
{
    for (const std::string name :
         {"a/manifests/b", "x/blobs/y", "tags/list/z", "r/blobs/uploads/q", "m/referrers/n"}) {
        SCOPED_TRACE(name);
        const std::string layer = pushBlob(name, "layer");
        const Reply start = call("POST", "/v2/" + name + "/blobs/uploads/");
        ASSERT_EQ(start.status, 202) << start.body;
        const std::string location = start.headers.at("Location");
        EXPECT_EQ(location.rfind("/v2/" + name + "/blobs/uploads/", 0), 0u) << location;
        ASSERT_EQ(call("PATCH", location, "{}", {{"content-range", "0-1"}}).status, 202);
        EXPECT_EQ(call("GET", location).status, 204);
        const std::string config = oci::Digest::sha256Of("{}").toString();
        ASSERT_EQ(call("PUT", location + "?digest=" + config).status, 201);
        const std::string manifest = imageManifest(config, layer);
        const Reply put = call("PUT", "/v2/" + name + "/manifests/v1", manifest,
                               {{"content-type", "application/vnd.oci.image.manifest.v1+json"}});
        ASSERT_EQ(put.status, 201) << put.body;
        EXPECT_EQ(call("GET", "/v2/" + name + "/manifests/v1").body, manifest);
        EXPECT_EQ(call("HEAD", "/v2/" + name + "/blobs/" + layer).status, 200);
        EXPECT_EQ(call("GET", "/v2/" + name + "/blobs/" + layer).body, "layer");
        EXPECT_EQ(call("GET", "/v2/" + name + "/tags/list").body,
                  R"({"name":")" + name + R"(","tags":["v1"]})");
        const std::string digest = put.headers.at("Docker-Content-Digest");
        EXPECT_EQ(call("GET", "/v2/" + name + "/referrers/" + digest).status, 200);
        const auto repo = storage::Layout(dir.path()).repositoryDir(name);
        ASSERT_TRUE(repo.ok());
        EXPECT_TRUE(fs::exists(*repo / "_manifests/tags/v1/current/link"));
        EXPECT_EQ(call("DELETE", "/v2/" + name + "/blobs/" + layer).status, 202);
        EXPECT_EQ(call("DELETE", "/v2/" + name + "/manifests/" + digest).status, 202);
        EXPECT_EQ(call("GET", "/v2/" + name + "/manifests/v1").status, 404);
    }
    const Reply catalog = call("GET", "/v2/_catalog");
    for (const char *name : {"a/manifests/b", "x/blobs/y", "tags/list/z"})
        EXPECT_NE(catalog.body.find(name), std::string::npos) << catalog.body;
}

TEST_F(ApiTest, ManifestsTagsCatalogReferrersAndDeletes)
{
    const std::string config = pushBlob("app", "{}");
    const std::string layer = pushBlob("app", "layer");
    const std::string manifest = imageManifest(config, layer);
    const Reply put = call("PUT", "/v2/app/manifests/v1", manifest,
                           {{"content-type", "application/vnd.oci.image.manifest.v1+json"}});
    ASSERT_EQ(put.status, 201) << put.body;
    const std::string digest = put.headers.at("Docker-Content-Digest");
    EXPECT_EQ(digest, oci::Digest::sha256Of(manifest).toString());
    ASSERT_EQ(call("PUT", "/v2/app/manifests/v2", manifest,
                   {{"content-type", "application/vnd.oci.image.manifest.v1+json"}})
                  .status,
              201);
    const Reply get = call("GET", "/v2/app/manifests/v1");
    EXPECT_EQ(get.body, manifest); // the exact bytes
    EXPECT_EQ(get.headers.at("Content-Type"), "application/vnd.oci.image.manifest.v1+json");
    EXPECT_EQ(call("HEAD", "/v2/app/manifests/" + digest).headers.at("Docker-Content-Digest"),
              digest);

    // Tags list with pagination and Link.
    const Reply page = call("GET", "/v2/app/tags/list?n=1");
    EXPECT_EQ(page.body, R"({"name":"app","tags":["v1"]})");
    EXPECT_EQ(page.headers.at("Link"), "</v2/app/tags/list?n=1&last=v1>; rel=\"next\"");
    EXPECT_EQ(call("GET", "/v2/app/tags/list?n=1&last=v1").body, R"({"name":"app","tags":["v2"]})");
    EXPECT_EQ(call("GET", "/v2/_catalog").body, R"({"repositories":["app"]})");

    // A referrer (signature) with subject: OCI-Subject on push, listed by the referrers API.
    const std::string sigConfig = pushBlob("app", "{\"sig\":true}");
    const std::string sig =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.example.sig","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        sigConfig +
        R"(","size":12},"layers":[],"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        digest + R"(","size":)" + std::to_string(manifest.size()) + "}}";
    const Reply sigPut =
        call("PUT", "/v2/app/manifests/" + oci::Digest::sha256Of(sig).toString(), sig,
             {{"content-type", "application/vnd.oci.image.manifest.v1+json"}});
    ASSERT_EQ(sigPut.status, 201) << sigPut.body;
    EXPECT_EQ(sigPut.headers.at("OCI-Subject"), digest);
    const Reply refs = call("GET", "/v2/app/referrers/" + digest);
    EXPECT_NE(refs.body.find("application/vnd.example.sig"), std::string::npos) << refs.body;
    const Reply filtered = call("GET", "/v2/app/referrers/" + digest + "?artifactType=other/type");
    EXPECT_EQ(filtered.headers.at("OCI-Filters-Applied"), "artifactType");
    EXPECT_EQ(filtered.body.find("application/vnd.example.sig"), std::string::npos);

    // Delete a tag: only that tag goes.
    EXPECT_EQ(call("DELETE", "/v2/app/manifests/v1").status, 202);
    EXPECT_EQ(call("GET", "/v2/app/manifests/v1").status, 404);
    EXPECT_EQ(call("GET", "/v2/app/manifests/v2").status, 200);
    // Delete by digest: every tag of it goes.
    EXPECT_EQ(call("DELETE", "/v2/app/manifests/" + digest).status, 202);
    EXPECT_EQ(call("GET", "/v2/app/manifests/v2").code(), "MANIFEST_UNKNOWN");
    EXPECT_EQ(call("DELETE", "/v2/app/blobs/" + layer).status, 202);
    EXPECT_EQ(call("GET", "/v2/app/blobs/" + layer).code(), "BLOB_UNKNOWN");
}

TEST_F(ApiTest, BadInputGetsTheSpecsErrorAndStoresNothing)
{
    const std::string config = pushBlob("app", "{}");
    const std::string layer = pushBlob("app", "layer");
    storage::RegistryStore store(dir.path());
    const auto blobsBefore = store.blobs().size();

    for (const std::string &name : std::vector<std::string>{"../etc", "a/../b", "UPPER", "a//b",
                                                            std::string(256, 'a'), ".."}) {
        const Reply r = call("GET", "/v2/" + name + "/tags/list");
        EXPECT_EQ(r.status, 400) << name;
        EXPECT_EQ(r.code(), "NAME_INVALID") << name;
        EXPECT_EQ(call("POST", "/v2/" + name + "/blobs/uploads/").code(), "NAME_INVALID") << name;
    }
    EXPECT_EQ(call("GET", "/v2/app/blobs/sha256:nothex").code(), "DIGEST_INVALID");
    EXPECT_EQ(call("GET", "/v2/app/blobs/md5:abc").status, 400);
    // Digest mismatch on PUT: 400, nothing stored.
    const Reply mismatch =
        call("POST", "/v2/app/blobs/uploads/?digest=" + oci::Digest::sha256Of("other").toString(),
             "content");
    EXPECT_EQ(mismatch.status, 400);
    EXPECT_EQ(mismatch.code(), "DIGEST_INVALID");
    // Manifest referencing a missing blob, malformed JSON, over 4 MiB, wrong digest in URL, bad
    // tag.
    const std::string missing =
        imageManifest(config, oci::Digest::sha256Of("not pushed").toString());
    EXPECT_EQ(call("PUT", "/v2/app/manifests/x", missing).code(), "MANIFEST_BLOB_UNKNOWN");
    EXPECT_EQ(call("PUT", "/v2/app/manifests/x", "{not json").code(), "MANIFEST_INVALID");
    const Reply huge = call("PUT", "/v2/app/manifests/x", std::string(4 * 1024 * 1024 + 10, ' '));
    EXPECT_EQ(huge.status, 413);
    EXPECT_EQ(call("PUT", "/v2/app/manifests/" + oci::Digest::sha256Of("x").toString(),
                   imageManifest(config, layer))
                  .code(),
              "DIGEST_INVALID");
    EXPECT_EQ(call("PUT", "/v2/app/manifests/.bad", imageManifest(config, layer)).code(),
              "TAG_INVALID");
    // Reading by a name that can be no tag: no such manifest (the conformance
    // suite's pull and push workflows ask for exactly 404); a malformed digest
    // stays a 400.
    for (const char *method : {"GET", "HEAD"}) {
        const Reply invalid = call(method, "/v2/app/manifests/.INVALID_MANIFEST_NAME");
        EXPECT_EQ(invalid.status, 404) << method;
        EXPECT_EQ(call(method, "/v2/app/manifests/sha256:totallywrong").status, 400) << method;
    }
    EXPECT_EQ(call("GET", "/v2/app/manifests/.INVALID_MANIFEST_NAME").code(), "MANIFEST_UNKNOWN");
    // An index whose child manifest is missing.
    const std::string index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        oci::Digest::sha256Of("absent").toString() + R"(","size":3}]})";
    EXPECT_EQ(call("PUT", "/v2/app/manifests/idx", index).code(), "MANIFEST_BLOB_UNKNOWN");
    // Upload id of another repository, and a made-up one.
    const std::string location = call("POST", "/v2/app/blobs/uploads/").headers.at("Location");
    const std::string uuid = location.substr(location.rfind('/') + 1);
    EXPECT_EQ(call("PATCH", "/v2/other/blobs/uploads/" + uuid, "data").code(),
              "BLOB_UPLOAD_UNKNOWN");
    // An upload id is one path component: with slashes the path names no
    // endpoint; a ".." id is refused by the writer.
    EXPECT_EQ(call("PATCH", "/v2/app/blobs/uploads/../../../etc", "data").status, 404);
    EXPECT_EQ(call("PATCH", "/v2/app/blobs/uploads/..", "data").status, 400);
    EXPECT_EQ(call("GET", "/v2/app/blobs/uploads/00000000-0000-4000-8000-000000000000").code(),
              "BLOB_UPLOAD_UNKNOWN");
    // Unknown things.
    EXPECT_EQ(call("GET", "/v2/nothere/tags/list").code(), "NAME_UNKNOWN");
    EXPECT_EQ(call("GET", "/v2/app/manifests/nope").code(), "MANIFEST_UNKNOWN");

    EXPECT_EQ(store.blobs().size(), blobsBefore) << "bad input stored a blob";
    EXPECT_TRUE(store.tags("app").empty());
}

TEST_F(ApiTest, NextRequestMayArriveBeforeThePreviousExchangeIsDestroyed)
{
    // Regression: skopeo sends PUT right after the PATCH response, while the
    // HTTP layer still holds the PATCH exchange (found by CI).
    const std::string location = call("POST", "/v2/app/blobs/uploads/").headers.at("Location");
    HttpRequest patch;
    patch.method = "PATCH";
    patch.path = location;
    auto patchExchange = api.begin(patch);
    ASSERT_TRUE(patchExchange->onBody("abc", 3));
    ASSERT_EQ(patchExchange->finish().status, 202);
    const Reply put = call("PUT", location + "?digest=" + oci::Digest::sha256Of("abc").toString());
    EXPECT_EQ(put.status, 201) << put.body;
    patchExchange.reset();
}

TEST_F(ApiTest, OnlineGarbageCollectionKeepsRecentBlobsAndUploadsInFlight)
{
    const std::string config = pushBlob("app", "{}");
    const std::string layer = pushBlob("app", "layer");
    ASSERT_EQ(call("PUT", "/v2/app/manifests/v1", imageManifest(config, layer),
                   {{"content-type", "application/vnd.oci.image.manifest.v1+json"}})
                  .status,
              201);
    // An orphan from long ago, one pushed just now (its manifest may be on
    // its way), and an upload in progress.
    const std::string old = pushBlob("app", "old orphan");
    const std::string fresh = pushBlob("app", "fresh orphan");
    storage::Layout layout(dir.path());
    const fs::path oldData = layout.blobDataPath(oci::Digest::parse(old).value());
    fs::last_write_time(oldData, fs::file_time_type::clock::now() - std::chrono::hours(3));
    const Reply upload = call("POST", "/v2/app/blobs/uploads/");
    ASSERT_EQ(upload.status, 202);
    const std::string location = upload.headers.at("Location");
    ASSERT_EQ(call("PATCH", location, "part one", {{"content-range", "0-7"}}).status, 202);

    // Not from this machine and no htpasswd: refused.
    HttpRequest remote;
    remote.method = "POST";
    remote.path = "/berth/v1/garbage-collect";
    EXPECT_EQ(api.begin(remote)->finish().status, 403);
    EXPECT_EQ(call("GET", "/berth/v1/garbage-collect").status, 405);

    HttpRequest local = remote;
    local.fromLoopback = true;
    local.query.emplace("dry-run", "true");
    const HttpResponse dry = api.begin(local)->finish();
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_NE(dry.body.find(old), std::string::npos) << dry.body;
    EXPECT_EQ(dry.body.find(fresh), std::string::npos) << dry.body;
    EXPECT_NE(dry.body.find("\"recentBlobsKept\": 1"), std::string::npos) << dry.body;
    EXPECT_TRUE(fs::exists(oldData));

    local.query.clear();
    const HttpResponse run = api.begin(local)->finish();
    ASSERT_EQ(run.status, 200) << run.body;
    EXPECT_FALSE(fs::exists(oldData));
    EXPECT_EQ(call("GET", "/v2/app/blobs/" + fresh).status, 200);
    EXPECT_EQ(call("GET", "/v2/app/blobs/" + layer).status, 200);
    EXPECT_EQ(call("GET", "/v2/app/manifests/v1").status, 200);
    // The upload in flight goes on and completes.
    const std::string rest = " and two";
    ASSERT_EQ(call("PATCH", location, rest, {{"content-range", "8-15"}}).status, 202);
    const std::string digest = oci::Digest::sha256Of("part one and two").toString();
    EXPECT_EQ(call("PUT", location + "?digest=" + digest).status, 201);
    EXPECT_EQ(call("GET", "/v2/app/blobs/" + digest).body, "part one and two");

    // A mount refreshes an old orphan: the push that mounted it is protected.
    const std::string again = pushBlob("app", "old again");
    const fs::path againData = layout.blobDataPath(oci::Digest::parse(again).value());
    fs::last_write_time(againData, fs::file_time_type::clock::now() - std::chrono::hours(3));
    EXPECT_EQ(call("POST", "/v2/other/blobs/uploads/?mount=" + again + "&from=app").status, 201);
    ASSERT_EQ(api.begin(local)->finish().status, 200);
    EXPECT_TRUE(fs::exists(againData));

    // A HEAD (a client about to skip the upload) refreshes an old orphan too.
    const std::string probed = pushBlob("app", "old and probed");
    const fs::path probedData = layout.blobDataPath(oci::Digest::parse(probed).value());
    fs::last_write_time(probedData, fs::file_time_type::clock::now() - std::chrono::hours(3));
    EXPECT_EQ(call("HEAD", "/v2/app/blobs/" + probed).status, 200);
    ASSERT_EQ(api.begin(local)->finish().status, 200);
    EXPECT_TRUE(fs::exists(probedData));

    // With delete-untagged: an untagged manifest linked moments ago (a
    // platform whose index is still coming) is kept; an old one goes.
    const std::string platform = imageManifest(config, layer, R"(,"annotations":{"p":"1"})");
    const Reply put =
        call("PUT", "/v2/app/manifests/" + oci::Digest::sha256Of(platform).toString(), platform,
             {{"content-type", "application/vnd.oci.image.manifest.v1+json"}});
    ASSERT_EQ(put.status, 201) << put.body;
    const std::string untagged = put.headers.at("Docker-Content-Digest");
    HttpRequest collect = local;
    collect.query.emplace("delete-untagged", "true");
    ASSERT_EQ(api.begin(collect)->finish().status, 200);
    EXPECT_EQ(call("GET", "/v2/app/manifests/" + untagged).status, 200);
    const auto link = layout.revisionLinkPath("app", oci::Digest::parse(untagged).value()).value();
    fs::last_write_time(link, fs::file_time_type::clock::now() - std::chrono::hours(3));
    const HttpResponse collected = api.begin(collect)->finish();
    ASSERT_EQ(collected.status, 200);
    EXPECT_NE(collected.body.find(untagged), std::string::npos) << collected.body;
    EXPECT_EQ(call("GET", "/v2/app/manifests/" + untagged).status, 404);
    EXPECT_EQ(call("GET", "/v2/app/manifests/v1").status, 200);
}

TEST_F(ApiTest, UploadsResumeAfterARestart)
{
    const std::string location = call("POST", "/v2/app/blobs/uploads/").headers.at("Location");
    ASSERT_EQ(call("PATCH", location, "abc", {{"content-range", "0-2"}}).status, 202);
    // A new API over the same root has no in-memory state: it re-hashes the file.
    RegistryApi restarted(dir.path(), options(true));
    auto send = [&restarted](const std::string &method, const std::string &path,
                             const std::string &body, std::map<std::string, std::string> headers,
                             std::multimap<std::string, std::string> query) {
        HttpRequest request;
        request.method = method;
        request.path = path;
        request.headers = std::move(headers);
        request.query = std::move(query);
        auto exchange = restarted.begin(request);
        exchange->onBody(body.data(), body.size());
        return exchange->finish().status;
    };
    EXPECT_EQ(send("PATCH", location, "def", {{"content-range", "3-5"}}, {}), 202);
    EXPECT_EQ(
        send("PUT", location, "", {}, {{"digest", oci::Digest::sha256Of("abcdef").toString()}}),
        201);
    EXPECT_EQ(call("GET", "/v2/app/blobs/" + oci::Digest::sha256Of("abcdef").toString()).body,
              "abcdef");
}

TEST(RegistryApiDeletes, DisabledDeletesAnswer405Unsupported)
{
    TempDir dir;
    RegistryApi api(dir.path(), options(false));
    HttpRequest request;
    request.method = "DELETE";
    request.path = "/v2/app/manifests/" + oci::Digest::sha256Of("x").toString();
    HttpResponse r = api.begin(request)->finish();
    EXPECT_EQ(r.status, 405);
    EXPECT_NE(r.body.find("UNSUPPORTED"), std::string::npos);
}

TEST(RegistryConfigTest, ConfigYmlAndEnvironment)
{
    const char *yaml = "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /data\n  "
                       "delete:\n    enabled: true\nhttp:\n  addr: :5001\n";
    auto noEnv = [](const char *) -> const char * {
        return nullptr;
    };
    auto c = server::RegistryConfig::parse(yaml, noEnv);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->rootDirectory, fs::path("/data"));
    EXPECT_TRUE(c->deleteEnabled);
    EXPECT_EQ(c->httpAddr, ":5001");
    auto env = [](const char *name) -> const char * {
        return std::string_view(name) == "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY" ? "/override"
                                                                                     : nullptr;
    };
    EXPECT_EQ(server::RegistryConfig::parse(yaml, env)->rootDirectory, fs::path("/override"));
    EXPECT_TRUE(server::RegistryConfig::parse("", noEnv).ok());
    for (const char *bad : {"[1,2]", "storage: {delete: {enabled: maybe}}",
                            "storage: {filesystem: {rootdirectory: [a]}}", "{{{{"}) {
        auto r = server::RegistryConfig::parse(bad, noEnv);
        EXPECT_FALSE(r.ok()) << bad;
    }
}

TEST(RegistryConfigTest, EveryKeyKnownHostileValuesRefusedWithTheKeyNamed)
{
    auto noEnv = [](const char *) -> const char * {
        return nullptr;
    };
    // A typical registry:2 config.yml loads, with warnings for what is not used.
    auto full = server::RegistryConfig::parse(
        "version: 0.1\nlog:\n  level: debug\n  fields:\n    service: registry\n"
        "storage:\n  cache:\n    blobdescriptor: inmemory\n  filesystem:\n"
        "    rootdirectory: /var/lib/registry\n  delete:\n    enabled: true\n"
        "http:\n  addr: :5000\n  secret: s\n  headers:\n    X-Content-Type-Options: [nosniff]\n"
        "  draintimeout: 1m30s\n  tls:\n    certificate: /c.pem\n    key: /k.pem\n"
        "health:\n  storagedriver:\n    enabled: true\nmystery: 1\n",
        noEnv);
    ASSERT_TRUE(full.ok()) << full.error().message;
    EXPECT_EQ(full->logLevel, server::LogLevel::Debug);
    EXPECT_EQ(full->drainTimeout, std::chrono::seconds(90));
    EXPECT_TRUE(full->tlsEnabled());
    ASSERT_EQ(full->headers.size(), 1u);
    EXPECT_EQ(full->headers[0].second, "nosniff");
    std::string warnings;
    for (const auto &w : full->warnings)
        warnings += w + "\n";
    for (const char *key : {"log.fields", "storage.cache", "http.secret", "health", "mystery"})
        EXPECT_NE(warnings.find(key), std::string::npos) << key << "\n" << warnings;

    const std::pair<const char *, const char *> bad[] = {
        {"http:\n  headers:\n    X-A: [\"a\\r\\nSet-Cookie: x\"]\n", "http.headers.X-A"},
        {"http:\n  headers: [a, b]\n", "http.headers"},
        {"http:\n  headers:\n    X-A: {b: c}\n", "http.headers.X-A"},
        {"http:\n  draintimeout: 10\n", "http.draintimeout"},
        {"http:\n  draintimeout: -5s\n", "http.draintimeout"},
        {"http:\n  draintimeout: 99999999999999999999s\n", "http.draintimeout"},
        {"http: [1]\n", "http"},
        {"log:\n  level: [info]\n", "log.level"},
        {"storage:\n  inmemory: {}\n", "storage.inmemory"},
        {"http:\n  tls:\n    key: /k.pem\n", "http.tls.certificate"},
        {"http:\n  tls:\n    clientcas: [/ca.pem]\n", "http.tls.clientcas"},
        {"? [a, b]\n: c\n", "plain names"},
    };
    for (const auto &[yaml, key] : bad) {
        auto r = server::RegistryConfig::parse(yaml, noEnv);
        ASSERT_FALSE(r.ok()) << yaml;
        EXPECT_EQ(r.error().code, "CONFIG_INVALID") << yaml;
        EXPECT_NE(r.error().message.find(key), std::string::npos)
            << yaml << " -> " << r.error().message;
    }

    // Environment overrides, as distribution's.
    auto env = [](const char *name) -> const char * {
        const std::string_view n = name;
        if (n == "REGISTRY_LOG_LEVEL")
            return "error";
        if (n == "REGISTRY_HTTP_TLS_CERTIFICATE")
            return "/env.crt";
        if (n == "REGISTRY_HTTP_TLS_KEY")
            return "/env.key";
        return nullptr;
    };
    auto fromEnv = server::RegistryConfig::parse("", env);
    ASSERT_TRUE(fromEnv.ok()) << fromEnv.error().message;
    EXPECT_EQ(fromEnv->logLevel, server::LogLevel::Error);
    EXPECT_EQ(fromEnv->tlsCertificate, fs::path("/env.crt"));
    auto badEnv = server::RegistryConfig::parse("", [](const char *name) -> const char * {
        return std::string_view(name) == "REGISTRY_AUTH" ? "silly" : nullptr;
    });
    ASSERT_FALSE(badEnv.ok());
    EXPECT_NE(badEnv.error().message.find("REGISTRY_AUTH"), std::string::npos);
}

TEST(RegistryApiAuth, EveryRequestNeedsTheRightBasicLogin)
{
    TempDir dir;
    RegistryApi::Options o;
    o.htpasswd = std::make_shared<const auth::Htpasswd>(
        auth::Htpasswd::load(berth::test::makeHtpasswd(dir.path() / "users", "alice", "s3cret"))
            .value());
    o.realm = "test realm";
    RegistryApi api(dir.path() / "root", o);
    auto status = [&api](std::optional<std::string> authorization,
                         std::string *challenge = nullptr) {
        HttpRequest request;
        request.method = "GET";
        request.path = "/v2/";
        if (authorization)
            request.headers["authorization"] = *authorization;
        HttpResponse r = api.begin(request)->finish();
        for (auto &[k, v] : r.headers) {
            if (k == "WWW-Authenticate" && challenge)
                *challenge = v;
        }
        return r.status;
    };
    std::string challenge;
    EXPECT_EQ(status(std::nullopt, &challenge), 401);
    EXPECT_EQ(challenge, "Basic realm=\"test realm\"");
    EXPECT_EQ(status("Basic YWxpY2U6czNjcmV0"), 200); // alice:s3cret
    EXPECT_EQ(status("Basic YWxpY2U6d3Jvbmc="), 401); // alice:wrong
    for (const char *bad :
         {"Basic", "Basic ", "Basic !!!!", "Basic YWxpY2U=", "Bearer YWxpY2U6czNjcmV0",
          "basic YWxpY2U6czNjcmV0", "Basic YWxpY2U6czNjcmV0====",
          // alice:s3cret, a NUL and more: crypt(3) would stop at the NUL
          "Basic YWxpY2U6czNjcmV0AGp1bms="}) {
        EXPECT_EQ(status(std::string(bad)), 401) << bad;
    }
}

// DELETE /berth/v1/repositories/<name>: only an empty repository goes;
// tags, uploads in progress, bad names and strangers are refused, and a
// nested repository below it stays.
TEST_F(ApiTest, AdminRemovesOnlyEmptyRepositories)
{
    const std::string config = pushBlob("team/app", "{}");
    const std::string layer = pushBlob("team/app", "layer");
    const std::string manifest = imageManifest(config, layer);
    ASSERT_EQ(call("PUT", "/v2/team/app/manifests/v1", manifest,
                   {{"content-type", "application/vnd.oci.image.manifest.v1+json"}})
                  .status,
              201);
    // A nested repository below it.
    pushBlob("team/app/sub", "{}");
    pushBlob("team/app/sub", "layer");
    ASSERT_EQ(call("PUT", "/v2/team/app/sub/manifests/v1", manifest,
                   {{"content-type", "application/vnd.oci.image.manifest.v1+json"}})
                  .status,
              201);
    auto admin = [&](const std::string &name, bool loopback = true) {
        HttpRequest r;
        r.method = "DELETE";
        r.path = "/berth/v1/repositories/" + name;
        r.fromLoopback = loopback;
        return api.begin(r)->finish();
    };
    EXPECT_EQ(admin("team/app", false).status, 403);
    const HttpResponse tagged = admin("team/app");
    EXPECT_EQ(tagged.status, 409);
    EXPECT_NE(tagged.body.find("1 tag"), std::string::npos) << tagged.body;
    EXPECT_EQ(admin("nothing/here").status, 404);
    EXPECT_EQ(admin("../etc").status, 400);
    EXPECT_EQ(admin("Team/App").status, 400);

    const std::string digest = oci::Digest::sha256Of(manifest).toString();
    ASSERT_EQ(call("DELETE", "/v2/team/app/manifests/" + digest).status, 202);
    const Reply upload = call("POST", "/v2/team/app/blobs/uploads/");
    ASSERT_EQ(upload.status, 202);
    EXPECT_EQ(admin("team/app").status, 409); // an upload in progress
    ASSERT_EQ(call("DELETE", upload.headers.at("Location")).status, 204);
    storage::Layout layout(dir.path());
    const fs::path folder = layout.repositoryDir("team/app").value();
    ASSERT_TRUE(fs::exists(folder / "_manifests"));
    EXPECT_EQ(admin("team/app").status, 204);
    EXPECT_FALSE(fs::exists(folder / "_manifests"));
    EXPECT_EQ(call("GET", "/v2/team/app/tags/list").status, 404);
    EXPECT_EQ(call("GET", "/v2/team/app/sub/manifests/v1").status, 200);
    // The blobs stay for garbage collection.
    EXPECT_TRUE(fs::exists(layout.blobDataPath(oci::Digest::parse(layer).value())));
}

TEST(RegistryApiDeletes, AdminRepositoryRemovalNeedsDeletesEnabled)
{
    TempDir dir;
    RegistryApi api(dir.path(), options(false));
    HttpRequest r;
    r.method = "DELETE";
    r.path = "/berth/v1/repositories/some/repo";
    r.fromLoopback = true;
    EXPECT_EQ(api.begin(r)->finish().status, 405);
}

TEST(RegistryApiThreads, ReadsRunOnRequestThreadsAndWhatMayWaitDoesNot)
{
    // What beginMayBlock says true for runs on the HTTP layer's workers:
    // writes (fsync, the GC gate), a blob HEAD (the gate), a password not
    // yet checked (bcrypt). Plain reads stay on the request threads.
    TempDir dir;
    RegistryApi::Options o;
    o.htpasswd = std::make_shared<const auth::Htpasswd>(
        auth::Htpasswd::load(berth::test::makeHtpasswd(dir.path() / "users", "alice", "s3cret"))
            .value());
    RegistryApi api(dir.path() / "root", o);
    const std::string blob = "/v2/app/blobs/sha256:" + std::string(64, 'a');
    auto mayBlock = [&api](const char *method, const std::string &path, const char *login) {
        HttpRequest request;
        request.method = method;
        request.path = path;
        if (login)
            request.headers["authorization"] = login;
        return api.beginMayBlock(request);
    };
    const char *alice = "Basic YWxpY2U6czNjcmV0"; // alice:s3cret
    const char *wrong = "Basic YWxpY2U6d3Jvbmc="; // alice:wrong
    EXPECT_TRUE(mayBlock("GET", "/v2/", alice)) << "a password never checked needs a bcrypt";
    EXPECT_FALSE(mayBlock("GET", "/v2/", nullptr)) << "no login: refused without a hash";
    HttpRequest login;
    login.method = "GET";
    login.path = "/v2/";
    login.headers["authorization"] = alice;
    ASSERT_EQ(api.begin(login)->finish().status, 200);
    EXPECT_FALSE(mayBlock("GET", "/v2/", alice)) << "checked a moment ago: no bcrypt";
    EXPECT_TRUE(mayBlock("GET", "/v2/", wrong)) << "a wrong password is hashed every time";
    EXPECT_FALSE(mayBlock("GET", "/v2/app/manifests/latest", alice));
    EXPECT_FALSE(mayBlock("HEAD", "/v2/app/manifests/latest", alice));
    EXPECT_FALSE(mayBlock("GET", blob, alice));
    EXPECT_FALSE(mayBlock("GET", "/v2/app/tags/list", alice));
    EXPECT_TRUE(mayBlock("HEAD", blob, alice)) << "a blob HEAD takes the GC gate";
    EXPECT_TRUE(mayBlock("GET", "/berth/v1/cache", alice)) << "reads every manifest";
    EXPECT_TRUE(mayBlock("GET", "/berth/v1/cache/app", alice)) << "reads the tags' manifests";
    for (const char *write : {"PUT", "POST", "PATCH", "DELETE"})
        EXPECT_TRUE(mayBlock(write, "/v2/app/manifests/latest", alice)) << write;
}
