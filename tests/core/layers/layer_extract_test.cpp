#include "layers/layer_extract.h"

#include "layers/layer_indexer.h"
#include "layers/tree_writer.h"

#include "support/layer_tar.h"
#include "support/memory_byte_source.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace berth::layers {
namespace {

namespace fs = std::filesystem;
using test::LayerTar;

std::string read(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Result<ExtractCount> extract(
    const std::string &blob, const std::string &folder, TreeWriter &writer,
    const std::function<bool(const FileEntry &)> &wanted = [](const FileEntry &) { return true; })
{
    test::MemoryByteSource source(blob);
    return extractLayer(source, oci::Digest::sha256Of("layer"), folder, wanted, writer);
}

TEST(LayerExtractTest, AFolderOfALayerIsWrittenWithItsLinksAndNothingElse)
{
    berth::test::TempDir dir;
    const std::string blob = LayerTar()
                                 .dir("etc")
                                 .file("etc/passwd", "root:x:0:0\n")
                                 .hardlink("etc/passwd.same", "etc/passwd")
                                 .hardlink("etc/shell", "bin/sh")
                                 .symlink("etc/mtab", "/proc/mounts")
                                 .dir("etc/ssl")
                                 .file("etc/ssl/cert.pem", "PEM")
                                 .device("etc/null")
                                 .whiteout("etc", "gone")
                                 .file("usr/bin/other", "not under etc")
                                 .file("etcetera", "not under etc either")
                                 .take();
    auto writer = TreeWriter::create(dir.path() / "out");
    ASSERT_TRUE(writer.ok());
    auto count = extract(blob, "etc", **writer,
                         [](const FileEntry &e) { return e.path != "etc/ssl/cert.pem"; });
    ASSERT_TRUE(count.ok()) << count.error().message;
    EXPECT_EQ(count->entries, 4); // passwd, its hard link, mtab, ssl
    EXPECT_EQ(count->skipped, 2); // the hard link to /bin/sh, the device
    ASSERT_TRUE((*writer)->commit().ok());
    const fs::path out = dir.path() / "out";
    EXPECT_EQ(read(out / "passwd"), "root:x:0:0\n");
    EXPECT_EQ(fs::hard_link_count(out / "passwd"), 2U);
    EXPECT_EQ(fs::read_symlink(out / "mtab"), "/proc/mounts");
    EXPECT_TRUE(fs::is_directory(out / "ssl"));
    EXPECT_FALSE(fs::exists(out / "ssl/cert.pem")) << "not wanted: a later layer wrote it";
    EXPECT_FALSE(fs::exists(out / "null"));
    EXPECT_FALSE(fs::exists(out / "other"));
}

TEST(LayerExtractTest, ALinkThenAFileThroughItWritesNothingOutside)
{
    berth::test::TempDir dir;
    const fs::path outside = dir.path() / "outside";
    fs::create_directory(outside);
    const std::string blob = LayerTar()
                                 .symlink("app/data", outside.string())
                                 .file("app/data/evil", "owned")
                                 .file("app/ok", "fine")
                                 .take();
    auto writer = TreeWriter::create(dir.path() / "out");
    ASSERT_TRUE(writer.ok());
    auto count = extract(blob, "app", **writer);
    ASSERT_TRUE(count.ok()) << count.error().message;
    EXPECT_EQ(count->skipped, 1);
    ASSERT_TRUE((*writer)->commit().ok());
    EXPECT_TRUE(fs::is_empty(outside));
    EXPECT_EQ(read(dir.path() / "out/ok"), "fine");
}

TEST(LayerExtractTest, ALargeSparseFileStaysSparseAndItsHolesAreNoBomb)
{
    berth::test::TempDir dir;
    const std::int64_t size = std::int64_t{128} << 20;
    const std::string blob = LayerTar().sparseFile("log/lastlog", size, size - 5, "tail!").take();
    ASSERT_LT(blob.size(), 1U << 20);
    // Holes are neither expansion (the limit is 8 MiB here) nor hashed byte by byte.
    test::MemoryByteSource indexed(blob);
    auto index = indexLayer(indexed, oci::Digest::sha256Of("sparse"), {1000, 8 << 20});
    ASSERT_TRUE(index.ok()) << index.error().message;
    EXPECT_EQ(index->entries[0].size, size);

    auto writer = TreeWriter::create(dir.path() / "out");
    ASSERT_TRUE(writer.ok());
    test::MemoryByteSource source(blob);
    auto count = extractLayer(source, oci::Digest::sha256Of("sparse"), "log",
                              [](const FileEntry &) { return true; }, **writer, {1000, 8 << 20});
    ASSERT_TRUE(count.ok()) << count.error().message;
    ASSERT_TRUE((*writer)->commit().ok());
    const fs::path saved = dir.path() / "out/lastlog";
    EXPECT_EQ(fs::file_size(saved), static_cast<std::uintmax_t>(size));
    struct stat st
    {
    };
    ASSERT_EQ(::stat(saved.c_str(), &st), 0);
    EXPECT_LT(st.st_blocks * 512, 1 << 20) << "written as a hole, not as zeros";
    std::ifstream in(saved, std::ios::binary);
    in.seekg(size - 5);
    std::string tail(5, '\0');
    in.read(tail.data(), 5);
    EXPECT_EQ(tail, "tail!");
}

TEST(LayerExtractTest, ABombStopsAndTheWriterLeavesNothing)
{
    berth::test::TempDir dir;
    const std::string bomb = LayerTar().file("app/zeros", std::string(64 << 20, '\0')).take();
    {
        auto writer = TreeWriter::create(dir.path() / "out");
        ASSERT_TRUE(writer.ok());
        test::MemoryByteSource source(bomb);
        auto count =
            extractLayer(source, oci::Digest::sha256Of("bomb"), "app",
                         [](const FileEntry &) { return true; }, **writer, {1000, 8 << 20});
        ASSERT_FALSE(count.ok());
        EXPECT_EQ(count.error().code, "LAYER_TOO_LARGE");
    }
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

} // namespace
} // namespace berth::layers
