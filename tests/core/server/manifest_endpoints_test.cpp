// What a manifest PUT is checked for beyond its JSON: descriptor sizes
// against the blobs the registry holds, media types that could carry a
// line break into a header, and a Content-Type that is no manifest type.
// docker-registry 2.8.2 checks none of the sizes and only some types; the
// differences are listed in docs/SECURITY.md.
#include "api_fixture.h"

#include <gtest/gtest.h>

#include <string>

using namespace berth;
using berth::test::ApiTest;
using berth::test::Reply;

namespace {

const std::map<std::string, std::string> kOciManifest = {
    {"content-type", "application/vnd.oci.image.manifest.v1+json"}};

std::string
manifestWith(const std::string &configDigest, int configSize, const std::string &layerDigest,
             int layerSize,
             const std::string &layerType = "application/vnd.oci.image.layer.v1.tar+gzip",
             const std::string &topType = "application/vnd.oci.image.manifest.v1+json")
{
    return R"({"schemaVersion":2,"mediaType":")" + topType +
           R"(","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
           configDigest + R"(","size":)" + std::to_string(configSize) +
           R"(},"layers":[{"mediaType":")" + layerType + R"(","digest":")" + layerDigest +
           R"(","size":)" + std::to_string(layerSize) + "}]}";
}

class ManifestChecks : public ApiTest
{
protected:
    void SetUp() override
    {
        m_config = pushBlob("app", "{}");   // 2 bytes
        m_layer = pushBlob("app", "layer"); // 5 bytes
    }

    // A refused PUT stores nothing: the tag stays unknown.
    void expectRefused(const Reply &put, const std::string &mentions)
    {
        EXPECT_EQ(put.status, 400) << put.body;
        EXPECT_EQ(put.code(), "MANIFEST_INVALID") << put.body;
        EXPECT_NE(put.body.find(mentions), std::string::npos) << put.body;
        EXPECT_EQ(call("GET", "/v2/app/manifests/t").status, 404);
    }

    std::string m_config;
    std::string m_layer;
};

} // namespace

TEST_F(ManifestChecks, DescriptorSizesMustMatchTheStoredBlobs)
{
    expectRefused(
        call("PUT", "/v2/app/manifests/t", manifestWith(m_config, 2, m_layer, 6), kOciManifest),
        "layers[0].size is 6, but " + m_layer + " has 5 bytes");
    expectRefused(
        call("PUT", "/v2/app/manifests/t", manifestWith(m_config, 3, m_layer, 5), kOciManifest),
        "config.size is 3");
    const Reply good =
        call("PUT", "/v2/app/manifests/child", manifestWith(m_config, 2, m_layer, 5), kOciManifest);
    ASSERT_EQ(good.status, 201) << good.body;
    const std::string child = good.headers.at("Docker-Content-Digest");
    const std::string size = std::to_string(manifestWith(m_config, 2, m_layer, 5).size());
    const std::string index =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)"
        R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
        child + R"(","size":)";
    expectRefused(call("PUT", "/v2/app/manifests/t", index + "1}]}",
                       {{"content-type", "application/vnd.oci.image.index.v1+json"}}),
                  "manifests[0].size is 1");
    EXPECT_EQ(call("PUT", "/v2/app/manifests/t", index + size + "}]}",
                   {{"content-type", "application/vnd.oci.image.index.v1+json"}})
                  .status,
              201);
}

TEST_F(ManifestChecks, MediaTypesWithControlCharactersAreRefused)
{
    expectRefused(call("PUT", "/v2/app/manifests/t",
                       manifestWith(m_config, 2, m_layer, 5, "application/x\\r\\nSet-Cookie: a=b"),
                       kOciManifest),
                  "layers[0].mediaType: contains a control character");
    expectRefused(
        call("PUT", "/v2/app/manifests/t",
             manifestWith(m_config, 2, m_layer, 5, "application/vnd.oci.image.layer.v1.tar+gzip",
                          "application/vnd.oci.image.manifest.v1+json\\n")),
        "mediaType: contains a control character");
}

TEST_F(ManifestChecks, ContentTypeIsAManifestTypeAgreeingWithTheBodyOrAbsent)
{
    const std::string manifest = manifestWith(m_config, 2, m_layer, 5);
    expectRefused(call("PUT", "/v2/app/manifests/t", manifest, {{"content-type", "text/plain"}}),
                  "Content-Type 'text/plain' is not a manifest media type");
    expectRefused(call("PUT", "/v2/app/manifests/t", manifest,
                       {{"content-type", "application/vnd.oci.image.index.v1+json"}}),
                  "disagrees with the manifest's mediaType");
    // Absent, empty or the old clients' application/json: the body says.
    for (const auto &headers : std::vector<std::map<std::string, std::string>>{
             {}, {{"content-type", ""}}, {{"content-type", "application/json"}}}) {
        const Reply put = call("PUT", "/v2/app/manifests/t", manifest, headers);
        EXPECT_EQ(put.status, 201) << put.body;
        EXPECT_EQ(call("GET", "/v2/app/manifests/t").headers.at("Content-Type"),
                  "application/vnd.oci.image.manifest.v1+json");
    }
}
