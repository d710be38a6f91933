#include "archive/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace berth::archive {

namespace fs = std::filesystem;

namespace {

Error ioError(const std::string &what, const fs::path &path)
{
    return makeError("IO", what + " " + path.string() + ": " + std::strerror(errno));
}

} // namespace

Status writeAll(int fd, std::string_view bytes, const fs::path &path)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ioError("cannot write", path);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return Ok{};
}

Status syncCloseAndRename(int fd, const fs::path &from, const fs::path &to)
{
    if (::fsync(fd) != 0) {
        Error error = ioError("cannot flush", from);
        ::close(fd);
        return error;
    }
    if (::close(fd) != 0)
        return ioError("cannot close", from);
    if (std::rename(from.c_str(), to.c_str()) != 0)
        return ioError("cannot rename to", to);
    const fs::path folder = to.has_parent_path() ? to.parent_path() : fs::path(".");
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return ioError("cannot open", folder);
    const int synced = ::fsync(dir);
    ::close(dir);
    if (synced != 0)
        return ioError("cannot flush", folder);
    return Ok{};
}

Status writeFileDurably(const fs::path &path, std::string_view bytes)
{
    std::string pattern =
        (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0)
        return ioError("cannot create a file in", path.parent_path());
    ::fchmod(fd, 0644);
    const fs::path partial = pattern;
    if (Status written = writeAll(fd, bytes, partial); !written.ok()) {
        ::close(fd);
        ::unlink(partial.c_str());
        return written;
    }
    Status placed = syncCloseAndRename(fd, partial, path);
    if (!placed.ok())
        ::unlink(partial.c_str());
    return placed;
}

} // namespace berth::archive
