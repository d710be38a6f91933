#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace berth::layers {

enum class EntryType : std::uint8_t
{
    File,
    Directory,
    Symlink,
    Hardlink, // linkTarget: the path (in the image) it shares content with
    CharDevice,
    BlockDevice,
    Fifo,
    // OCI whiteouts: `path` is what they delete from the layers below.
    Whiteout,       // "<dir>/.wh.<name>": <dir>/<name> and all under it
    OpaqueWhiteout, // "<dir>/.wh..wh..opq": everything under <dir>
};

// One entry of a layer's tar, as a container would see it: `path` is plain
// and relative ("etc/nginx/nginx.conf"; the root is never listed).
struct FileEntry
{
    std::string path;
    EntryType type = EntryType::File;
    std::int64_t size = 0;  // regular files; a hard link has its target's
    std::uint32_t mode = 0; // permission bits (07777)
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::int64_t mtime = 0; // seconds since the epoch
    std::string linkTarget; // symlinks: as written; hard links: a plain path
    // Regular files: the first 16 bytes of the SHA-256 of the contents
    // (what a diff compares); zero for everything else.
    std::array<std::uint8_t, 16> content{};

    bool isWhiteout() const
    {
        return type == EntryType::Whiteout || type == EntryType::OpaqueWhiteout;
    }
    bool operator==(const FileEntry &) const = default;
};

const char *entryTypeName(EntryType type); // "file", "dir", "symlink", ...
// As ls -l writes it: "drwxr-xr-x", "-rwsr-xr-x", "lrwxrwxrwx"; "w" first
// for a whiteout.
std::string modeString(EntryType type, std::uint32_t mode);

} // namespace berth::layers
