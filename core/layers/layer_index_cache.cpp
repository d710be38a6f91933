#include "layers/layer_index_cache.h"

#include "layers/layer_index_codec.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace berth::layers {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".index";
constexpr std::int64_t kMaxFile = std::int64_t{1} << 30;

Error ioError(const fs::path &path, const char *what)
{
    return makeError("IO", path.string() + ": " + what + ": " + std::strerror(errno));
}

std::optional<std::string> readFile(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return std::nullopt;
    struct stat st
    {
    };
    std::optional<std::string> bytes;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= kMaxFile) {
        std::string data(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t filled = 0;
        while (filled < data.size()) {
            const ssize_t n = ::read(fd, data.data() + filled, data.size() - filled);
            if (n <= 0)
                break;
            filled += static_cast<std::size_t>(n);
        }
        if (filled == data.size())
            bytes = std::move(data);
    }
    ::close(fd);
    return bytes;
}

} // namespace

LayerIndexCache::LayerIndexCache(fs::path directory, std::int64_t maxBytes)
    : m_directory(std::move(directory))
    , m_maxBytes(maxBytes)
{
}

fs::path LayerIndexCache::fileOf(const oci::Digest &digest) const
{
    return m_directory /
           (std::string(digest.algorithmName()) + "-" + digest.hex() + std::string(kSuffix));
}

std::optional<LayerIndex> LayerIndexCache::load(const oci::Digest &digest) const
{
    const fs::path path = fileOf(digest);
    const auto bytes = readFile(path);
    if (!bytes)
        return std::nullopt;
    auto index = decodeLayerIndex(*bytes, digest);
    if (!index.ok()) {
        ::unlink(path.c_str()); // rebuilt by whoever indexes the layer next
        return std::nullopt;
    }
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); // recently used: trimmed last
    return std::move(index).value();
}

Status LayerIndexCache::store(const LayerIndex &index) const
{
    std::error_code error;
    fs::create_directories(m_directory, error);
    const std::string bytes = encodeLayerIndex(index);
    std::string temp = (m_directory / ".incoming-XXXXXX").string();
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0)
        return ioError(m_directory, "cannot be written");
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n <= 0)
            break;
        written += static_cast<std::size_t>(n);
    }
    // No fsync: a file torn by a crash fails its checksum and is rebuilt.
    if (::close(fd) != 0 || written != bytes.size() ||
        ::rename(temp.c_str(), fileOf(index.digest).c_str()) != 0) {
        const Error failed = ioError(temp, "cannot be written");
        ::unlink(temp.c_str());
        return failed;
    }
    trim();
    return Ok{};
}

std::int64_t LayerIndexCache::size() const
{
    std::int64_t total = 0;
    std::error_code error;
    for (const auto &file : fs::directory_iterator(m_directory, error))
        if (file.path().extension() == kSuffix)
            total += static_cast<std::int64_t>(file.file_size(error));
    return total;
}

void LayerIndexCache::trim() const
{
    struct Held
    {
        fs::path path;
        std::int64_t bytes;
        fs::file_time_type used;
    };
    std::vector<Held> held;
    std::int64_t total = 0;
    std::error_code error;
    for (const auto &file : fs::directory_iterator(m_directory, error)) {
        if (file.path().extension() != kSuffix)
            continue;
        const auto bytes = static_cast<std::int64_t>(file.file_size(error));
        held.push_back({file.path(), bytes, file.last_write_time(error)});
        total += bytes;
    }
    const std::int64_t bound = m_maxBytes.load();
    if (total <= bound)
        return;
    std::sort(held.begin(), held.end(),
              [](const Held &a, const Held &b) { return a.used < b.used; });
    for (const Held &file : held) {
        if (total <= bound)
            break;
        fs::remove(file.path, error);
        total -= file.bytes;
    }
}

} // namespace berth::layers
