// berth-crash-fs itself, through the real kernel FUSE path: a crash keeps
// exactly what fsync made durable (drop), or a seeded subset of the rest
// (subset); the n-th change fails as the power goes before it.
#include "support/crash_fs_mount.h"
#include "support/temp_dir.h"
#include "support/wait_for.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <future>
#include <iterator>
#include <set>
#include <string>

namespace berth::test {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Writes `text` to `path` (created or replaced); fsyncs it when asked.
bool writeFile(const fs::path &path, const std::string &text, bool sync)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    if (sync)
        ok = ok && ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
}

bool syncFolder(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Every path under `root` with its contents ("dir/" for a folder).
std::set<std::string> listing(const fs::path &root)
{
    std::set<std::string> out;
    for (const fs::directory_entry &e : fs::recursive_directory_iterator(root)) {
        const std::string rel = e.path().lexically_relative(root).string();
        out.insert(e.is_directory() ? rel + "/" : rel + "=" + readFile(e.path()));
    }
    return out;
}

class CrashFs : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_state = m_dir.path() / "state";
        m_mountPoint = m_dir.path() / "mnt";
        fs::create_directories(m_state);
        fs::create_directories(m_mountPoint);
    }
    std::unique_ptr<CrashFsMount> mount(CrashFsMount::Model model = CrashFsMount::Model::Drop,
                                        std::uint64_t seed = 1)
    {
        auto m = std::make_unique<CrashFsMount>(BERTH_CRASH_FS_BINARY, m_state, m_mountPoint, model,
                                                seed);
        if (!m->mounted())
            return nullptr;
        return m;
    }

    TempDir m_dir;
    fs::path m_state;
    fs::path m_mountPoint;
};

TEST_F(CrashFs, AWriteWithoutFsyncIsLostAndAnFsyncedOneKept)
{
    writeFile(m_state / "old", "before", false); // on the disk when it mounts
    auto fs = mount();
    ASSERT_TRUE(fs) << "no FUSE here (/dev/fuse, fusermount3)";
    const fs::path root = fs->path();
    ASSERT_TRUE(writeFile(root / "old", "overwritten, not synced", false));
    EXPECT_EQ(readFile(root / "old"), "overwritten, not synced") << "seen while it runs";
    ASSERT_TRUE(writeFile(root / "synced", "kept", true));
    ASSERT_TRUE(syncFolder(root));
    ASSERT_TRUE(writeFile(root / "lost", "not synced", false));
    ASSERT_TRUE(fs->crash());
    // A dead disk until it is unmounted.
    EXPECT_FALSE(writeFile(root / "after", "x", true));
    EXPECT_EQ(fs->status("crashed"), 1);
    fs->unmount();
    EXPECT_EQ(listing(m_state), (std::set<std::string>{"old=before", "synced=kept"}));
}

TEST_F(CrashFs, ANameIsDurableOnlyOnceItsFolderIsSynced)
{
    auto fs = mount();
    ASSERT_TRUE(fs) << "no FUSE here (/dev/fuse, fusermount3)";
    const fs::path root = fs->path();
    const fs::path d = root / "d";
    ASSERT_TRUE(fs::create_directory(d));
    ASSERT_TRUE(syncFolder(root));
    ASSERT_TRUE(writeFile(d / "tmp", "new", true));
    ASSERT_TRUE(writeFile(d / "moved", "m", true));
    ASSERT_TRUE(writeFile(d / "across", "a", true));
    ASSERT_TRUE(syncFolder(d));
    // The classic: fsync(file), rename, fsync(folder) — it survives.
    ASSERT_EQ(::rename((d / "tmp").c_str(), (d / "final").c_str()), 0);
    ASSERT_TRUE(syncFolder(d));
    // Moved to a folder that is synced, from one that is not: both names.
    ASSERT_EQ(::rename((d / "across").c_str(), (root / "across").c_str()), 0);
    ASSERT_TRUE(syncFolder(root));
    // A rename whose folder was not synced: the old name comes back.
    ASSERT_EQ(::rename((d / "moved").c_str(), (d / "renamed").c_str()), 0);
    // A synced file whose name was not: lost with its name.
    ASSERT_TRUE(writeFile(d / "orphan", "synced", true));
    // A folder made and synced inside one whose name was not synced: gone.
    ASSERT_TRUE(fs::create_directories(root / "e" / "f"));
    ASSERT_TRUE(writeFile(root / "e" / "f" / "x", "x", true));
    ASSERT_TRUE(syncFolder(root / "e" / "f"));
    ASSERT_TRUE(syncFolder(root / "e"));
    ASSERT_TRUE(fs->crash());
    fs->unmount();
    EXPECT_EQ(listing(m_state),
              (std::set<std::string>{"d/", "d/final=new", "d/moved=m", "d/across=a", "across=a"}));
}

