#include "storage/directory.h"

#include "storage/file_io.h"
#include "storage/unique_fd.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>

namespace berth::storage {

namespace {

std::atomic<bool> g_noOpenat2{false};

Error ioError(std::string_view relative, const char *what, int error)
{
    return makeError(error == ENOENT ? "NOT_FOUND" : "IO",
                     std::string(what) + " " + std::string(relative) + ": " + std::strerror(error));
}

// `relative` as a NUL-terminated name in `buffer`; false (errno set) for an
// empty, overlong, absolute or ".."-containing name — no caller passes one,
// and none must reach a *at() call.
bool toRelativeName(std::string_view relative, char (&buffer)[512])
{
    if (relative.empty() || relative.size() >= sizeof buffer) {
        errno = ENAMETOOLONG;
        return false;
    }
    if (relative.front() == '/' || relative == ".." || relative.starts_with("../") ||
        relative.find("/../") != std::string_view::npos || relative.ends_with("/..")) {
        errno = EXDEV;
        return false;
    }
    std::memcpy(buffer, relative.data(), relative.size());
    buffer[relative.size()] = '\0';
    return true;
}

} // namespace

Directory::~Directory()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Directory::Directory(Directory &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_error(other.m_error)
{
}

Directory &Directory::operator=(Directory &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_error = other.m_error;
    }
    return *this;
}

Directory Directory::open(const std::filesystem::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    return fd >= 0 ? Directory(fd, 0) : Directory(-1, errno);
}

Directory Directory::openBeneath(const std::filesystem::path &base, std::string_view relative)
{
    const int fd = ::open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Directory(-1, errno);
    const Directory parent(fd, 0);
    return parent.openChild(relative);
}

int Directory::openRelative(std::string_view relative, int flags) const
{
    if (m_fd < 0) {
        errno = EBADF;
        return -1;
    }
    char name[512]; // these names are short
    if (!toRelativeName(relative, name))
        return -1;
    if (!g_noOpenat2.load(std::memory_order_relaxed)) {
        open_how how{};
        how.flags = static_cast<std::uint64_t>(flags) | O_CLOEXEC;
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
        long fd;
        do {
            fd = ::syscall(SYS_openat2, m_fd, name, &how, sizeof how);
        } while (fd < 0 && errno == EAGAIN);
        if (fd >= 0 || errno != ENOSYS)
            return static_cast<int>(fd);
        g_noOpenat2.store(true, std::memory_order_relaxed); // kernel < 5.6
    }
    // Fallback: the last component is not followed; the callers only pass
    // components they listed as directories.
    return ::openat(m_fd, name, flags | O_NOFOLLOW | O_CLOEXEC);
}

Directory Directory::openChild(std::string_view relative) const
{
    const int fd = openRelative(relative, O_RDONLY | O_DIRECTORY);
    return fd >= 0 ? Directory(fd, 0) : Directory(-1, errno);
}

std::vector<DirectoryEntry> Directory::list() const
{
    std::vector<DirectoryEntry> out;
    if (m_fd < 0)
        return out;
    // getdents64 straight on this descriptor (rewound first): opendir would
    // cost a dup, an fcntl, an fstat and a close per folder, and GC lists
    // tens of thousands of folders.
    if (::lseek(m_fd, 0, SEEK_SET) != 0)
        return out;
    alignas(8) char buffer[32768];
    while (true) {
        const long n = ::syscall(SYS_getdents64, m_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (long offset = 0; offset < n;) {
            struct LinuxDirent64
            {
                std::uint64_t d_ino;
                std::int64_t d_off;
                unsigned short d_reclen;
                unsigned char d_type;
                char d_name[1];
            };
            const auto *e = reinterpret_cast<const LinuxDirent64 *>(buffer + offset);
            offset += e->d_reclen;
            const std::string_view name(e->d_name);
            if (name == "." || name == "..")
                continue;
            unsigned char type = e->d_type;
            if (type == DT_UNKNOWN) {
                struct stat st
                {
                };
                if (::fstatat(m_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                type = S_ISDIR(st.st_mode)   ? DT_DIR
                       : S_ISLNK(st.st_mode) ? DT_LNK
                       : S_ISREG(st.st_mode) ? DT_REG
                                             : DT_UNKNOWN;
            }
            DirectoryEntry entry;
            entry.name = name;
            entry.type = type == DT_DIR   ? DirectoryEntry::Type::Directory
                         : type == DT_REG ? DirectoryEntry::Type::File
                         : type == DT_LNK ? DirectoryEntry::Type::Symlink
                                          : DirectoryEntry::Type::Other;
            out.push_back(std::move(entry));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const DirectoryEntry &a, const DirectoryEntry &b) { return a.name < b.name; });
    return out;
}

Result<oci::Digest> Directory::readLink(std::string_view relative, bool *hadNewline) const
{
    UniqueFd fd(openRelative(relative, O_RDONLY | O_NONBLOCK));
    if (fd.get() < 0)
        return ioError(relative, "cannot open", errno);
    return readOpenLink(fd.get(), std::string(relative), hadNewline);
}

Result<std::string> Directory::readFile(std::string_view relative, std::uintmax_t maxBytes) const
{
    UniqueFd fd(openRelative(relative, O_RDONLY | O_NONBLOCK));
    if (fd.get() < 0)
        return ioError(relative, "cannot open", errno);
    return readOpenFile(fd.get(), maxBytes, std::string(relative));
}

std::optional<Directory::FileInfo> Directory::fileInfo(std::string_view relative) const
{
    // One fstatat: a stat reveals nothing beyond a size and a time, and the
    // callers pass folders they listed (symlinks are never listed as folders).
    char name[512];
    if (m_fd < 0 || !toRelativeName(relative, name))
        return std::nullopt;
    struct stat st
    {
    };
    if (::fstatat(m_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    FileInfo info;
    info.size = static_cast<std::uintmax_t>(st.st_size);
    info.modified = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(st.st_mtim.tv_sec) +
            std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
    return info;
}

std::optional<std::uintmax_t> Directory::fileSize(std::string_view relative) const
{
    const auto info = fileInfo(relative);
    return info ? std::optional<std::uintmax_t>(info->size) : std::nullopt;
}

} // namespace berth::storage
