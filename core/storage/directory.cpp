#include "storage/directory.h"

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
    return makeError("IO",
                     std::string(what) + " " + std::string(relative) + ": " + std::strerror(error));
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
    // NUL-terminated copy on the stack: these names are short.
    char name[512];
    if (relative.empty() || relative.size() >= sizeof name) {
        errno = ENAMETOOLONG;
        return -1;
    }
    std::memcpy(name, relative.data(), relative.size());
    name[relative.size()] = '\0';
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
    if (relative.front() == '/' || relative == ".." || relative.starts_with("../") ||
        relative.find("/../") != std::string_view::npos || relative.ends_with("/..")) {
        errno = EXDEV;
        return -1;
    }
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
    // One open and one read: links are tiny and read by the tens of thousands.
    UniqueFd fd(openRelative(relative, O_RDONLY | O_NONBLOCK));
    if (fd.get() < 0)
        return ioError(relative, "cannot open", errno);
    char buffer[200];
    ssize_t n;
    do {
        n = ::read(fd.get(), buffer, sizeof buffer);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return ioError(relative, "cannot read", errno);
    if (static_cast<std::size_t>(n) == sizeof buffer)
        return makeError("LINK_INVALID", "malformed link file: longer than a digest");
    std::string_view text(buffer, static_cast<std::size_t>(n));
    const bool newline = !text.empty() && text.back() == '\n';
    if (newline)
        text.remove_suffix(1);
    if (hadNewline)
        *hadNewline = newline;
    auto digest = oci::Digest::parse(text);
    if (!digest.ok())
        return makeError("LINK_INVALID", "malformed link file: " + digest.error().message);
    return digest.value();
}

Result<std::string> Directory::readFile(std::string_view relative, std::uintmax_t maxBytes) const
{
    UniqueFd fd(openRelative(relative, O_RDONLY | O_NONBLOCK));
    if (fd.get() < 0)
        return ioError(relative, "cannot open", errno);
    struct stat st
    {
    };
    if (::fstat(fd.get(), &st) != 0)
        return ioError(relative, "cannot stat", errno);
    if (!S_ISREG(st.st_mode))
        return makeError("IO", std::string(relative) + " is not a regular file");
    if (static_cast<std::uintmax_t>(st.st_size) > maxBytes)
        return makeError("TOO_LARGE", std::string(relative) + " is larger than " +
                                          std::to_string(maxBytes) + " bytes");
    std::string out(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioError(relative, "cannot read", errno);
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return out;
}

std::optional<Directory::FileInfo> Directory::fileInfo(std::string_view relative) const
{
    // One fstatat: a stat reveals nothing beyond a size and a time, and the
    // callers pass folders they listed (symlinks are never listed as folders).
    char name[512];
    if (m_fd < 0 || relative.empty() || relative.size() >= sizeof name || relative.front() == '/')
        return std::nullopt;
    std::memcpy(name, relative.data(), relative.size());
    name[relative.size()] = '\0';
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
