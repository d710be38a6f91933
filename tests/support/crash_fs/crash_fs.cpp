// berth-crash-fs: a FUSE filesystem that loses, on command, what a power
// cut loses — everything not made durable by fsync. For tests of the
// registry store's crash safety: the code under test makes its ordinary
// system calls through the real kernel FUSE path.
//
//   berth-crash-fs STATE MOUNTPOINT [--model=drop|subset] [--seed=N]
//                  [fuse options]
//
// STATE (a folder) is loaded as the disk's durable contents; everything
// lives in memory while mounted (CrashTree). A file's writes and
// truncations are pending until fsync/fdatasync of that file; a folder's
// names (create, mkdir, link, symlink, unlink, rmdir, rename) until fsync
// of that folder. A crash keeps, of what is pending:
//   drop    nothing (what POSIX promises, and no more)
//   subset  each change kept or lost at random (seeded), in the order
//           made; a rename's two halves together
// then writes the surviving state to STATE and fails every later call
// with EIO, as a dead disk would, until it is unmounted. A clean unmount
// (SIGTERM, fusermount3 -u) without a crash saves everything, as sync.
//
// Control file MOUNTPOINT/.crash-fs (not part of the state):
//   write "crash"          the power goes now
//   write "crash-after N"  the N-th change or sync from now fails, as the
//                          power goes just before it
//   write "sync"           everything durable (sync(2))
//   write "hold-syncs PATH" an fsync of PATH (a file or folder, from the
//                          mount's root) waits until "release-syncs" or
//                          a crash (then it fails): a test holds one
//                          writer between placing a name and syncing it
//   write "release-syncs"  held syncs go on
//   read                   "changes N\npending N\ncrashed 0|1\nheld N\n
//                          held-opens N\n" (syncs waiting; opens of the
//                          held path since it was set)

#define FUSE_USE_VERSION 31

#include "crash_fs_state.h"
#include "crash_tree.h"

#include <fuse3/fuse.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace {

using berth::test::beforeChange;
using berth::test::control;
using berth::test::CrashModel;
using berth::test::crashNow;
using berth::test::CrashTree;
using berth::test::Ino;
using berth::test::statusText;
using berth::test::syncHeld;
using State = berth::test::CrashFsState;

constexpr const char *kControl = "/.crash-fs";

State *g_state = nullptr;

// The control file is open with handle 0 (a tree's inodes start at 1);
// calls without a handle name it by path.
bool isControl(const char *path, const fuse_file_info *fi = nullptr)
{
    if (fi)
        return fi->fh == 0;
    return path && std::strcmp(path, kControl) == 0;
}

// Every call holds the one lock: the tree is small and in memory.
#define LOCKED                                                                                     \
    State &s = *g_state;                                                                           \
    std::lock_guard lock(s.mutex)

int inoOf(State &s, const char *path, fuse_file_info *fi, Ino &ino)
{
    if (fi) {
        ino = fi->fh;
        return 0;
    }
    return path ? s.tree.resolve(path, ino) : -EBADF;
}

int doGetattr(const char *path, struct stat *st, fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path, fi)) {
        *st = {};
        st->st_mode = S_IFREG | 0600;
        st->st_nlink = 1;
        st->st_size = static_cast<off_t>(statusText(s).size());
        return 0;
    }
    if (s.crashed)
        return -EIO;
    Ino ino = 0;
    if (const int e = inoOf(s, path, fi, ino))
        return e;
    return s.tree.stat(ino, *st);
}

int doReadlink(const char *path, char *buffer, size_t size)
{
    LOCKED;
    if (s.crashed)
        return -EIO;
    std::string target;
    if (const int e = s.tree.readlink(path, target))
        return e;
    const std::size_t n = std::min(target.size(), size - 1);
    std::memcpy(buffer, target.data(), n);
    buffer[n] = '\0';
    return 0;
}

int doOpendir(const char *path, fuse_file_info *fi)
{
    LOCKED;
    if (s.crashed)
        return -EIO;
    Ino ino = 0;
    if (const int e = s.tree.resolve(path, ino))
        return e;
    struct stat st = {};
    s.tree.stat(ino, st);
    if (!S_ISDIR(st.st_mode))
        return -ENOTDIR;
    if (syncHeld(s, ino))
        ++s.heldOpens;
    fi->fh = ino;
    return 0;
}

