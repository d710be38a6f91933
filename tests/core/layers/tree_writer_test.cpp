#include "layers/tree_writer.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace berth::layers {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Status file(TreeWriter &writer, const std::string &path, const std::string &bytes,
            std::uint32_t mode = 0644)
{
    if (Status begun = writer.beginFile(path, mode); !begun.ok())
        return begun;
    if (Status written = writer.write(bytes); !written.ok())
        return written;
    return writer.endFile();
}

TEST(TreeWriterTest, AFolderOfAnImageAppearsWholeWithItsLinks)
{
    berth::test::TempDir dir;
    const fs::path out = dir.path() / "etc";
    auto writer = TreeWriter::create(out);
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    ASSERT_TRUE((*writer)->folder("nginx", 0750).ok());
    ASSERT_TRUE(file(**writer, "nginx/nginx.conf", "worker_processes 1;\n", 04755).ok());
    ASSERT_TRUE((*writer)->symlink("nginx/current", "nginx.conf").ok());
    ASSERT_TRUE((*writer)->hardlink("nginx/same.conf", "nginx/nginx.conf").ok());
    ASSERT_TRUE(file(**writer, "deep/er/file", "implicit folders").ok());
    ASSERT_TRUE((*writer)->folder("ro", 0555).ok());
    ASSERT_TRUE(file(**writer, "ro/inside", "a read-only folder still takes its files").ok());
    EXPECT_FALSE(fs::exists(out)) << "nothing at the destination before commit";
    ASSERT_TRUE((*writer)->commit().ok());
    EXPECT_EQ(read(out / "nginx/nginx.conf"), "worker_processes 1;\n");
    EXPECT_EQ(fs::read_symlink(out / "nginx/current"), "nginx.conf");
    EXPECT_EQ(fs::hard_link_count(out / "nginx/nginx.conf"), 2U);
    EXPECT_EQ(read(out / "deep/er/file"), "implicit folders");
    struct stat st
    {
    };
    ASSERT_EQ(::stat((out / "nginx/nginx.conf").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755U) << "setuid dropped";
    ASSERT_EQ(::stat((out / "nginx").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0750U);
    ASSERT_EQ(::stat((out / "ro").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0555U);
    EXPECT_EQ(read(out / "ro/inside"), "a read-only folder still takes its files");
    fs::permissions(out / "ro", fs::perms::owner_all); // so that TempDir can remove it
}

TEST(TreeWriterTest, ALinkInTheImageIsNeverFollowedOutOfTheFolder)
{
    berth::test::TempDir dir;
    const fs::path outside = dir.path() / "outside";
    fs::create_directory(outside);
    auto writer = TreeWriter::create(dir.path() / "saved");
    ASSERT_TRUE(writer.ok());
    // A layer makes "a" a link to a folder outside, then writes through it.
    ASSERT_TRUE((*writer)->symlink("a", outside.string()).ok());
    auto through = file(**writer, "a/passwd", "owned");
    ASSERT_FALSE(through.ok());
    EXPECT_EQ(through.error().code, "REFUSED");
    EXPECT_FALSE((*writer)->folder("a", 0755).ok()) << "a link is no folder";
    // A link at the file's own path is replaced, not written through.
    ASSERT_TRUE((*writer)->symlink("b", (outside / "b").string()).ok());
    ASSERT_TRUE(file(**writer, "b", "replaced").ok());
    // Names that climb or are absolute are refused before anything is written.
    EXPECT_EQ((*writer)->beginFile("../escape", 0644).error().code, "REFUSED");
    EXPECT_EQ((*writer)->beginFile("/etc/x", 0644).error().code, "REFUSED");
    EXPECT_EQ((*writer)->hardlink("c", "../../outside/b").error().code, "REFUSED");
    ASSERT_TRUE((*writer)->commit().ok());
    EXPECT_TRUE(fs::is_empty(outside)) << "nothing was written outside the folder";
    EXPECT_EQ(read(dir.path() / "saved/b"), "replaced");
}

TEST(TreeWriterTest, AnUnfinishedSaveLeavesNothingAndAnExistingFolderIsKept)
{
    berth::test::TempDir dir;
    {
        auto writer = TreeWriter::create(dir.path() / "saved");
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE(file(**writer, "x", "x").ok());
    }
    EXPECT_TRUE(fs::is_empty(dir.path())) << "the hidden folder went with the writer";
    fs::create_directory(dir.path() / "kept");
    auto busy = TreeWriter::create(dir.path() / "kept");
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().code, "BUSY");
}

} // namespace
} // namespace berth::layers
