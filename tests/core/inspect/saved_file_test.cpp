// Saving a file out of an image: a new file whole, a file there replaced
// whole, a symbolic link at the path replaced itself — never written
// through to where it points.
#include "inspect/saved_file.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace {

std::string read(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(SavedFile, ANewFileAReplacedFileAndALinkThatIsNotFollowed)
{
    berth::test::TempDir dir;
    const auto file = dir.path() / "nginx.conf";
    ASSERT_TRUE(berth::inspect::saveFile(file.string(), "one", 04755).ok());
    EXPECT_EQ(read(file), "one");
    struct stat st
    {
    };
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755U) << "setuid is not kept on a saved file";
    ASSERT_TRUE(berth::inspect::saveFile(file.string(), "two").ok());
    EXPECT_EQ(read(file), "two");

    const auto target = dir.path() / "precious";
    {
        std::ofstream(target) << "keep";
    }
    const auto link = dir.path() / "link";
    std::filesystem::create_symlink(target, link);
    ASSERT_TRUE(berth::inspect::saveFile(link.string(), "saved").ok());
    EXPECT_EQ(read(target), "keep");
    EXPECT_FALSE(std::filesystem::is_symlink(link));
    EXPECT_EQ(read(link), "saved");

    auto refused = berth::inspect::saveFile((dir.path() / "no/such/folder/x").string(), "x");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "IO");
    int left = 0;
    for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator(dir.path()))
        ++left;
    EXPECT_EQ(left, 3) << "no temporary file is left behind";
}

} // namespace