int doReaddir(const char *, void *buffer, fuse_fill_dir_t fill, off_t, fuse_file_info *fi,
              fuse_readdir_flags)
{
    LOCKED;
    if (s.crashed)
        return -EIO;
    std::vector<std::pair<std::string, Ino>> entries;
    if (const int e = s.tree.list(fi->fh, entries))
        return e;
    const auto none = static_cast<fuse_fill_dir_flags>(0);
    fill(buffer, ".", nullptr, 0, none);
    fill(buffer, "..", nullptr, 0, none);
    for (const auto &[name, ino] : entries) {
        struct stat st = {};
        s.tree.stat(ino, st);
        if (fill(buffer, name.c_str(), &st, 0, none))
            break;
    }
    return 0;
}

int doRelease(const char *, fuse_file_info *)
{
    return 0;
}

int doSync(const char *path, int, fuse_file_info *fi)
{
    State &s = *g_state;
    std::unique_lock lock(s.mutex);
    if (isControl(path, fi))
        return 0;
    Ino ino = 0;
    if (!s.crashed && inoOf(s, path, fi, ino) == 0 && syncHeld(s, ino)) {
        ++s.held;
        s.syncsReleased.wait(lock, [&s, ino] { return s.crashed || !syncHeld(s, ino); });
        --s.held;
    }
    if (const int e = beforeChange(s))
        return e;
    if (const int e = inoOf(s, path, fi, ino))
        return e;
    return s.tree.sync(ino);
}

int doMkdir(const char *path, mode_t mode)
{
    LOCKED;
    if (const int e = beforeChange(s))
        return e;
    return s.tree.mkdir(path, mode);
}

int doUnlink(const char *path)
{
    LOCKED;
    if (isControl(path))
        return -EPERM;
    if (const int e = beforeChange(s))
        return e;
    return s.tree.unlink(path);
}

int doRmdir(const char *path)
{
    LOCKED;
    if (const int e = beforeChange(s))
        return e;
    return s.tree.rmdir(path);
}

int doSymlink(const char *target, const char *path)
{
    LOCKED;
    if (const int e = beforeChange(s))
        return e;
    return s.tree.symlink(target, path);
}

int doRename(const char *from, const char *to, unsigned int flags)
{
    LOCKED;
    if (isControl(from) || isControl(to))
        return -EPERM;
    if (const int e = beforeChange(s))
        return e;
    return s.tree.rename(from, to, flags);
}

int doLink(const char *from, const char *to)
{
    LOCKED;
    if (const int e = beforeChange(s))
        return e;
    return s.tree.link(from, to);
}

int doChmod(const char *path, mode_t mode, fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path, fi))
        return -EPERM;
    if (const int e = beforeChange(s))
        return e;
    Ino ino = 0;
    if (const int e = inoOf(s, path, fi, ino))
        return e;
    return s.tree.chmod(ino, mode);
}

int doChown(const char *, uid_t, gid_t, fuse_file_info *)
{
    return 0; // one owner: whoever mounted it
}

int doTruncate(const char *path, off_t size, fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path, fi))
        return 0;
    if (const int e = beforeChange(s))
        return e;
    Ino ino = 0;
    if (const int e = inoOf(s, path, fi, ino))
        return e;
    return s.tree.truncate(ino, size);
}

int doUtimens(const char *path, const struct timespec times[2], fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path, fi))
        return 0;
    if (s.crashed)
        return -EIO;
    Ino ino = 0;
    if (const int e = inoOf(s, path, fi, ino))
        return e;
    // Times are kept (a GC reads them) but not modelled as pending.
    if (times && times[1].tv_nsec == UTIME_OMIT)
        return 0;
    const bool now = !times || times[1].tv_nsec == UTIME_NOW;
    return s.tree.touch(ino, now ? std::time(nullptr) : times[1].tv_sec);
}

int doCreate(const char *path, mode_t mode, fuse_file_info *fi)
{
    LOCKED;
    if (const int e = beforeChange(s))
        return e;
    Ino ino = 0;
    if (const int e = s.tree.create(path, mode, ino))
        return e;
    fi->fh = ino;
    return 0;
}

