#include "storage/file_io.h"

#include "storage/durable_directory.h"
#include "storage/unique_fd.h"

#include "oci/digest_hasher.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::storage {

namespace fs = std::filesystem;

namespace {

Error ioError(const fs::path &path, const std::string &what)
{
    return makeError("IO", what + " " + path.string() + ": " + std::strerror(errno));
}

} // namespace

Result<std::string> readOpenFile(int fd, std::uintmax_t maxBytes, const std::string &name)
{
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0)
        return makeError("IO", "cannot stat " + name + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        return makeError("IO", name + " is not a regular file");
    if (static_cast<std::uintmax_t>(st.st_size) > maxBytes)
        return makeError("TOO_LARGE",
                         name + " is larger than " + std::to_string(maxBytes) + " bytes");
    std::string out(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return makeError("IO", "cannot read " + name + ": " + std::strerror(errno));
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return out;
}

Result<std::string> readSmallFile(const fs::path &path, std::uintmax_t maxBytes)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0)
        return ioError(path, "cannot open");
    return readOpenFile(fd.get(), maxBytes, path.string());
}

Status writeFileAtomically(const fs::path &path, std::string_view bytes, unsigned mode)
{
    if (auto s = makeDirectoryDurable(path.parent_path()); !s.ok())
        return s;
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    const fs::path temp =
        path.parent_path() / (".tmp-" + path.filename().string() + "-" + std::to_string(rng()));
    {
        UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                           static_cast<mode_t>(mode)));
        if (fd.get() < 0)
            return ioError(temp, "cannot create");
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                const Error e = ioError(temp, "cannot write");
                ::unlink(temp.c_str());
                return e;
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0) {
            const Error e = ioError(temp, "cannot fsync");
            ::unlink(temp.c_str());
            return e;
        }
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const Error e = ioError(path, "cannot rename into");
        ::unlink(temp.c_str());
        return e;
    }
    // Not durable, not done: the caller must not report success.
    if (auto s = syncDirectory(path.parent_path()); !s.ok())
        return s;
    rememberDurable(path);
    return Ok{};
}

Result<oci::Digest> readOpenLink(int fd, const std::string &name, bool *hadNewline)
{
    // One read: links are tiny and read by the tens of thousands.
    char buffer[200];
    ssize_t n;
    do {
        n = ::read(fd, buffer, sizeof buffer);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return makeError("IO", "cannot read " + name + ": " + std::strerror(errno));
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

Result<oci::Digest> readLink(const fs::path &path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0)
        return ioError(path, "cannot open");
    return readOpenLink(fd.get(), path.string());
}

Status writeLink(const fs::path &path, const oci::Digest &digest)
{
    return writeFileAtomically(path, digest.toString());
}

Status hashFileInto(const fs::path &path, oci::DigestHasher &hasher)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0)
        return ioError(path, "cannot open");
    std::string buffer(1 << 20, '\0');
    while (true) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioError(path, "cannot read");
        if (n == 0)
            return Ok{};
        hasher.update(buffer.data(), static_cast<std::size_t>(n));
    }
}

Result<oci::Digest> hashFile(const fs::path &path, oci::DigestAlgorithm algorithm)
{
    oci::DigestHasher hasher(algorithm);
    if (auto s = hashFileInto(path, hasher); !s.ok())
        return s.error();
    return hasher.finish();
}

} // namespace berth::storage
