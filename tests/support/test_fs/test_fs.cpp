// berth-test-fs: a FUSE passthrough over a backing folder, for tests of the
// storage under a disk that misbehaves on command. The real kernel FUSE
// path, not a mock: the code under test makes its ordinary system calls.
//
//   berth-test-fs BACKING MOUNTPOINT [fuse options]
//
// Control file MOUNTPOINT/.test-fs (not in the backing folder):
//   write "stall"    every later write() and fsync() of a file waits
//   write "release"  they all go on
//   read             "stalled N\n": how many calls wait right now
//
// It stands in for a stalled disk (a hung NFS server, a failing drive):
// something no real peer shows on demand. Unmounted on SIGTERM.

#define FUSE_USE_VERSION 31

#include <fuse3/fuse.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr const char *kControl = "/.test-fs";

int g_root = -1; // the backing folder

class Stall
{
public:
    void set(bool on)
    {
        {
            std::lock_guard lock(m_mutex);
            m_on = on;
        }
        m_changed.notify_all();
    }
    void waitWhileOn()
    {
        std::unique_lock lock(m_mutex);
        ++m_waiting;
        m_changed.wait(lock, [this] { return !m_on; });
        --m_waiting;
    }
    int waiting()
    {
        std::lock_guard lock(m_mutex);
        return m_waiting;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_on = false;
    int m_waiting = 0;
};

Stall g_stall;

// A FUSE path ("/a/b") as a path relative to the backing folder.
const char *rel(const char *path)
{
    return path[1] ? path + 1 : ".";
}

bool isControl(const char *path)
{
    return std::strcmp(path, kControl) == 0;
}

int result(int r)
{
    return r < 0 ? -errno : 0;
}

int doGetattr(const char *path, struct stat *st, fuse_file_info *fi)
{
    if (isControl(path)) {
        *st = {};
        st->st_mode = S_IFREG | 0600;
        st->st_nlink = 1;
        return 0;
    }
    if (fi)
        return result(::fstat(static_cast<int>(fi->fh), st));
    return result(::fstatat(g_root, rel(path), st, AT_SYMLINK_NOFOLLOW));
}

int doAccess(const char *path, int mask)
{
    return isControl(path) ? 0 : result(::faccessat(g_root, rel(path), mask, 0));
}

int doReadlink(const char *path, char *buffer, size_t size)
{
    const ssize_t n = ::readlinkat(g_root, rel(path), buffer, size - 1);
    if (n < 0)
        return -errno;
    buffer[n] = '\0';
    return 0;
}

int doOpendir(const char *path, fuse_file_info *fi)
{
    const int fd = ::openat(g_root, rel(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        const int error = errno;
        ::close(fd);
        return -error;
    }
    fi->fh = reinterpret_cast<uint64_t>(dir);
    return 0;
}

int doReaddir(const char *, void *buffer, fuse_fill_dir_t fill, off_t, fuse_file_info *fi,
              fuse_readdir_flags)
{
    DIR *dir = reinterpret_cast<DIR *>(fi->fh);
    ::rewinddir(dir);
    while (const dirent *entry = ::readdir(dir)) {
        struct stat st = {};
        st.st_ino = entry->d_ino;
        st.st_mode = static_cast<mode_t>(DTTOIF(entry->d_type));
        if (fill(buffer, entry->d_name, &st, 0, static_cast<fuse_fill_dir_flags>(0)))
            break;
    }
    return 0;
}

int doReleasedir(const char *, fuse_file_info *fi)
{
    ::closedir(reinterpret_cast<DIR *>(fi->fh));
    return 0;
}

int doFsyncdir(const char *, int dataOnly, fuse_file_info *fi)
{
    g_stall.waitWhileOn();
    const int fd = ::dirfd(reinterpret_cast<DIR *>(fi->fh));
    return result(dataOnly ? ::fdatasync(fd) : ::fsync(fd));
}

int doMkdir(const char *path, mode_t mode)
{
    return result(::mkdirat(g_root, rel(path), mode));
}

int doUnlink(const char *path)
{
    return result(::unlinkat(g_root, rel(path), 0));
}

int doRmdir(const char *path)
{
    return result(::unlinkat(g_root, rel(path), AT_REMOVEDIR));
}

int doSymlink(const char *target, const char *path)
{
    return result(::symlinkat(target, g_root, rel(path)));
}

int doRename(const char *from, const char *to, unsigned flags)
{
    return result(::renameat2(g_root, rel(from), g_root, rel(to), flags));
}

int doLink(const char *from, const char *to)
{
    return result(::linkat(g_root, rel(from), g_root, rel(to), 0));
}

int doChmod(const char *path, mode_t mode, fuse_file_info *fi)
{
    if (fi)
        return result(::fchmod(static_cast<int>(fi->fh), mode));
    return result(::fchmodat(g_root, rel(path), mode, 0));
}

int doChown(const char *path, uid_t uid, gid_t gid, fuse_file_info *fi)
{
    if (fi)
        return result(::fchown(static_cast<int>(fi->fh), uid, gid));
    return result(::fchownat(g_root, rel(path), uid, gid, AT_SYMLINK_NOFOLLOW));
}

int doTruncate(const char *path, off_t size, fuse_file_info *fi)
{
    if (isControl(path))
        return 0;
    if (fi)
        return result(::ftruncate(static_cast<int>(fi->fh), size));
    const int fd = ::openat(g_root, rel(path), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    const int r = result(::ftruncate(fd, size));
    ::close(fd);
    return r;
}

int doUtimens(const char *path, const timespec times[2], fuse_file_info *fi)
{
    if (fi)
        return result(::futimens(static_cast<int>(fi->fh), times));
    return result(::utimensat(g_root, rel(path), times, AT_SYMLINK_NOFOLLOW));
}

int doCreate(const char *path, mode_t mode, fuse_file_info *fi)
{
    const int fd = ::openat(g_root, rel(path), fi->flags | O_CLOEXEC, mode);
    if (fd < 0)
        return -errno;
    fi->fh = static_cast<uint64_t>(fd);
    return 0;
}

int doOpen(const char *path, fuse_file_info *fi)
{
    if (isControl(path)) {
        fi->direct_io = 1; // its size is unknown: reads go to doRead
        fi->fh = static_cast<uint64_t>(-1);
        return 0;
    }
    const int fd = ::openat(g_root, rel(path), (fi->flags & ~O_NOFOLLOW) | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    fi->fh = static_cast<uint64_t>(fd);
    return 0;
}

int doRead(const char *path, char *buffer, size_t size, off_t offset, fuse_file_info *fi)
{
    if (isControl(path)) {
        const std::string state = "stalled " + std::to_string(g_stall.waiting()) + "\n";
        if (offset >= static_cast<off_t>(state.size()))
            return 0;
        const size_t n = std::min(size, state.size() - static_cast<size_t>(offset));
        std::memcpy(buffer, state.data() + offset, n);
        return static_cast<int>(n);
    }
    const ssize_t n = ::pread(static_cast<int>(fi->fh), buffer, size, offset);
    return n < 0 ? -errno : static_cast<int>(n);
}

int doWrite(const char *path, const char *buffer, size_t size, off_t offset, fuse_file_info *fi)
{
    if (isControl(path)) {
        const std::string command(buffer, size);
        if (command.rfind("stall", 0) == 0)
            g_stall.set(true);
        else if (command.rfind("release", 0) == 0)
            g_stall.set(false);
        else
            return -EINVAL;
        return static_cast<int>(size);
    }
    g_stall.waitWhileOn();
    const ssize_t n = ::pwrite(static_cast<int>(fi->fh), buffer, size, offset);
    return n < 0 ? -errno : static_cast<int>(n);
}

int doStatfs(const char *, struct statvfs *st)
{
    return result(::fstatvfs(g_root, st));
}

int doRelease(const char *path, fuse_file_info *fi)
{
    if (!isControl(path))
        ::close(static_cast<int>(fi->fh));
    return 0;
}

int doFsync(const char *path, int dataOnly, fuse_file_info *fi)
{
    if (isControl(path))
        return 0;
    g_stall.waitWhileOn();
    const int fd = static_cast<int>(fi->fh);
    return result(dataOnly ? ::fdatasync(fd) : ::fsync(fd));
}

void *doInit(fuse_conn_info *, fuse_config *config)
{
    // The backing folder is the truth: no attribute or entry caching that
    // could hide what the code under test did.
    config->use_ino = 1;
    config->entry_timeout = 0;
    config->attr_timeout = 0;
    config->negative_timeout = 0;
    return nullptr;
}

fuse_operations operations()
{
    fuse_operations ops = {};
    ops.init = doInit;
    ops.getattr = doGetattr;
    ops.access = doAccess;
    ops.readlink = doReadlink;
    ops.opendir = doOpendir;
    ops.readdir = doReaddir;
    ops.releasedir = doReleasedir;
    ops.fsyncdir = doFsyncdir;
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
    ops.fsync = doFsync;
    return ops;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: berth-test-fs BACKING MOUNTPOINT [fuse options]\n");
        return 2;
    }
    g_root = ::open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (g_root < 0) {
        std::fprintf(stderr, "berth-test-fs: cannot open %s: %s\n", argv[1], std::strerror(errno));
        return 1;
    }
    // fuse_main sees: program, mountpoint, foreground, the caller's options.
    std::vector<char *> args = {argv[0], argv[2], const_cast<char *>("-f")};
    for (int i = 3; i < argc; ++i)
        args.push_back(argv[i]);
    const fuse_operations ops = operations();
    return fuse_main(static_cast<int>(args.size()), args.data(), &ops, nullptr);
}
