#pragma once

#include "oci/result.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace berth::layers {

// Writes a folder of an image to disk — folders, files, symbolic links
// kept as links, hard links — where nothing in the image can make it
// write anywhere else: every path is walked from the folder's own
// descriptor one component at a time, never following a link (a layer
// that makes "a" a link to /etc and then writes "a/passwd" gets an
// error for that entry, not a file in /etc). Everything goes into a
// hidden folder beside `destination`, which becomes `destination` only
// at commit(); a writer destroyed before then removes what it wrote.
class TreeWriter
{
public:
    // BUSY when `destination` exists; IO when its parent cannot be written.
    static Result<std::unique_ptr<TreeWriter>> create(const std::filesystem::path &destination);
    ~TreeWriter();
    TreeWriter(const TreeWriter &) = delete;
    TreeWriter &operator=(const TreeWriter &) = delete;

    // `path` is relative to the folder written ("etc/nginx.conf"), plain.
    // Modes keep permission bits only (setuid, setgid, sticky dropped); a
    // folder's is set at commit(), so that a read-only folder still takes
    // what goes into it.
    Status folder(const std::string &path, std::uint32_t mode);
    Status symlink(const std::string &path, const std::string &target);
    Status beginFile(const std::string &path, std::uint32_t mode);
    Status write(std::string_view bytes);
    // `bytes` of zeros, as a hole (a sparse file stays sparse).
    Status hole(std::int64_t bytes);
    Status endFile();
    // `target` was written by this writer (a hard link never points out).
    Status hardlink(const std::string &path, const std::string &target);
    Status commit();

private:
    TreeWriter(std::filesystem::path destination, std::filesystem::path temporary, int root);
    // The folder holding `path`'s last component, opened without following
    // links (missing folders made); its name in `leaf`.
    Result<int> openParent(const std::string &path, std::string &leaf);
    Error refused(const std::string &path, const char *why) const;

    std::filesystem::path m_destination;
    std::filesystem::path m_temporary;
    int m_root;
    int m_file = -1;
    std::string m_filePath;
    std::map<std::string, std::uint32_t> m_folderModes;
    bool m_committed = false;
};

} // namespace berth::layers
