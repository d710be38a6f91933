#include "layers/entry_contents.h"

#include "support/layer_tar.h"
#include "support/memory_byte_source.h"

#include <gtest/gtest.h>

namespace berth::layers {
namespace {

using test::LayerTar;
using test::MemoryByteSource;

const oci::Digest &someDigest()
{
    static const oci::Digest digest = oci::Digest::sha256Of("a layer");
    return digest;
}

struct Read
{
    Result<FileEntry> entry;
    std::string bytes;
    std::size_t consumed = 0;
};

Read readOf(const std::string &blob, std::string_view path, std::int64_t max = 1 << 20,
            const IndexLimits &limits = {})
{
    MemoryByteSource source(blob);
    MemoryEntrySink sink(max);
    auto entry = readEntryContents(source, someDigest(), path, sink, limits);
    return {std::move(entry), sink.take(), source.consumed()};
}

TEST(EntryContentsTest, AFilesBytesComeOutAndTheLastListingWins)
{
    const std::string blob = LayerTar()
                                 .dir("etc")
                                 .file("etc/nginx.conf", "first")
                                 .file("etc/other", "x")
                                 .file("./etc/nginx.conf", "second, the one applied")
                                 .take();
    const Read read = readOf(blob, "etc/nginx.conf");
    ASSERT_TRUE(read.entry.ok()) << read.entry.error().message;
    EXPECT_EQ(read.bytes, "second, the one applied");
    EXPECT_EQ(read.entry->size, 23);
    EXPECT_EQ(read.consumed, blob.size()); // read to the end: the digest sees every byte
}

TEST(EntryContentsTest, LinksFoldersAndAbsentPathsSayWhatTheyAre)
{
    const std::string blob = LayerTar()
                                 .dir("bin")
                                 .file("bin/busybox", "elf")
                                 .hardlink("bin/sh", "bin/busybox")
                                 .symlink("bin/ls", "busybox")
                                 .take();
    const Read link = readOf(blob, "bin/sh");
    ASSERT_TRUE(link.entry.ok());
    EXPECT_EQ(link.entry->type, EntryType::Hardlink);
    EXPECT_EQ(link.entry->linkTarget, "bin/busybox");
    EXPECT_EQ(link.bytes, "");
    const Read symlink = readOf(blob, "bin/ls");
    ASSERT_TRUE(symlink.entry.ok());
    EXPECT_EQ(symlink.entry->linkTarget, "busybox");
    const Read folder = readOf(blob, "bin");
    ASSERT_TRUE(folder.entry.ok());
    EXPECT_EQ(folder.entry->type, EntryType::Directory);
    const Read absent = readOf(blob, "bin/cat");
    ASSERT_FALSE(absent.entry.ok());
    EXPECT_EQ(absent.entry.error().code, "NOT_FOUND");
}

TEST(EntryContentsTest, ASparseFileReadsAsItsZerosAndHashesAsTheDenseOne)
{
    std::string dense(100'000, '\0');
    dense.replace(60'000, 5, "hello");
    const std::string sparse = LayerTar().sparseFile("disk.img", 100'000, 60'000, "hello").take();
    const Read read = readOf(sparse, "disk.img");
    ASSERT_TRUE(read.entry.ok()) << read.entry.error().message;
    EXPECT_EQ(read.bytes.size(), dense.size());
    EXPECT_EQ(read.bytes.find("hello"), 60'000U); // not the whole string: it is mostly zeros
    EXPECT_TRUE(read.bytes == dense);

    MemoryByteSource a(sparse);
    const std::string denseBlob = LayerTar().file("disk.img", dense).take();
    MemoryByteSource b(denseBlob);
    auto sparseIndex = indexLayer(a, someDigest());
    auto denseIndex = indexLayer(b, someDigest());
    ASSERT_TRUE(sparseIndex.ok() && denseIndex.ok());
    EXPECT_EQ(sparseIndex->entries[0].size, 100'000);
    EXPECT_EQ(sparseIndex->entries[0].content, denseIndex->entries[0].content);
}

TEST(EntryContentsTest, TooLargeForMemoryOrABombPassedOverStopEarly)
{
    const std::string blob = LayerTar().file("big", std::string(5000, 'b')).take();
    const Read tooLarge = readOf(blob, "big", 1000);
    ASSERT_FALSE(tooLarge.entry.ok());
    EXPECT_EQ(tooLarge.entry.error().code, "TOO_LARGE");

    const std::string bomb =
        LayerTar().file("zeros", std::string(64 << 20, '\0')).file("wanted", "w").take();
    const Read stopped = readOf(bomb, "wanted", 1 << 20, {1000, 8 << 20});
    ASSERT_FALSE(stopped.entry.ok());
    EXPECT_EQ(stopped.entry.error().code, "LAYER_TOO_LARGE");
    EXPECT_LT(stopped.consumed, bomb.size() / 2);
}

} // namespace
} // namespace berth::layers
