#include "layers/tree_writer.h"

#include "layers/entry_path.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace berth::layers {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kPermissions = 0777;

} // namespace

Result<std::unique_ptr<TreeWriter>> TreeWriter::create(const fs::path &destination)
{
    std::error_code error;
    if (fs::symlink_status(destination, error).type() != fs::file_type::not_found)
        return makeError("BUSY", destination.string() + " exists already");
    const fs::path parent = destination.has_parent_path() ? destination.parent_path() : ".";
    std::string temp = (parent / ".berth-save-XXXXXX").string();
    if (!::mkdtemp(temp.data()))
        return makeError("IO", parent.string() + ": cannot be written: " + std::strerror(errno));
    const int root = ::open(temp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (root < 0) {
        ::rmdir(temp.c_str());
        return makeError("IO", temp + ": " + std::strerror(errno));
    }
    return std::unique_ptr<TreeWriter>(new TreeWriter(destination, temp, root));
}

TreeWriter::TreeWriter(fs::path destination, fs::path temporary, int root)
    : m_destination(std::move(destination))
    , m_temporary(std::move(temporary))
    , m_root(root)
{
}

TreeWriter::~TreeWriter()
{
    if (m_file >= 0)
        ::close(m_file);
    ::close(m_root);
    if (!m_committed) {
        std::error_code error; // remove_all never follows the links it removes
        fs::remove_all(m_temporary, error);
    }
}

Error TreeWriter::refused(const std::string &path, const char *why) const
{
    return makeError("REFUSED", "/" + path + " " + why);
}

Result<int> TreeWriter::openParent(const std::string &path, std::string &leaf)
{
    if (!isPlainPath(path))
        return refused(path, "is no plain path inside the folder");
    int at = ::dup(m_root);
    std::size_t start = 0;
    for (;;) {
        const auto slash = path.find('/', start);
        if (slash == std::string::npos) {
            leaf = path.substr(start);
            return at;
        }
        const std::string part = path.substr(start, slash - start);
        start = slash + 1;
        if (::mkdirat(at, part.c_str(), 0755) != 0 && errno != EEXIST) {
            ::close(at);
            return makeError("IO", "/" + path + ": " + std::strerror(errno));
        }
        const int next =
            ::openat(at, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        ::close(at);
        if (next < 0)
            return refused(path, "lies under a link or a file, never followed");
        at = next;
    }
}

Status TreeWriter::folder(const std::string &path, std::uint32_t mode)
{
    std::string leaf;
    auto parent = openParent(path, leaf);
    if (!parent.ok())
        return parent.error();
    const int dir = *parent;
    Status status = Ok{};
    struct stat st
    {
    };
    if (::mkdirat(dir, leaf.c_str(), 0700) != 0 && errno != EEXIST)
        status = makeError("IO", "/" + path + ": " + std::strerror(errno));
    else if (::fstatat(dir, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
        status = refused(path, "is a link or a file here, not a folder");
    else
        m_folderModes[path] = mode & kPermissions;
    ::close(dir);
    return status;
}

Status TreeWriter::symlink(const std::string &path, const std::string &target)
{
    std::string leaf;
    auto parent = openParent(path, leaf);
    if (!parent.ok())
        return parent.error();
    const int dir = *parent;
    ::unlinkat(dir, leaf.c_str(), 0); // a later layer's link replaces a file
    const bool made = ::symlinkat(target.c_str(), dir, leaf.c_str()) == 0;
    const Error error = makeError("IO", "/" + path + ": " + std::strerror(errno));
    ::close(dir);
    return made ? Status(Ok{}) : Status(error);
}

Status TreeWriter::beginFile(const std::string &path, std::uint32_t mode)
{
    if (m_file >= 0)
        return makeError("IO", "a file is being written already");
    std::string leaf;
    auto parent = openParent(path, leaf);
    if (!parent.ok())
        return parent.error();
    const int dir = *parent;
    ::unlinkat(dir, leaf.c_str(), 0); // whatever was there: never written through
    m_file = ::openat(dir, leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      mode & kPermissions);
    const int saved = errno;
    ::close(dir);
    if (m_file < 0)
        return makeError("IO", "/" + path + ": " + std::strerror(saved));
    m_filePath = path;
    return Ok{};
}

Status TreeWriter::write(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(m_file, bytes.data(), bytes.size());
        if (n <= 0)
            return makeError("IO", "/" + m_filePath + ": " + std::strerror(errno));
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return Ok{};
}

Status TreeWriter::hole(std::int64_t bytes)
{
    if (::lseek(m_file, bytes, SEEK_CUR) < 0)
        return makeError("IO", "/" + m_filePath + ": " + std::strerror(errno));
    return Ok{};
}

Status TreeWriter::endFile()
{
    const int fd = m_file;
    m_file = -1;
    if (fd < 0)
        return makeError("IO", "/" + m_filePath + ": cannot be written");
    // A file that ends in a hole gets its length all the same.
    const off_t end = ::lseek(fd, 0, SEEK_CUR);
    const bool ok = end >= 0 && ::ftruncate(fd, end) == 0;
    if (::close(fd) != 0 || !ok)
        return makeError("IO", "/" + m_filePath + ": cannot be written");
    return Ok{};
}

Status TreeWriter::hardlink(const std::string &path, const std::string &target)
{
    std::string leaf;
    std::string targetLeaf;
    auto parent = openParent(path, leaf);
    if (!parent.ok())
        return parent.error();
    auto targetParent = openParent(target, targetLeaf);
    if (!targetParent.ok()) {
        ::close(*parent);
        return targetParent.error();
    }
    ::unlinkat(*parent, leaf.c_str(), 0);
    // flags 0: linkat never follows a link at `target` (it links the link).
    const bool made = ::linkat(*targetParent, targetLeaf.c_str(), *parent, leaf.c_str(), 0) == 0;
    const Error error = errno == ENOENT ? refused(path, "links to a file that was not saved")
                                        : makeError("IO", "/" + path + ": " + std::strerror(errno));
    ::close(*parent);
    ::close(*targetParent);
    return made ? Status(Ok{}) : Status(error);
}

Status TreeWriter::commit()
{
    if (m_file >= 0)
        return makeError("IO", "/" + m_filePath + " is not finished");
    // Deepest first: a folder made read-only last closes nothing still to do.
    for (auto it = m_folderModes.rbegin(); it != m_folderModes.rend(); ++it) {
        std::string leaf;
        auto parent = openParent(it->first, leaf);
        if (!parent.ok())
            return parent.error();
        struct stat st
        {
        };
        const bool folder =
            ::fstatat(*parent, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        const bool set = folder && ::fchmodat(*parent, leaf.c_str(), it->second, 0) == 0;
        ::close(*parent);
        if (folder && !set)
            return makeError("IO", "/" + it->first + ": " + std::strerror(errno));
    }
    if (::fsync(m_root) != 0 || ::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD,
                                            m_destination.c_str(), RENAME_NOREPLACE) != 0)
        return makeError(errno == EEXIST ? "BUSY" : "IO",
                         m_destination.string() + ": " + std::strerror(errno));
    m_committed = true;
    return Ok{};
}

} // namespace berth::layers
