// The four workflows of the OCI distribution-spec conformance suite v1.1.1
// (opencontainers/distribution-spec conformance/: pull, push, content
// discovery, content management), walked step by step over real HTTP
// against the server, with the status codes and headers the suite accepts.
// The suite itself is a Go program that cannot be vendored; these tests are
// written from its checks, each step named after the one it mirrors.
#include "raw_http.h"
#include "test_server.h"

#include "oci/digest.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

using namespace berth;
using namespace berth::test;
using nlohmann::json;

namespace {

constexpr const char *kManifestType = "application/vnd.oci.image.manifest.v1+json";
constexpr const char *kIndexType = "application/vnd.oci.image.index.v1+json";
constexpr const char *kLayerType = "application/vnd.oci.image.layer.v1.tar+gzip";
constexpr const char *kConfigType = "application/vnd.oci.image.config.v1+json";

std::string digestOf(const std::string &bytes)
{
    return oci::Digest::sha256Of(bytes).toString();
}

std::string randomBytes(std::size_t size, unsigned seed)
{
    std::mt19937 random(seed);
    std::string out(size, '\0');
    for (char &c : out)
        c = static_cast<char>(random());
    return out;
}

json descriptor(const std::string &mediaType, const std::string &bytes)
{
    return {{"mediaType", mediaType}, {"digest", digestOf(bytes)}, {"size", bytes.size()}};
}

// An image manifest of config + layers, serialised once: its bytes are what
// the registry must store and serve.
std::string imageManifest(const std::string &config, const std::vector<std::string> &layers,
                          const std::string &configType = kConfigType)
{
    json m = {{"schemaVersion", 2},
              {"mediaType", kManifestType},
              {"config", descriptor(configType, config)},
              {"layers", json::array()}};
    for (const auto &layer : layers)
        m["layers"].push_back(descriptor(kLayerType, layer));
    return m.dump();
}

class ConformanceWorkflow : public ::testing::Test
{
protected:
    explicit ConformanceWorkflow(bool deleteEnabled = true)
        : m_server(false, apiOptions(deleteEnabled))
    {
    }
    void SetUp() override { ASSERT_TRUE(m_server.start()); }

    static server::RegistryApi::Options apiOptions(bool deleteEnabled)
    {
        server::RegistryApi::Options o;
        o.deleteEnabled = deleteEnabled;
        return o;
    }

    Reply request(const std::string &method, const std::string &target,
                  const std::string &headers = {}, const std::string &body = {})
    {
        return exchange(m_server.port(), method, target, headers, body);
    }

    // "Populate registry with test blob": POST, then PUT ?digest= with the
    // whole body to the session's Location.
    void pushBlob(const std::string &name, const std::string &bytes)
    {
        const Reply started = request("POST", "/v2/" + name + "/blobs/uploads/");
        ASSERT_EQ(started.status, 202);
        const std::string location = started.headers.at("location");
        const Reply put = request("PUT", location + "?digest=" + digestOf(bytes),
                                  "Content-Type: application/octet-stream\r\n", bytes);
        ASSERT_EQ(put.status, 201) << put.body;
        EXPECT_EQ(put.headers.count("location"), 1u);
    }

    Reply putManifest(const std::string &name, const std::string &reference,
                      const std::string &bytes, const std::string &type = kManifestType)
    {
        return request("PUT", "/v2/" + name + "/manifests/" + reference,
                       "Content-Type: " + type + "\r\n", bytes);
    }

    // "Populate registry with test blob/layer/manifest": config, layer and
    // the image manifest under each tag; returns the manifest's bytes.
    std::string pushImage(const std::string &name, const std::vector<std::string> &tagged)
    {
        pushBlob(name, m_config);
        pushBlob(name, m_layer);
        const std::string manifest = imageManifest(m_config, {m_layer});
        for (const auto &tag : tagged) {
            const Reply put = putManifest(name, tag, manifest);
            EXPECT_EQ(put.status, 201) << tag << ": " << put.body;
        }
        return manifest;
    }

