#include "oci/media_types.h"
#include "oci/parsed_manifest.h"

#include <gtest/gtest.h>

#include <string>

using namespace berth::oci;

namespace {

const std::string kDigestA = "sha256:" + std::string(64, 'a');
const std::string kDigestB = "sha256:" + std::string(64, 'b');
const std::string kDigestC = "sha256:" + std::string(64, 'c');

std::string dockerV2()
{
    return R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
      "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1469,"digest":")" +
           kDigestA + R"("},
      "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":2811478,"digest":")" +
           kDigestB + R"("},
                {"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32,"digest":")" +
           kDigestC + R"("}]})";
}

std::string ociArtifactWithSubject()
{
    return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
      "artifactType":"application/vnd.dev.cosign.artifact.sig.v1+json",
      "config":{"mediaType":"application/vnd.oci.empty.v1+json","size":2,"digest":")" +
           kDigestA + R"("},
      "layers":[{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","size":241,"digest":")" +
           kDigestB + R"(",
                 "annotations":{"dev.cosignproject.cosign/signature":"MEUCIQ..."}}],
      "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7682,"digest":")" +
           kDigestC + R"("},
      "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}})";
}

std::string indexWithAttestation()
{
    return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
      {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1000,"digest":")" +
           kDigestA + R"(",
       "platform":{"architecture":"amd64","os":"linux"}},
      {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1001,"digest":")" +
           kDigestB + R"(",
       "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
      {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":566,"digest":")" +
           kDigestC + R"(",
       "platform":{"architecture":"unknown","os":"unknown"},
       "annotations":{"vnd.docker.reference.digest":")" +
           kDigestA + R"(","vnd.docker.reference.type":"attestation-manifest"}}]})";
}

std::string schema1Signed()
{
    return R"({"schemaVersion":1,"name":"library/hello","tag":"latest","architecture":"amd64",
      "fsLayers":[{"blobSum":")" +
           kDigestA + R"("},{"blobSum":")" + kDigestB + R"("}],
      "history":[{"v1Compatibility":"{\"id\":\"x\"}"},{"v1Compatibility":"{\"id\":\"y\"}"}],
      "signatures":[{"header":{"alg":"ES256"},"signature":"abc","protected":"def"}]})";
}

} // namespace

TEST(ParsedManifest, DockerSchema2)
{
    auto m = parseManifest(dockerV2(),
                           "application/vnd.docker.distribution.manifest.v2+json; charset=utf-8");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->kind(), ManifestKind::DockerV2);
    ASSERT_NE(m->image(), nullptr);
    EXPECT_EQ(m->image()->layers.size(), 2u);
    EXPECT_EQ(m->image()->layers[0].size, 2811478);
    EXPECT_EQ(m->references().size(), 3u);
    EXPECT_FALSE(m->isIndex());
    EXPECT_FALSE(m->subject());
}

TEST(ParsedManifest, OciArtifactWithSubjectFromGenericContentType)
{
    for (const char *ct : {"", "application/json", "application/octet-stream"}) {
        auto m = parseManifest(ociArtifactWithSubject(), ct);
        ASSERT_TRUE(m.ok()) << m.error().message;
        EXPECT_EQ(m->kind(), ManifestKind::OciManifest);
        EXPECT_EQ(m->image()->artifactType, "application/vnd.dev.cosign.artifact.sig.v1+json");
        ASSERT_TRUE(m->subject());
        EXPECT_EQ(m->subject()->digest.toString(), kDigestC);
        EXPECT_EQ(m->image()->layers[0].annotations.at("dev.cosignproject.cosign/signature"),
                  "MEUCIQ...");
    }
}

TEST(ParsedManifest, IndexWithAttestation)
{
    auto m = parseManifest(indexWithAttestation(), media_type::OciIndex);
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_TRUE(m->isIndex());
    const auto &children = m->index()->manifests;
    ASSERT_EQ(children.size(), 3u);
    EXPECT_EQ(children[1].platform->toString(), "linux/arm64/v8");
    EXPECT_FALSE(children[0].isAttestation());
    EXPECT_TRUE(children[2].isAttestation());
}

