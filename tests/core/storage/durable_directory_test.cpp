// makeDirectoryDurable on a real disk (power cuts: test_power_loss). What
// it remembers must never stop it from making a folder again.
#include "storage/durable_directory.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace berth::storage {
namespace {

namespace fs = std::filesystem;

TEST(DurableDirectory, MakesEveryMissingFolderAndAgainAfterARemoval)
{
    test::TempDir dir;
    const fs::path deep = dir.path() / "a" / "b" / "c";
    ASSERT_TRUE(makeDirectoryDurable(deep).ok());
    EXPECT_TRUE(fs::is_directory(deep));
    // Removed behind its back (a GC, a tag delete): made again, not
    // skipped because it was known durable once.
    fs::remove_all(dir.path() / "a" / "b");
    ASSERT_TRUE(makeDirectoryDurable(deep).ok());
    EXPECT_TRUE(fs::is_directory(deep));
}

TEST(DurableDirectory, TakesARelativePath)
{
    test::TempDir dir;
    const fs::path before = fs::current_path();
    fs::current_path(dir.path());
    const auto made = makeDirectoryDurable("store/docker");
    fs::current_path(before);
    ASSERT_TRUE(made.ok()) << made.error().message;
    EXPECT_TRUE(fs::is_directory(dir.path() / "store" / "docker"));
}

TEST(DurableDirectory, AFileInTheWayIsAnError)
{
    test::TempDir dir;
    std::ofstream(dir.path() / "file") << "x";
    const auto made = makeDirectoryDurable(dir.path() / "file" / "below");
    EXPECT_FALSE(made.ok());
}

} // namespace
} // namespace berth::storage