    std::vector<std::string> tags(const std::string &name, const std::string &query = {})
    {
        const Reply r = request("GET", "/v2/" + name + "/tags/list" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        const json body = json::parse(r.body, nullptr, false);
        if (!body.is_object() || !body.contains("tags") || body["tags"].is_null())
            return {};
        return body["tags"].get<std::vector<std::string>>();
    }

    TestServer m_server;
    const std::string m_config =
        R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    const std::string m_layer = randomBytes(3000, 1);
};

class PushWithDeletesDisabled : public ConformanceWorkflow
{
protected:
    PushWithDeletesDisabled()
        : ConformanceWorkflow(false)
    {
    }
};

} // namespace

TEST_F(ConformanceWorkflow, Pull)
{
    const std::string name = "conformance/pull";
    const std::string manifest = pushImage(name, {"tagtest0"});
    const std::string digest = digestOf(manifest);
    const std::string missingBlob = digestOf("not a blob anyone pushed");

    // HEAD request to nonexistent blob should result in 404 response
    const Reply headMissing = request("HEAD", "/v2/" + name + "/blobs/" + missingBlob);
    EXPECT_EQ(headMissing.status, 404);
    EXPECT_TRUE(headMissing.body.empty());
    // HEAD request to existing blob should yield 200 (with its digest)
    const Reply head = request("HEAD", "/v2/" + name + "/blobs/" + digestOf(m_config));
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("docker-content-digest"), digestOf(m_config));
    EXPECT_EQ(head.header("content-length"), std::to_string(m_config.size()));
    EXPECT_TRUE(head.body.empty());
    // GET nonexistent blob should result in 404 response
    const Reply getMissing = request("GET", "/v2/" + name + "/blobs/" + missingBlob);
    EXPECT_EQ(getMissing.status, 404);
    EXPECT_EQ(errorCode(getMissing), "BLOB_UNKNOWN");
    // GET request to existing blob URL should yield 200
    const Reply blob = request("GET", "/v2/" + name + "/blobs/" + digestOf(m_layer));
    EXPECT_EQ(blob.status, 200);
    EXPECT_TRUE(blob.body == m_layer);

    const std::string accept = std::string("Accept: ") + kManifestType + "\r\n";
    for (const char *method : {"HEAD", "GET"}) {
        SCOPED_TRACE(method);
        // HEAD/GET request to nonexistent manifest should return 404
        EXPECT_EQ(request(method, "/v2/" + name + "/manifests/.INVALID_MANIFEST_NAME").status, 404);
        EXPECT_EQ(request(method, "/v2/" + name + "/manifests/nosuchtag").status, 404);
        // ... to manifest path (digest) and (tag) should yield 200 response
        for (const std::string &reference : {digest, std::string("tagtest0")}) {
            Reply r = request(method, "/v2/" + name + "/manifests/" + reference, accept);
            EXPECT_EQ(r.status, 200) << reference;
            EXPECT_EQ(r.header("docker-content-digest"), digest) << reference;
            EXPECT_EQ(r.header("content-type"), kManifestType) << reference;
            EXPECT_EQ(r.header("content-length"), std::to_string(manifest.size()));
            if (std::string(method) == "GET") {
                EXPECT_EQ(r.body, manifest) << "the exact bytes pushed, " << reference;
            }
        }
    }
    // 400 response body should contain OCI-conforming JSON message
    const Reply malformed =
        request("GET", "/v2/" + name + "/manifests/sha256:totallywrong",
                std::string("Content-Type: ") + kManifestType + "\r\n", "{\"invalid\": true}");
    EXPECT_TRUE(malformed.status == 400 || malformed.status == 404) << malformed.status;
    const json errors = json::parse(malformed.body, nullptr, false);
    ASSERT_TRUE(errors.is_object() && errors.contains("errors")) << malformed.body;
    ASSERT_FALSE(errors["errors"].empty());
    EXPECT_EQ(errors["errors"][0]["code"], "DIGEST_INVALID");
    EXPECT_TRUE(errors["errors"][0]["message"].is_string());
}

