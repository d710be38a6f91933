#include "layers/layer_index_codec.h"

#include "support/layer_indexes.h"

#include <gtest/gtest.h>

namespace berth::layers {
namespace {

LayerIndex sample()
{
    LayerIndex index = test::layer({test::folder("etc"), test::file("etc/a", 12),
                                    test::special("etc/l", EntryType::Symlink, "/x/y"),
                                    test::special("etc/h", EntryType::Hardlink, "etc/a"),
                                    test::special("", EntryType::OpaqueWhiteout)});
    index.digest = oci::Digest::sha256Of("layer");
    index.blobBytes = 1000;
    index.tarBytes = 4000;
    index.renamedEntries = 2;
    index.entries[1].uid = 70000;
    index.entries[1].mtime = -5;
    return index;
}

// The encoded form with its body replaced and sealed again: what a
// deliberate forger (not a torn write) could leave in the cache folder.
std::string resealed(std::string encoded, std::size_t at, char byte)
{
    encoded[at] = byte;
    const std::string body = encoded.substr(8 + 4 + 8 + 64);
    const std::string hash = oci::Digest::sha256Of(body).hex();
    encoded.replace(8 + 4 + 8, 64, hash);
    return encoded;
}

TEST(LayerIndexCodecTest, AnIndexComesBackAsItWasWritten)
{
    const LayerIndex index = sample();
    auto decoded = decodeLayerIndex(encodeLayerIndex(index), index.digest);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(*decoded, index);
}

TEST(LayerIndexCodecTest, AnyFlippedByteOrCutIsRefused)
{
    const LayerIndex index = sample();
    const std::string encoded = encodeLayerIndex(index);
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        std::string flipped = encoded;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
        auto decoded = decodeLayerIndex(flipped, index.digest);
        ASSERT_FALSE(decoded.ok()) << "byte " << i;
        EXPECT_EQ(decoded.error().code, "INDEX_INVALID");
    }
    for (std::size_t keep = 0; keep < encoded.size(); ++keep)
        ASSERT_FALSE(decodeLayerIndex(encoded.substr(0, keep), index.digest).ok()) << keep;
    EXPECT_FALSE(decodeLayerIndex(encoded + "x", index.digest).ok());
}

TEST(LayerIndexCodecTest, AnIndexOfAnotherLayerIsRefused)
{
    const LayerIndex index = sample();
    auto other = decodeLayerIndex(encodeLayerIndex(index), oci::Digest::sha256Of("other"));
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.error().message.find("another layer"), std::string::npos);
}

TEST(LayerIndexCodecTest, AForgedBodyWithAValidChecksumIsStillChecked)
{
    const LayerIndex index = sample();
    const std::string encoded = encodeLayerIndex(index);
    const std::size_t body = 8 + 4 + 8 + 64;
    const std::size_t header = body + 4 + index.digest.toString().size() + 8 + 8 + 4;
    const std::size_t firstEntry = header + 8;
    // The entry count claims far more than the bytes hold.
    EXPECT_FALSE(decodeLayerIndex(resealed(encoded, header + 5, '\x7f'), index.digest).ok());
    // An entry type past the last one.
    EXPECT_FALSE(decodeLayerIndex(resealed(encoded, firstEntry, '\x40'), index.digest).ok());
    // Paths that are not plain: "etc" made "/tc", then "../".
    EXPECT_FALSE(decodeLayerIndex(resealed(encoded, firstEntry + 1 + 4, '/'), index.digest).ok());
    std::string climbing = resealed(encoded, firstEntry + 1 + 4, '.');
    climbing = resealed(climbing, firstEntry + 1 + 4 + 1, '.');
    climbing = resealed(climbing, firstEntry + 1 + 4 + 2, '/');
    EXPECT_FALSE(decodeLayerIndex(climbing, index.digest).ok());
    // A mode with more than permission bits.
    const std::size_t mode = firstEntry + 1 + 4 + 3 + 8;
    EXPECT_FALSE(decodeLayerIndex(resealed(encoded, mode + 2, '\x01'), index.digest).ok());
    // The untouched one still decodes.
    EXPECT_TRUE(decodeLayerIndex(resealed(encoded, 0, 'B'), index.digest).ok());
}

} // namespace
} // namespace berth::layers
