// Narrowing an index to some platforms, as a copy of some platforms does:
// which manifests stay (platform images that run on a chosen platform and
// their BuildKit attestations), and the index rewritten with only those,
// every other field and the order kept; bad bytes refused.
#include "oci/index_subset.h"
#include "oci/parsed_manifest.h"

#include <gtest/gtest.h>

using namespace berth::oci;

namespace {

std::string digestOf(char c)
{
    return "sha256:" + std::string(64, c);
}

// amd64, arm64 (no variant), arm/v7, and an attestation for amd64 and one for arm64.
const std::string kIndex =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",)"
    R"("manifests":[)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digestOf('a') +
    R"(","size":10,"platform":{"architecture":"amd64","os":"linux"}},)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digestOf('b') +
    R"(","size":11,"platform":{"architecture":"arm64","os":"linux"}},)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digestOf('c') +
    R"(","size":12,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digestOf('d') +
    R"(","size":13,"platform":{"architecture":"unknown","os":"unknown"},)"
    R"("annotations":{"vnd.docker.reference.digest":")" +
    digestOf('a') +
    R"(","vnd.docker.reference.type":"attestation-manifest"}},)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digestOf('e') +
    R"(","size":14,"platform":{"architecture":"unknown","os":"unknown"},)"
    R"("annotations":{"vnd.docker.reference.digest":")" +
    digestOf('b') +
    R"(","vnd.docker.reference.type":"attestation-manifest"}}],)"
    R"("annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}})";

std::vector<std::string> digestsOf(const std::vector<Descriptor> &descriptors)
{
    std::vector<std::string> out;
    for (const auto &d : descriptors)
        out.push_back(d.digest.toString());
    return out;
}

} // namespace

TEST(IndexSubset, ChosenPlatformsKeepTheirImagesAndAttestations)
{
    const auto parsed = parseManifest(kIndex);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    const ImageIndex &index = *parsed->index();
    EXPECT_EQ(digestsOf(manifestsFor(index, {*parsePlatform("linux/arm64/v8")})),
              (std::vector<std::string>{digestOf('b'), digestOf('e')}));
    EXPECT_EQ(digestsOf(manifestsFor(
                  index, {*parsePlatform("linux/amd64"), *parsePlatform("linux/arm/v7")})),
              (std::vector<std::string>{digestOf('a'), digestOf('c'), digestOf('d')}));
    EXPECT_TRUE(manifestsFor(index, {*parsePlatform("linux/s390x")}).empty());
    EXPECT_TRUE(manifestsFor(index, {*parsePlatform("linux/arm/v6")}).empty());
}

TEST(IndexSubset, TheNarrowedIndexKeepsEveryOtherFieldInOrder)
{
    const auto narrowed =
        indexSubset(kIndex, {*Digest::parse(digestOf('b')), *Digest::parse(digestOf('e'))});
    ASSERT_TRUE(narrowed.ok()) << narrowed.error().message;
    const std::string &bytes = *narrowed;
    EXPECT_LT(bytes.find("schemaVersion"), bytes.find("mediaType"));
    EXPECT_LT(bytes.find("\"manifests\""), bytes.find("org.opencontainers.image.created"));
    EXPECT_EQ(bytes.find(digestOf('a')), std::string::npos);
    const auto parsed = parseManifest(bytes);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(digestsOf(parsed->index()->manifests),
              (std::vector<std::string>{digestOf('b'), digestOf('e')}));
    EXPECT_EQ(parsed->index()->annotations.at("org.opencontainers.image.created"),
              "2024-01-01T00:00:00Z");
    // Nothing left out: the same bytes, but compact.
    const auto all =
        indexSubset(kIndex, {*Digest::parse(digestOf('a')), *Digest::parse(digestOf('b')),
                             *Digest::parse(digestOf('c')), *Digest::parse(digestOf('d')),
                             *Digest::parse(digestOf('e'))});
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(*all, kIndex);
}

TEST(IndexSubset, BytesThatAreNoIndexAreRefused)
{
    for (const std::string &bad :
         {std::string("not json"), std::string("[]"), std::string(R"({"manifests":{}})"),
          std::string(R"({"manifests":[{"digest":5}]})"), std::string(R"({"manifests":[7]})"),
          std::string(R"({"schemaVersion":2})")}) {
        const auto r = indexSubset(bad, {});
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, "MANIFEST_INVALID") << bad;
    }
}