TEST_F(ConformanceWorkflow, Push)
{
    const std::string name = "conformance/push";
    const std::string blobA = randomBytes(1500, 2);

    // Streamed: PATCH request with blob in body should yield 202 response
    const Reply started = request("POST", "/v2/" + name + "/blobs/uploads/");
    ASSERT_EQ(started.status, 202);
    ASSERT_FALSE(started.header("location").empty());
    const Reply streamed = request("PATCH", started.header("location"),
                                   "Content-Type: application/octet-stream\r\n", blobA);
    ASSERT_EQ(streamed.status, 202) << streamed.body;
    // PUT request to session URL with digest should yield 201 response
    const Reply closed = request("PUT", streamed.header("location") + "?digest=" + digestOf(blobA),
                                 "Content-Type: application/octet-stream\r\n");
    EXPECT_EQ(closed.status, 201) << closed.body;
    EXPECT_EQ(closed.header("location"), "/v2/" + name + "/blobs/" + digestOf(blobA));
    EXPECT_EQ(closed.header("docker-content-digest"), digestOf(blobA));

    // Monolithic: POST request with digest and blob should yield a 201 or 202
    const Reply monolithic =
        request("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digestOf(m_config),
                "Content-Type: application/octet-stream\r\n", m_config);
    EXPECT_EQ(monolithic.status, 201) << monolithic.body;
    EXPECT_EQ(monolithic.header("location"), "/v2/" + name + "/blobs/" + digestOf(m_config));
    EXPECT_EQ(request("GET", "/v2/" + name + "/blobs/" + digestOf(m_config)).body, m_config);
    // POST request should yield a session ID; PUT upload of a blob should yield a 201 Response
    pushBlob(name, m_layer);
    EXPECT_EQ(request("GET", "/v2/" + name + "/blobs/" + digestOf(m_layer)).status, 200);

    // Chunked: two chunks of blob B, with the suite's order of mistakes.
    const std::string blobB = randomBytes(50, 3);
    const std::string chunk1 = blobB.substr(0, 22);
    const std::string chunk2 = blobB.substr(22);
    const std::string range1 = "0-21";
    const std::string range2 = "22-" + std::to_string(blobB.size() - 1);
    const Reply session =
        request("POST", "/v2/" + name + "/blobs/uploads/", "Content-Length: 0\r\n");
    ASSERT_EQ(session.status, 202);
    const std::string location = session.headers.at("location");
    const auto patch = [&](const std::string &at, const std::string &range,
                           const std::string &chunk) {
        return request("PATCH", at,
                       "Content-Type: application/octet-stream\r\nContent-Range: " + range + "\r\n",
                       chunk);
    };
    // Out-of-order blob upload should return 416
    EXPECT_EQ(patch(location, range2, chunk2).status, 416);
    // PATCH request with first chunk should return 202
    Reply first = patch(location, range1, chunk1);
    ASSERT_EQ(first.status, 202) << first.body;
    EXPECT_EQ(first.header("range"), range1);
    // Retry previous blob chunk should return 416
    EXPECT_EQ(patch(first.header("location"), range1, chunk1).status, 416);
    // Get on stale blob upload should return 204 with a range and location
    Reply status = request("GET", first.header("location"));
    EXPECT_EQ(status.status, 204);
    EXPECT_FALSE(status.header("location").empty());
    EXPECT_EQ(status.header("range"), range1);
    // PATCH request with second chunk should return 202
    Reply second = patch(status.header("location"), range2, chunk2);
    ASSERT_EQ(second.status, 202) << second.body;
    EXPECT_FALSE(second.header("location").empty());
    // PUT request with digest should return 201
    Reply done = request("PUT", second.header("location") + "?digest=" + digestOf(blobB),
                         "Content-Length: 0\r\nContent-Type: application/octet-stream\r\n");
    EXPECT_EQ(done.status, 201) << done.body;
    EXPECT_EQ(request("GET", "/v2/" + name + "/blobs/" + digestOf(blobB)).body, blobB);

    // Cross-mounting of a blob without the from argument should yield session id
    const std::string other = "conformance/crossmount";
    Reply unknownMount =
        request("POST", "/v2/" + other + "/blobs/uploads/?mount=" + digestOf("no such blob"));
    EXPECT_EQ(unknownMount.status, 202);
    EXPECT_EQ(unknownMount.header("location").rfind("/v2/" + other + "/blobs/uploads/", 0), 0u)
        << unknownMount.header("location");
    // POST request to mount another repository's blob should return 201 or 202
    Reply mounted = request("POST", "/v2/" + other + "/blobs/uploads/?mount=" + digestOf(blobA) +
                                        "&from=" + name);
    EXPECT_EQ(mounted.status, 201);
    // GET request to test digest within cross-mount namespace should return 200
    EXPECT_EQ(mounted.header("location"), "/v2/" + other + "/blobs/" + digestOf(blobA));
    EXPECT_EQ(request("GET", mounted.header("location")).body, blobA);
    // Cross-mounting without from, and automatic content discovery enabled should return a 201
    EXPECT_EQ(
        request("POST", "/v2/conformance/third/blobs/uploads/?mount=" + digestOf(blobA)).status,
        201);

    // GET nonexistent manifest should return 404
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/.INVALID_MANIFEST_NAME").status, 404);
    // PUT should accept a manifest upload (under several tags)
    const std::string manifest = imageManifest(m_config, {m_layer});
    for (const char *tag : {"tagtest0", "tagtest1", "tagtest2"}) {
        Reply r = putManifest(name, tag, manifest);
        EXPECT_EQ(r.status, 201) << tag << ": " << r.body;
        EXPECT_EQ(r.header("location"), "/v2/" + name + "/manifests/" + digestOf(manifest));
        EXPECT_EQ(r.header("docker-content-digest"), digestOf(manifest));
    }
    // Registry should accept a manifest upload with no layers
    const std::string noLayers = imageManifest(m_config, {});
    EXPECT_EQ(putManifest(name, digestOf(noLayers), noLayers).status, 201);
    // Unknown fields and no mediaType in the body: the Content-Type says what it is.
    const std::string unusual = R"({"schemaVersion":2,"config":)" +
                                descriptor(kConfigType, m_config).dump() +
                                R"(,"layers":[],"data":"extra","newUnspecifiedField":null})";
    EXPECT_EQ(putManifest(name, "unusual", unusual).status, 201);
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/unusual").body, unusual);
    // GET request to manifest URL (digest) should yield 200 response
    const Reply byDigest = request("GET", "/v2/" + name + "/manifests/" + digestOf(manifest),
                                   std::string("Accept: ") + kManifestType + "\r\n");
    EXPECT_EQ(byDigest.status, 200);
    EXPECT_EQ(byDigest.body, manifest);
}

