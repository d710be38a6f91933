#pragma once

#include "oci/digest.h"
#include "oci/result.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::storage {

struct DirectoryEntry
{
    enum class Type
    {
        Directory,
        File,
        Symlink,
        Other
    };
    std::string name;
    Type type = Type::Other;
};

// An open directory descriptor, and everything the readers do relative to it.
// Walking a store through descriptors makes the kernel resolve one short name
// per call instead of the full path from `/` (what dominated the GC's time),
// and every relative open resolves beneath this directory without following
// any symlink (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), so a hostile
// store cannot lead a reader out of its root.
class Directory
{
public:
    Directory() = default;
    ~Directory();
    Directory(Directory &&other) noexcept;
    Directory &operator=(Directory &&other) noexcept;
    Directory(const Directory &) = delete;
    Directory &operator=(const Directory &) = delete;

    // The error is the errno of the failed open (0 when valid).
    static Directory open(const std::filesystem::path &path);
    // `relative` resolved beneath `base` without following any symlink in it
    // (`base` itself is the user's choice and may be one).
    static Directory openBeneath(const std::filesystem::path &base, std::string_view relative);
    Directory openChild(std::string_view relative) const;

    bool valid() const { return m_fd >= 0; }
    int error() const { return m_error; }
    int fd() const { return m_fd; }

    // Sorted by name (byte order); "." and ".." left out; no stat per entry
    // where the filesystem fills in d_type.
    std::vector<DirectoryEntry> list() const;

    // A link file: exactly "<algorithm>:<hex>", one trailing newline tolerated
    // (`*hadNewline` says so; distribution itself would refuse it).
    Result<oci::Digest> readLink(std::string_view relative, bool *hadNewline = nullptr) const;
    // A regular file of at most `maxBytes`, whole.
    Result<std::string> readFile(std::string_view relative, std::uintmax_t maxBytes) const;
    // Size of a regular file (no symlink followed); nullopt otherwise.
    std::optional<std::uintmax_t> fileSize(std::string_view relative) const;
    struct FileInfo
    {
        std::uintmax_t size = 0;
        std::chrono::system_clock::time_point modified;
    };
    std::optional<FileInfo> fileInfo(std::string_view relative) const;

private:
    explicit Directory(int fd, int error)
        : m_fd(fd)
        , m_error(error)
    {
    }
    int openRelative(std::string_view relative, int flags) const;

    int m_fd = -1;
    int m_error = 0;
};

} // namespace berth::storage
