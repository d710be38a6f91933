#include "oci/digest.h"
#include "oci/digest_hasher.h"

#include <gtest/gtest.h>

#include <string>

using berth::oci::Digest;
using berth::oci::DigestAlgorithm;
using berth::oci::DigestHasher;

namespace {
const std::string kEmptySha256 =
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}

TEST(Digest, ParsesValidSha256)
{
    auto d = Digest::parse(kEmptySha256);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->algorithm(), DigestAlgorithm::Sha256);
    EXPECT_EQ(d->toString(), kEmptySha256);
    EXPECT_EQ(d->shortString(), "sha256:e3b0c44298fc");
}

TEST(Digest, ParsesValidSha512)
{
    const std::string text = "sha512:" + std::string(128, 'a');
    auto d = Digest::parse(text);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->algorithm(), DigestAlgorithm::Sha512);
}

TEST(Digest, RejectsHostileInput)
{
    const std::string hex64(64, 'a');
    const char *const bad[] = {
        "",
        "sha256",
        "sha256:",
        ":abc",
        "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
        "sha256:../../../../etc/passwd",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\n",
        "-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256+:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256::e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    };
    for (const char *text : bad) {
        auto d = Digest::parse(text);
        EXPECT_FALSE(d.ok()) << "accepted: " << text;
        if (!d.ok()) {
            EXPECT_EQ(d.error().code, "DIGEST_INVALID") << text;
            EXPECT_FALSE(d.error().message.empty());
        }
    }
    // An embedded NUL must not truncate validation.
    const std::string withNul =
        std::string("sha256:") + std::string(32, 'a') + '\0' + std::string(31, 'a');
    EXPECT_FALSE(Digest::parse(withNul).ok());
    // Huge input gets a bounded message.
    auto huge = Digest::parse(std::string(1 << 20, 'a'));
    ASSERT_FALSE(huge.ok());
    EXPECT_LT(huge.error().message.size(), 300u);
}

TEST(Digest, UnknownButWellFormedAlgorithmIsUnsupported)
{
    auto d = Digest::parse("blake3:" + std::string(64, 'a'));
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, "UNSUPPORTED");
}

TEST(DigestHasher, MatchesKnownVectorsAndStreams)
{
    EXPECT_EQ(Digest::sha256Of("").toString(), kEmptySha256);
    EXPECT_EQ(Digest::sha256Of("abc").toString(),
              "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    DigestHasher hasher;
    hasher.update("a");
    hasher.update("bc");
    EXPECT_EQ(hasher.bytesHashed(), 3u);
    EXPECT_EQ(hasher.finish(), Digest::sha256Of("abc"));
    // finish() resets: the hasher is reusable.
    EXPECT_EQ(hasher.finish().toString(), kEmptySha256);

    DigestHasher sha512(DigestAlgorithm::Sha512);
    sha512.update("abc");
    EXPECT_EQ(sha512.finish().hex().substr(0, 16), "ddaf35a193617aba");
}