TEST_F(PushWithDeletesDisabled, TeardownGetsAnAnswerTheSuiteAccepts)
{
    // Teardown on a registry without deletes: 405 is one of the answers the
    // suite accepts, and nothing goes.
    const std::string name = "conformance/nodelete";
    const std::string manifest = pushImage(name, {"latest"});
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/manifests/" + digestOf(manifest)).status, 405);
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/blobs/" + digestOf(m_layer)).status, 405);
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/latest").status, 200);
    EXPECT_EQ(request("GET", "/v2/" + name + "/blobs/" + digestOf(m_layer)).status, 200);
}

TEST_F(ConformanceWorkflow, ContentDiscovery)
{
    const std::string name = "conformance/discovery";
    const std::string manifest = pushImage(name, {"test0", "test1", "test2", "test3"});

    // GET request to list tags should yield 200 response
    const std::vector<std::string> all = tags(name);
    ASSERT_EQ(all, (std::vector<std::string>{"test0", "test1", "test2", "test3"}));
    // GET number of tags should be limitable by `n` query parameter
    const Reply page = request("GET", "/v2/" + name + "/tags/list?n=2");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(tags(name, "?n=2"), (std::vector<std::string>{"test0", "test1"}));
    EXPECT_NE(page.header("link").find("rel=\"next\""), std::string::npos) << page.header("link");
    // GET start of tag is set by `last` query parameter
    EXPECT_EQ(tags(name, "?n=2&last=test1"), (std::vector<std::string>{"test2", "test3"}));

    // References setup: the empty JSON blob the suite checks by digest.
    const std::string emptyJson = "{}";
    ASSERT_EQ(digestOf(emptyJson),
              "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    pushBlob(name, emptyJson);
    const std::string blobA = "referrer A's layer";
    const std::string blobB = "referrer B's layer";
    pushBlob(name, blobA);
    pushBlob(name, blobB);
    const std::string typeA = "application/vnd.example.a";
    const std::string typeB = "application/vnd.example.b";
    const std::string subject = digestOf(manifest);
    const json subjectDescriptor = descriptor(kManifestType, manifest);
    // The subject the C referrer names is never pushed.
    const std::string absent = imageManifest(m_config, {blobB});
    const json absentDescriptor = descriptor(kManifestType, absent);

    std::map<std::string, std::string> annotationOf; // referrer digest -> annotation
    const auto pushReferrer = [&](json body, const json &subjectOf, const std::string &label,
                                  const std::string &type = kManifestType) {
        body["subject"] = subjectOf;
        body["annotations"] = {{"org.opencontainers.conformance.test", label}};
        const std::string bytes = body.dump();
        Reply r = putManifest(name, digestOf(bytes), bytes, type);
        EXPECT_EQ(r.status, 201) << label << ": " << r.body;
        EXPECT_EQ(r.header("oci-subject"), subjectOf["digest"].get<std::string>()) << label;
        annotationOf[digestOf(bytes)] = label;
        return digestOf(bytes);
    };
    const auto artifact = [&](const json &config, const std::string &layer,
                              const std::string &artifactType) {
        json m = {{"schemaVersion", 2},
                  {"mediaType", kManifestType},
                  {"config", config},
                  {"layers", json::array({descriptor("application/octet-stream", layer)})}};
        if (!artifactType.empty())
            m["artifactType"] = artifactType;
        return m;
    };
    // A config artifact: its type is its config's media type.
    const json configA = descriptor(typeA, emptyJson);
    const json configB = descriptor(typeB, emptyJson);
    const json emptyConfig = descriptor("application/vnd.oci.empty.v1+json", emptyJson);
    pushReferrer(artifact(configA, blobA, ""), subjectDescriptor, "A config");
    pushReferrer(artifact(emptyConfig, blobA, typeA), subjectDescriptor, "A layer");
    pushReferrer(artifact(configB, blobB, ""), subjectDescriptor, "B config");
    pushReferrer(artifact(emptyConfig, blobB, typeB), subjectDescriptor, "B layer");
    json index = {{"schemaVersion", 2},
                  {"mediaType", kIndexType},
                  {"artifactType", "application/vnd.example.index"},
                  {"manifests", json::array({subjectDescriptor})}};
    pushReferrer(index, subjectDescriptor, "index", kIndexType);
    const std::string referrerC =
        pushReferrer(artifact(emptyConfig, blobB, typeB), absentDescriptor, "C layer");

    const auto referrers = [&](const std::string &digest, const std::string &query = {}) {
        Reply r = request("GET", "/v2/" + name + "/referrers/" + digest + query);
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.header("content-type"), kIndexType);
        return std::make_pair(r, json::parse(r.body, nullptr, false));
    };
    const auto checkAnnotations = [&](const json &list) {
        std::set<std::string> seen;
        for (const auto &d : list) {
            const std::string digest = d["digest"].get<std::string>();
            EXPECT_TRUE(seen.insert(digest).second) << "listed twice: " << digest;
            ASSERT_EQ(d["annotations"].size(), 1u) << digest;
            EXPECT_EQ(d["annotations"]["org.opencontainers.conformance.test"],
                      annotationOf[digest]);
        }
    };
    // GET request to nonexistent blob should result in empty 200 response
    auto [none, noneBody] = referrers(digestOf("nothing refers to this"));
    ASSERT_TRUE(noneBody.is_object()) << none.body;
    EXPECT_EQ(noneBody["mediaType"], kIndexType);
    EXPECT_TRUE(noneBody["manifests"].empty());
    // GET request to existing blob should yield 200
    auto [some, someBody] = referrers(subject);
    ASSERT_EQ(someBody["manifests"].size(), 5u) << some.body;
    checkAnnotations(someBody["manifests"]);
    std::map<std::string, std::string> typeOf;
    for (const auto &d : someBody["manifests"])
        typeOf[annotationOf[d["digest"].get<std::string>()]] = d.value("artifactType", "");
    EXPECT_EQ(typeOf["A config"], typeA) << "from the config's media type";
    EXPECT_EQ(typeOf["A layer"], typeA);
    EXPECT_EQ(typeOf["index"], "application/vnd.example.index");
    // GET request to existing blob with filter should yield 200
    auto [filtered, filteredBody] = referrers(subject, "?artifactType=" + typeA);
    EXPECT_EQ(filtered.header("oci-filters-applied"), "artifactType");
    ASSERT_EQ(filteredBody["manifests"].size(), 2u) << filtered.body;
    checkAnnotations(filteredBody["manifests"]);
    // GET request to missing manifest should yield 200
    auto [missing, missingBody] = referrers(absentDescriptor["digest"].get<std::string>());
    ASSERT_EQ(missingBody["manifests"].size(), 1u) << missing.body;
    EXPECT_EQ(missingBody["manifests"][0]["digest"], referrerC);
}