int doOpen(const char *path, fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path)) {
        fi->fh = 0;
        fi->direct_io = 1; // its size changes under the page cache
        return 0;
    }
    if (s.crashed)
        return -EIO;
    Ino ino = 0;
    if (const int e = s.tree.resolve(path, ino))
        return e;
    // libfuse asks the kernel for atomic O_TRUNC: the truncation comes
    // with the open, not as a truncate of its own.
    if (fi->flags & O_TRUNC) {
        if (const int e = beforeChange(s))
            return e;
        if (const int e = s.tree.truncate(ino, 0))
            return e;
    }
    fi->fh = ino;
    return 0;
}

int doRead(const char *path, char *buffer, size_t size, off_t offset, fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path, fi)) {
        const std::string text = statusText(s);
        if (offset >= static_cast<off_t>(text.size()))
            return 0;
        const std::size_t n = std::min(size, text.size() - static_cast<std::size_t>(offset));
        std::memcpy(buffer, text.data() + offset, n);
        return static_cast<int>(n);
    }
    if (s.crashed)
        return -EIO;
    return s.tree.read(fi->fh, buffer, size, offset);
}

int doWrite(const char *path, const char *data, size_t size, off_t offset, fuse_file_info *fi)
{
    LOCKED;
    if (isControl(path, fi)) {
        if (const int e = control(s, std::string_view(data, size)))
            return e;
        return static_cast<int>(size);
    }
    if (const int e = beforeChange(s))
        return e;
    return s.tree.write(fi->fh, data, size, offset);
}

int doStatfs(const char *, struct statvfs *st)
{
    *st = {};
    st->f_bsize = st->f_frsize = 4096;
    st->f_blocks = st->f_bfree = st->f_bavail = std::uint64_t{1} << 24; // 64 GiB
    st->f_files = st->f_ffree = std::uint64_t{1} << 20;
    st->f_namemax = 255;
    return 0;
}

void *doInit(fuse_conn_info *, fuse_config *config)
{
    // Every call reaches the tree: no caching that could answer from what
    // a crash has since taken away, and unlink means unlink.
    config->use_ino = 1;
    config->entry_timeout = 0;
    config->attr_timeout = 0;
    config->negative_timeout = 0;
    config->hard_remove = 1;
    config->nullpath_ok = 1;
    return nullptr;
}

void doDestroy(void *)
{
    State &s = *g_state;
    std::lock_guard lock(s.mutex);
    if (!s.crashed) {
        s.tree.syncAll();
        s.tree.save(s.stateDir);
    }
}

fuse_operations operations()
{
    fuse_operations ops = {};
    ops.init = doInit;
    ops.destroy = doDestroy;
    ops.getattr = doGetattr;
    ops.readlink = doReadlink;
    ops.opendir = doOpendir;
    ops.readdir = doReaddir;
    ops.releasedir = doRelease;
    ops.fsyncdir = doSync;
    ops.mkdir = doMkdir;
    ops.unlink = doUnlink;
    ops.rmdir = doRmdir;
    ops.symlink = doSymlink;
    ops.rename = doRename;
    ops.link = doLink;
    ops.chmod = doChmod;
    ops.chown = doChown;
    ops.truncate = doTruncate;
    ops.utimens = doUtimens;
    ops.create = doCreate;
    ops.open = doOpen;
    ops.read = doRead;
    ops.write = doWrite;
    ops.statfs = doStatfs;
    ops.release = doRelease;
    ops.fsync = doSync;
    return ops;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: berth-crash-fs STATE MOUNTPOINT [--model=drop|subset] "
                             "[--seed=N] [fuse options]\n");
        return 2;
    }
    State state;
    // Absolute: the daemon's working folder may change under fuse_main.
    state.stateDir = std::filesystem::absolute(argv[1]).string();
    std::uint64_t seed = 1;
    std::vector<char *> args = {argv[0], argv[2], const_cast<char *>("-f")};
    for (int i = 3; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--model=drop") {
            state.model = CrashModel::DropAll;
        } else if (arg == "--model=subset") {
            state.model = CrashModel::Subset;
        } else if (arg.substr(0, 7) == "--seed=") {
            seed = std::stoull(std::string(arg.substr(7)));
        } else {
            args.push_back(argv[i]);
        }
    }
    state.random.seed(seed);
    try {
        state.tree = CrashTree::load(state.stateDir);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "berth-crash-fs: cannot load %s: %s\n", argv[1], e.what());
        return 1;
    }
    g_state = &state;
    const fuse_operations ops = operations();
    return fuse_main(static_cast<int>(args.size()), args.data(), &ops, nullptr);
}
