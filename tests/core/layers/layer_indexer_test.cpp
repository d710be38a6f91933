#include "layers/layer_indexer.h"

#include "support/layer_tar.h"
#include "support/memory_byte_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace berth::layers {
namespace {

using test::LayerTar;
using test::MemoryByteSource;

const oci::Digest &someDigest()
{
    static const oci::Digest digest = oci::Digest::sha256Of("a layer");
    return digest;
}

Result<LayerIndex> indexOf(const std::string &blob, const IndexLimits &limits = {})
{
    MemoryByteSource source(blob);
    return indexLayer(source, someDigest(), limits);
}

const FileEntry *entryAt(const LayerIndex &index, const std::string &path)
{
    const auto it = std::find_if(index.entries.begin(), index.entries.end(),
                                 [&](const FileEntry &e) { return e.path == path; });
    return it == index.entries.end() ? nullptr : &*it;
}

std::string everyKind(LayerTar::Compression compression)
{
    const std::string longFolder(180, 'd');
    return LayerTar(compression)
        .dir("./")
        .dir("./etc/")
        .file("./etc/app.conf", "port=80\n", {0640, 1000, 1001, 1'650'000'000})
        .symlink("./etc/link", "../usr/lib/target")
        .hardlink("./etc/same.conf", "./etc/app.conf")
        .device("./dev/null")
        .device("./dev/sda", AE_IFBLK)
        .device("./run/pipe", AE_IFIFO)
        .file(longFolder + "/" + longFolder + "/deep.txt", "deep")
        .whiteout("var", "gone")
        .opaque("srv")
        .file("var/.wh..wh.plnk", "")
        .take();
}

TEST(LayerIndexerTest, ListsEveryKindOfEntryWithWhatAContainerSees)
{
    const std::string blob = everyKind(LayerTar::Compression::Gzip);
    auto index = indexOf(blob);
    ASSERT_TRUE(index.ok()) << index.error().message;
    EXPECT_EQ(index->digest, someDigest());
    EXPECT_EQ(index->blobBytes, static_cast<std::int64_t>(blob.size()));
    EXPECT_GT(index->tarBytes, index->blobBytes);
    EXPECT_EQ(index->renamedEntries, 0U);

    std::vector<std::string> paths;
    for (const FileEntry &e : index->entries)
        paths.push_back(e.path);
    const std::string longFolder(180, 'd');
    EXPECT_EQ(paths, (std::vector<std::string>{"etc", "etc/app.conf", "etc/link", "etc/same.conf",
                                               "dev/null", "dev/sda", "run/pipe",
                                               longFolder + "/" + longFolder + "/deep.txt",
                                               "var/gone", "srv"}));
    const FileEntry *conf = entryAt(*index, "etc/app.conf");
    ASSERT_NE(conf, nullptr);
    EXPECT_EQ(conf->type, EntryType::File);
    EXPECT_EQ(conf->size, 8);
    EXPECT_EQ(conf->mode, 0640U);
    EXPECT_EQ(conf->uid, 1000U);
    EXPECT_EQ(conf->gid, 1001U);
    EXPECT_EQ(conf->mtime, 1'650'000'000);
    EXPECT_NE(conf->content, (std::array<std::uint8_t, 16>{}));
    EXPECT_EQ(entryAt(*index, "etc")->type, EntryType::Directory);
    EXPECT_EQ(entryAt(*index, "etc/link")->type, EntryType::Symlink);
    EXPECT_EQ(entryAt(*index, "etc/link")->linkTarget, "../usr/lib/target");
    EXPECT_EQ(entryAt(*index, "etc/same.conf")->type, EntryType::Hardlink);
    EXPECT_EQ(entryAt(*index, "etc/same.conf")->linkTarget, "etc/app.conf");
    EXPECT_EQ(entryAt(*index, "dev/null")->type, EntryType::CharDevice);
    EXPECT_EQ(entryAt(*index, "dev/sda")->type, EntryType::BlockDevice);
    EXPECT_EQ(entryAt(*index, "run/pipe")->type, EntryType::Fifo);
    EXPECT_EQ(entryAt(*index, "var/gone")->type, EntryType::Whiteout);
    EXPECT_EQ(entryAt(*index, "srv")->type, EntryType::OpaqueWhiteout);
}

TEST(LayerIndexerTest, PlainGzipAndZstdLayersGiveOneIndex)
{
    auto plain = indexOf(everyKind(LayerTar::Compression::None));
    auto gzip = indexOf(everyKind(LayerTar::Compression::Gzip));
    auto zstd = indexOf(everyKind(LayerTar::Compression::Zstd));
    ASSERT_TRUE(plain.ok() && gzip.ok() && zstd.ok());
    EXPECT_EQ(plain->entries, gzip->entries);
    EXPECT_EQ(plain->entries, zstd->entries);
    EXPECT_EQ(plain->tarBytes, plain->blobBytes);
    EXPECT_EQ(plain->tarBytes, zstd->tarBytes);
}

TEST(LayerIndexerTest, SameContentsHashAlikeAndOtherContentsDiffer)
{
    auto index = indexOf(
        LayerTar().file("a", "same").file("b", "same").file("c", "other").file("d", "").take());
    ASSERT_TRUE(index.ok());
    const auto &e = index->entries;
    EXPECT_EQ(e[0].content, e[1].content);
    EXPECT_NE(e[0].content, e[2].content);
    EXPECT_NE(e[3].content, e[2].content);
}

TEST(LayerIndexerTest, NamesThatLeaveTheRootLandUnderItAndAreCounted)
{
    auto index = indexOf(LayerTar()
                             .file("/etc/passwd", "root")
                             .file("../../../etc/shadow", "x")
                             .file("usr/../../bin/sh", "y")
                             .file("usr/./lib//x", "z")
                             .take());
    ASSERT_TRUE(index.ok()) << index.error().message;
    std::vector<std::string> paths;
    for (const FileEntry &e : index->entries)
        paths.push_back(e.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"etc/passwd", "etc/shadow", "bin/sh", "usr/lib/x"}));
    EXPECT_EQ(index->renamedEntries, 3U);
}

TEST(LayerIndexerTest, AnEmptyBlobOrAnEmptyTarIsAnEmptyLayer)
{
    auto none = indexOf("");
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_TRUE(none->entries.empty());
    auto empty = indexOf(LayerTar().take());
    ASSERT_TRUE(empty.ok()) << empty.error().message;
    EXPECT_TRUE(empty->entries.empty());
}

TEST(LayerIndexerTest, WhatIsNoTarOrIsCutShortIsRefused)
{
    std::mt19937 random(7);
    std::string noise(100'000, '\0');
    for (char &c : noise)
        c = static_cast<char>(random());
    auto noTar = indexOf(noise);
    ASSERT_FALSE(noTar.ok());
    EXPECT_EQ(noTar.error().code, "LAYER_INVALID");

    const std::string blob =
        LayerTar().file("big", std::string(200'000, 'x')).file("b", "b").take();
    for (const std::size_t keep : {blob.size() / 2, blob.size() - 20, std::size_t{30}}) {
        auto cut = indexOf(blob.substr(0, keep));
        ASSERT_FALSE(cut.ok()) << "kept " << keep;
        EXPECT_EQ(cut.error().code, "LAYER_INVALID") << cut.error().message;
    }
    std::string damaged = LayerTar(LayerTar::Compression::None).file("a", "aaaa").take();
    damaged[150] ^= 0x5a; // inside the header: its checksum no longer holds
    auto bad = indexOf(damaged);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "LAYER_INVALID");
}

TEST(LayerIndexerTest, TooManyEntriesOrAnExpandingBombStopAtTheLimit)
{
    LayerTar many;
    for (int i = 0; i < 50; ++i)
        many.file("f" + std::to_string(i), "");
    const std::string blob = many.take();
    auto counted = indexOf(blob, {50, std::int64_t{1} << 30});
    ASSERT_TRUE(counted.ok());
    auto tooMany = indexOf(blob, {49, std::int64_t{1} << 30});
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.error().code, "LAYER_TOO_LARGE");
    EXPECT_NE(tooMany.error().message.find("49 entries"), std::string::npos);

    // 64 MiB of zeros are a 64 KiB gzip: the limit stops it inside the file.
    const std::string bomb = LayerTar().file("zeros", std::string(64 << 20, '\0')).take();
    ASSERT_LT(bomb.size(), 1U << 20);
    MemoryByteSource source(bomb);
    auto stopped = indexLayer(source, someDigest(), {1000, 8 << 20});
    ASSERT_FALSE(stopped.ok());
    EXPECT_LT(source.consumed(), bomb.size() / 2); // stopped early, not after the whole file
    EXPECT_EQ(stopped.error().code, "LAYER_TOO_LARGE");
    EXPECT_NE(stopped.error().message.find("8 MiB"), std::string::npos);
}

TEST(LayerIndexerTest, TheSourcesOwnErrorIsReturned)
{
    std::mt19937 random(3);
    std::string noise(300'000, '\0');
    for (char &c : noise)
        c = static_cast<char>(random());
    const std::string blob = LayerTar().file("big", noise).take();
    MemoryByteSource source(blob, 1000);
    source.failAfter(2000, makeError("CANCELLED", "stopped"));
    auto index = indexLayer(source, someDigest());
    ASSERT_FALSE(index.ok());
    EXPECT_EQ(index.error().code, "CANCELLED");
}

TEST(LayerIndexerTest, BytesAfterTheTarAreReadToTheEnd)
{
    std::string blob = LayerTar(LayerTar::Compression::None).file("a", "a").take();
    const std::size_t tar = blob.size();
    blob.append(8192, '\0');
    auto index = indexOf(blob);
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(index->blobBytes, static_cast<std::int64_t>(blob.size()));
    EXPECT_LE(index->tarBytes, static_cast<std::int64_t>(blob.size()));
    EXPECT_GE(index->tarBytes, static_cast<std::int64_t>(tar) - 1024);
}

} // namespace
} // namespace berth::layers