TEST_F(ConformanceWorkflow, ContentManagement)
{
    const std::string name = "conformance/management";
    const std::string manifest = pushImage(name, {"tagtest0", "tagtest1"});
    const std::string digest = digestOf(manifest);
    ASSERT_EQ(tags(name).size(), 2u);

    // DELETE request to manifest tag should return 202 ...
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/manifests/tagtest0").status, 202);
    // ... and only that tag goes: GET tags list reflects it
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/tagtest0").status, 404);
    EXPECT_EQ(tags(name), std::vector<std::string>{"tagtest1"});
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/" + digest).status, 200);
    // DELETE request to manifest (digest) should yield 202 response
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/manifests/" + digest).status, 202);
    // GET request to deleted manifest URL should yield 404 response
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/" + digest).status, 404);
    EXPECT_EQ(request("GET", "/v2/" + name + "/manifests/tagtest1").status, 404);
    // GET request to tags list should reflect manifest deletion
    const Reply list = request("GET", "/v2/" + name + "/tags/list");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(tags(name).empty()) << list.body;
    // DELETE request to blob URL should yield 202 response
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/blobs/" + digestOf(m_layer)).status, 202);
    // GET request to deleted blob URL should yield 404 response
    const Reply gone = request("GET", "/v2/" + name + "/blobs/" + digestOf(m_layer));
    EXPECT_EQ(gone.status, 404);
    EXPECT_EQ(errorCode(gone), "BLOB_UNKNOWN");
    // Teardown: a second delete is a 404, which the suite accepts.
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/blobs/" + digestOf(m_layer)).status, 404);
    EXPECT_EQ(request("DELETE", "/v2/" + name + "/manifests/" + digest).status, 404);
}