TEST_F(CrashFs, ACleanUnmountKeepsEverything)
{
    auto fs = mount();
    ASSERT_TRUE(fs) << "no FUSE here (/dev/fuse, fusermount3)";
    ASSERT_TRUE(fs::create_directories(fs->path() / "a" / "b"));
    ASSERT_TRUE(writeFile(fs->path() / "a" / "b" / "c", "never synced", false));
    ASSERT_EQ(::symlink("b/c", (fs->path() / "a" / "link").c_str()), 0);
    EXPECT_GT(fs->status("pending"), 0);
    fs->unmount();
    EXPECT_EQ(listing(m_state),
              (std::set<std::string>{"a/", "a/b/", "a/b/c=never synced", "a/link=never synced"}));
    EXPECT_EQ(fs::read_symlink(m_state / "a" / "link"), "b/c");
}

TEST_F(CrashFs, TheNthChangeFailsAsThePowerGoesBeforeIt)
{
    auto fs = mount();
    ASSERT_TRUE(fs) << "no FUSE here (/dev/fuse, fusermount3)";
    const fs::path root = fs->path();
    const std::int64_t before = fs->status("changes");
    ASSERT_TRUE(fs->crashAfter(3));
    // create (1), write (2), fsync (3): the fsync is where the power goes.
    const int fd = ::open((root / "f").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(::write(fd, "abc", 3), 3);
    EXPECT_EQ(::fsync(fd), -1);
    EXPECT_EQ(errno, EIO);
    ::close(fd);
    EXPECT_EQ(fs->status("changes"), before + 3);
    EXPECT_EQ(fs->status("crashed"), 1);
    fs->unmount();
    EXPECT_TRUE(listing(m_state).empty());
}

// A test can stop a writer between placing a name and syncing it: the
// held fsync returns once released, and fails when the power goes first.
TEST_F(CrashFs, AHeldSyncWaitsUntilReleasedAndFailsWhenThePowerGoes)
{
    auto fs = mount();
    ASSERT_TRUE(fs) << "no FUSE here (/dev/fuse, fusermount3)";
    const fs::path d = fs->path() / "d";
    ASSERT_TRUE(fs::create_directory(d));
    ASSERT_TRUE(syncFolder(fs->path()));
    ASSERT_TRUE(fs->holdSyncsOf("/d"));
    ASSERT_TRUE(writeFile(d / "a", "a", true)); // another file's sync goes on
    {
        auto held = std::async(std::launch::async, [&d] { return syncFolder(d); });
        const HeldSyncsReleased guard{*fs};
        ASSERT_TRUE(waitFor([&fs] { return fs->status("held") == 1; }));
        ASSERT_TRUE(fs->releaseSyncs());
        EXPECT_TRUE(held.get());
    }
    ASSERT_TRUE(writeFile(d / "b", "b", true));
    ASSERT_TRUE(fs->holdSyncsOf("/d"));
    {
        auto held = std::async(std::launch::async, [&d] { return syncFolder(d); });
        const HeldSyncsReleased guard{*fs};
        ASSERT_TRUE(waitFor([&fs] { return fs->status("held") == 1; }));
        ASSERT_TRUE(fs->crash());
        EXPECT_FALSE(held.get()) << "the power went before the sync";
    }
    fs->unmount();
    EXPECT_EQ(listing(m_state), (std::set<std::string>{"d/", "d/a=a"}));
}

// The subset model: some of what was pending survives, in order — and the
// same history with the same seed crashes the same way.
TEST_F(CrashFs, ASubsetCrashKeepsSomeOfThePendingChangesAndReplaysBySeed)
{
    std::set<std::string> first;
    std::set<std::size_t> sizes;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        fs::remove_all(m_state);
        fs::create_directories(m_state);
        auto fs = mount(CrashFsMount::Model::Subset, seed);
        ASSERT_TRUE(fs) << "no FUSE here (/dev/fuse, fusermount3)";
        for (int i = 0; i < 8; ++i)
            ASSERT_TRUE(writeFile(fs->path() / ("f" + std::to_string(i)), "x", false));
        ASSERT_TRUE(fs->crash());
        fs->unmount();
        const std::set<std::string> kept = listing(m_state);
        for (const std::string &entry : kept)
            EXPECT_TRUE(entry.ends_with("=x") || entry.ends_with("=")) << entry;
        sizes.insert(kept.size());
        if (seed == 1)
            first = kept;
    }
    EXPECT_GT(sizes.size(), 2U) << "different seeds, different survivors";
    fs::remove_all(m_state);
    fs::create_directories(m_state);
    auto again = mount(CrashFsMount::Model::Subset, 1);
    ASSERT_TRUE(again);
    for (int i = 0; i < 8; ++i)
        ASSERT_TRUE(writeFile(again->path() / ("f" + std::to_string(i)), "x", false));
    ASSERT_TRUE(again->crash());
    again->unmount();
    EXPECT_EQ(listing(m_state), first);
}

} // namespace
} // namespace berth::test
