#include "archive/directory_layout_reader.h"

#include "archive/entry_name.h"
#include "archive/layout_json.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace berth::archive {

namespace fs = std::filesystem;

DirectoryLayoutReader::DirectoryLayoutReader(fs::path path)
    : LayoutReader(std::move(path))
{
}

DirectoryLayoutReader::~DirectoryLayoutReader()
{
    closeOpen();
}

void DirectoryLayoutReader::closeOpen()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

Result<std::string> DirectoryLayoutReader::readFile(const fs::path &relative, std::size_t max) const
{
    const fs::path file = path() / relative;
    // O_NONBLOCK: a named pipe put there opens at once (and is refused
    // below) instead of holding the worker until someone writes to it.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return makeError(errno == ELOOP ? "ARCHIVE_INVALID" : "IO",
                         file.string() + (errno == ELOOP
                                              ? " is a symbolic link"
                                              : std::string(": ") + std::strerror(errno)));
    struct stat info = {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) ||
        info.st_size > static_cast<off_t>(max)) {
        ::close(fd);
        return invalid(relative.string() + " is no regular file of at most " +
                       std::to_string(max >> 20) + " MiB");
    }
    std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + filled, bytes.size() - filled);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return makeError("IO", "cannot read " + file.string());
        }
        filled += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return bytes;
}

Result<LayoutContents> DirectoryLayoutReader::scan()
{
    LayoutContents contents;
    std::error_code ec;
    if (fs::exists(path() / "index.json", ec)) {
        auto index = readFile("index.json", kMaxDocument);
        if (!index.ok())
            return index.error();
        if (Status read = readIndex(contents, *index); !read.ok())
            return invalid(read.error().message);
    }
    if (fs::exists(path() / "manifest.json", ec)) {
        auto manifest = readFile("manifest.json", kMaxDocument);
        if (!manifest.ok())
            return manifest.error();
        contents.dockerManifest = std::move(manifest).value();
    }
    if (!contents.hasIndex && contents.dockerManifest.empty())
        return invalid("it is no OCI layout (no index.json)");
    if (!contents.hasIndex) {
        if (Status listed = listSaved(contents); !listed.ok())
            return listed.error();
        return contents;
    }
    if (fs::is_symlink(path() / "blobs", ec))
        return invalid("blobs is a symbolic link");
    for (fs::directory_iterator algorithms(path() / "blobs", ec), end; !ec && algorithms != end;
         algorithms.increment(ec)) {
        if (algorithms->is_symlink(ec))
            return invalid("blobs/" + algorithms->path().filename().string() +
                           " is a symbolic link");
        if (!algorithms->is_directory(ec))
            continue;
        for (fs::directory_iterator it(algorithms->path(), ec); !ec && it != end;
             it.increment(ec)) {
            const std::string name = "blobs/" + algorithms->path().filename().string() + "/" +
                                     it->path().filename().string();
            const auto digest = blobDigestOf(name);
            if (!digest)
                continue; // a temporary file, a stray name: not the layout's
            if (it->is_symlink(ec) || !it->is_regular_file(ec))
                return invalid(name + " is a symbolic link or no regular file");
            const auto size = static_cast<std::int64_t>(it->file_size(ec));
            contents.blobs[*digest] = size;
            if (size > static_cast<std::int64_t>(kMaxDocument))
                continue;
            auto bytes = readFile(name, kMaxDocument);
            if (!bytes.ok())
                return bytes.error();
            if (Status kept = keepDocument(contents, name, std::move(bytes).value()); !kept.ok())
                return kept.error();
        }
    }
    if (ec)
        return makeError("IO", "cannot list " + (path() / "blobs").string() + ": " + ec.message());
    return contents;
}

Status DirectoryLayoutReader::listSaved(LayoutContents &contents)
{
    std::error_code ec;
    for (fs::recursive_directory_iterator it(path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = fs::relative(it->path(), path(), ec).string();
        if (it->is_symlink(ec)) { // an alias ("<id>/layer.tar"), never followed
            contents.links.emplace(name, fs::read_symlink(it->path(), ec).string());
            continue;
        }
        if (it.depth() > 2) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec))
            continue;
        contents.files[name] = static_cast<std::int64_t>(it->file_size(ec));
        if (isLooseDocument(name) &&
            contents.files[name] <= static_cast<std::int64_t>(kMaxDocument)) {
            auto bytes = readFile(name, kMaxDocument);
            if (!bytes.ok())
                return bytes.error();
            if (Status kept = keepLooseDocument(contents, name, std::move(bytes).value());
                !kept.ok())
                return kept.error();
        }
    }
    if (ec)
        return makeError("IO", "cannot list " + path().string() + ": " + ec.message());
    return Ok{};
}

Status DirectoryLayoutReader::restart(const std::map<std::string, oci::Digest> &wanted)
{
    closeOpen();
    m_pending.clear();
    for (const auto &[name, digest] : wanted)
        m_pending.insert(name);
    return Ok{};
}

int DirectoryLayoutReader::openBeneath(const std::string &name) const
{
    // Every folder on the way is opened without following a link.
    int dir = ::open(path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    std::size_t at = 0;
    while (dir >= 0) {
        const std::size_t slash = name.find('/', at);
        const std::string part = name.substr(at, slash == std::string::npos ? slash : slash - at);
        const bool last = slash == std::string::npos;
        const int next =
            ::openat(dir, part.c_str(),
                     O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? O_NONBLOCK : O_DIRECTORY));
        const int saved = errno;
        ::close(dir);
        errno = saved;
        if (last || next < 0)
            return next;
        dir = next;
        at = slash + 1;
    }
    return -1;
}

Result<std::optional<std::pair<std::string, std::int64_t>>>
DirectoryLayoutReader::openNext(const std::map<std::string, oci::Digest> &wanted)
{
    using Next = std::optional<std::pair<std::string, std::int64_t>>;
    closeOpen();
    while (!m_pending.empty()) {
        const std::string name = *m_pending.begin();
        m_pending.erase(m_pending.begin());
        if (!wanted.count(name))
            continue;
        m_fd = openBeneath(name);
        if (m_fd < 0 && errno == ENOENT)
            continue; // missing: said once the pass is over
        if (m_fd < 0)
            return invalid(name + (errno == ELOOP || errno == ENOTDIR
                                       ? std::string(" is, or lies under, a symbolic link")
                                       : ": " + std::string(std::strerror(errno))));
        struct stat info = {};
        if (::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode))
            return invalid(name + " is no regular file");
        return Next(std::pair{name, static_cast<std::int64_t>(info.st_size)});
    }
    return Next();
}

Result<std::size_t> DirectoryLayoutReader::readOpen(char *buffer, std::size_t max)
{
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, max);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return makeError("IO", "cannot read " + path().string() + ": " + std::strerror(errno));
        return static_cast<std::size_t>(n);
    }
}

} // namespace berth::archive
