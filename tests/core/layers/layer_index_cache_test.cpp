#include "layers/layer_index_cache.h"

#include "layers/layer_index_codec.h"

#include "support/layer_indexes.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>

namespace berth::layers {
namespace {

namespace fs = std::filesystem;

LayerIndex indexNamed(const std::string &name, int files = 3)
{
    std::vector<FileEntry> entries;
    for (int i = 0; i < files; ++i)
        entries.push_back(test::file(name + "/file" + std::to_string(i), i));
    LayerIndex index = test::layer(std::move(entries));
    index.digest = oci::Digest::sha256Of(name);
    return index;
}

fs::path onlyFileIn(const fs::path &dir)
{
    fs::path found;
    for (const auto &f : fs::directory_iterator(dir))
        found = f.path();
    return found;
}

TEST(LayerIndexCacheTest, AnIndexStoredIsThereForTheNextProcess)
{
    berth::test::TempDir dir;
    const LayerIndex index = indexNamed("a");
    ASSERT_TRUE(LayerIndexCache(dir.path() / "layers").store(index).ok());
    const LayerIndexCache again(dir.path() / "layers");
    auto loaded = again.load(index.digest);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(*loaded, index);
    EXPECT_FALSE(again.load(oci::Digest::sha256Of("never")).has_value());
    EXPECT_GT(again.size(), 0);
}

TEST(LayerIndexCacheTest, ADamagedFileIsRemovedAndReadsAsAbsent)
{
    berth::test::TempDir dir;
    const LayerIndexCache cache(dir.path());
    const LayerIndex index = indexNamed("a");
    ASSERT_TRUE(cache.store(index).ok());
    const fs::path file = onlyFileIn(dir.path());
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(-3, std::ios::end);
        f.put('\xff');
    }
    EXPECT_FALSE(cache.load(index.digest).has_value());
    EXPECT_FALSE(fs::exists(file));
    ASSERT_TRUE(cache.store(index).ok()); // rebuilt
    EXPECT_TRUE(cache.load(index.digest).has_value());
}

TEST(LayerIndexCacheTest, PastItsBoundTheLeastRecentlyOpenedGo)
{
    berth::test::TempDir dir;
    const LayerIndex a = indexNamed("a", 100);
    const LayerIndex b = indexNamed("b", 100);
    const LayerIndex c = indexNamed("c", 100);
    const auto one = static_cast<std::int64_t>(encodeLayerIndex(a).size());
    const LayerIndexCache cache(dir.path(), one * 2 + one / 2);
    ASSERT_TRUE(cache.store(a).ok());
    ASSERT_TRUE(cache.store(b).ok());
    // Opened in the order b, a: a is the most recent (times set, not waited for).
    const auto now = fs::file_time_type::clock::now();
    for (const auto &f : fs::directory_iterator(dir.path()))
        fs::last_write_time(f.path(), now - std::chrono::hours(1));
    ASSERT_TRUE(cache.load(a.digest).has_value());
    ASSERT_TRUE(cache.store(c).ok());
    EXPECT_TRUE(cache.load(a.digest).has_value());
    EXPECT_FALSE(cache.load(b.digest).has_value());
    EXPECT_TRUE(cache.load(c.digest).has_value());
    EXPECT_LE(cache.size(), one * 2 + one / 2);
}

// A bound made smaller (Preferences) applies at the next store.
TEST(LayerIndexCacheTest, ASmallerBoundTrimsAtTheNextStore)
{
    berth::test::TempDir dir;
    const LayerIndex a = indexNamed("a", 100);
    const LayerIndex b = indexNamed("b", 100);
    const LayerIndex c = indexNamed("c", 100);
    const auto one = static_cast<std::int64_t>(encodeLayerIndex(a).size());
    LayerIndexCache cache(dir.path());
    ASSERT_TRUE(cache.store(a).ok());
    ASSERT_TRUE(cache.store(b).ok());
    EXPECT_EQ(cache.maxBytes(), LayerIndexCache::kDefaultMaxBytes);
    cache.setMaxBytes(one + one / 2);
    EXPECT_EQ(cache.size(), 2 * one) << "nothing goes before the next store";
    ASSERT_TRUE(cache.store(c).ok());
    EXPECT_LE(cache.size(), one + one / 2);
    EXPECT_TRUE(cache.load(c.digest).has_value()) << "the newest stays";
}

TEST(LayerIndexCacheTest, AFolderThatCannotBeWrittenSaysSo)
{
    berth::test::TempDir dir;
    std::ofstream(dir.path() / "file") << "x";
    const LayerIndexCache cache(dir.path() / "file" / "layers");
    auto stored = cache.store(indexNamed("a"));
    ASSERT_FALSE(stored.ok());
    EXPECT_EQ(stored.error().code, "IO");
}

} // namespace
} // namespace berth::layers