TEST(ParsedManifest, Schema1ReadOnly)
{
    auto m = parseManifest(schema1Signed(), media_type::DockerSchema1Signed);
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_NE(m->schema1(), nullptr);
    EXPECT_EQ(m->schema1()->fsLayers.size(), 2u);
    EXPECT_EQ(m->references().size(), 2u);
    // Inferred without a content type too.
    EXPECT_EQ(parseManifest(schema1Signed())->kind(), ManifestKind::DockerSchema1);
}

TEST(ParsedManifest, ShapeInferenceWithoutMediaType)
{
    std::string noType = dockerV2();
    noType.replace(
        noType.find(R"("mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"),
        std::string(R"("mediaType":"application/vnd.docker.distribution.manifest.v2+json",)")
            .size(),
        "");
    auto m = parseManifest(noType);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->kind(), ManifestKind::OciManifest);
}

TEST(ParsedManifest, PreciseErrorsForWrongTypes)
{
    std::string badSize = dockerV2();
    badSize.replace(badSize.find("2811478"), 7, "\"big\"");
    auto m = parseManifest(badSize);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, "MANIFEST_INVALID");
    EXPECT_NE(m.error().message.find("layers[0].size"), std::string::npos) << m.error().message;

    std::string badDigest = dockerV2();
    badDigest.replace(badDigest.find(kDigestB), kDigestB.size(), "sha256:nothex");
    auto d = parseManifest(badDigest);
    ASSERT_FALSE(d.ok());
    EXPECT_NE(d.error().message.find("layers[0].digest"), std::string::npos) << d.error().message;

    std::string negative = dockerV2();
    negative.replace(negative.find("1469"), 4, "-1");
    EXPECT_FALSE(parseManifest(negative).ok());
}

TEST(ParsedManifest, ContentTypeAndBodyMustAgree)
{
    auto m = parseManifest(dockerV2(), media_type::OciManifest);
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("disagrees"), std::string::npos);
    // An unknown Content-Type defers to a known body mediaType; with neither, refused.
    EXPECT_TRUE(parseManifest(dockerV2(), "application/vnd.example.unknown").ok());
    std::string noType = ociArtifactWithSubject();
    noType.erase(
        noType.find(R"("mediaType":"application/vnd.oci.image.manifest.v1+json",)"),
        std::string(R"("mediaType":"application/vnd.oci.image.manifest.v1+json",)").size());
    EXPECT_FALSE(parseManifest(noType, "application/vnd.example.unknown").ok());
}

TEST(ParsedManifest, HostileInputIsRefusedNeverCrashes)
{
    const std::string cases[] = {
        "",
        "null",
        "[]",
        "42",
        "\"string\"",
        "{",
        "{}",
        R"({"schemaVersion":2})",
        R"({"schemaVersion":3,"config":{},"layers":[]})",
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":null,"layers":[]})",
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":[],"layers":[]})",
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":{}})",
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[1,2]})",
        R"({"schemaVersion":99999999999999999999999,"config":{}})",
        R"({"schemaVersion":2.5,"config":{}})",
        std::string("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\0b\"}}", 40),
        "{\"schemaVersion\":2,\"mediaType\":\"\xff\xfe\"}",
        R"({"schemaVersion":1,"fsLayers":[{"blobSum":"md5:abc"}]})",
    };
    for (const auto &c : cases) {
        auto m = parseManifest(c);
        EXPECT_FALSE(m.ok()) << c;
        if (!m.ok()) {
            EXPECT_FALSE(m.error().message.empty());
            EXPECT_LT(m.error().message.size(), 500u);
        }
    }
    // Deep nesting is refused before the parser recurses.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto nested = parseManifest(deep);
    ASSERT_FALSE(nested.ok());
    EXPECT_NE(nested.error().message.find("nested"), std::string::npos);
    const std::string deepInString = R"({"schemaVersion":2,"annotations":{"x":")" +
                                     std::string(1000, '[') + R"("},)" +
                                     dockerV2().substr(dockerV2().find("\"mediaType\""));
    EXPECT_TRUE(parseManifest(deepInString).ok()) << "brackets inside strings are not nesting";
    // Over 4 MiB is refused whole.
    std::string big = dockerV2();
    big.insert(1, "\"pad\":\"" + std::string(kMaxManifestBytes, 'x') + "\",");
    auto tooBig = parseManifest(big);
    ASSERT_FALSE(tooBig.ok());
    EXPECT_NE(tooBig.error().message.find("too large"), std::string::npos);
}
