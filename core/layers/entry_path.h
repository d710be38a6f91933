#pragma once

#include "layers/file_entry.h"

#include "oci/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace berth::layers {

// Where a tar entry's name lands in a container's filesystem.
struct PlacedEntry
{
    std::string path;                  // plain and relative; "" is the root
    bool renamed = false;              // absolute, or climbed above the root with ".."
    bool skip = false;                 // the root itself, or aufs bookkeeping (".wh..wh.*")
    std::optional<EntryType> whiteout; // `path` is what it deletes
};

// Cleans `name` as a runtime does when it applies a layer under a root
// ("/etc/x" and "../../etc/x" both land at "etc/x") and reads OCI
// whiteouts. LAYER_INVALID for a name longer than 4096 bytes.
Result<PlacedEntry> placeEntry(std::string_view name);

// "a/b/c" → "a/b"; "c" → "".
std::string_view parentOf(std::string_view path);

// A path as indexes hold it: relative, at least one component, none of
// them empty, "." or "..".
bool isPlainPath(std::string_view path);

// What follows "folder/" in `path` (every path when `folder` is "", the
// root); nullopt when `path` is not strictly under `folder`.
std::optional<std::string_view> pathUnder(std::string_view path, std::string_view folder);

// A path a person typed ("/etc/nginx/", "./etc", "usr/../etc") as indexes
// hold it ("etc/nginx", "etc", "etc"); "/" and "." are "", the root.
std::string plainFromTyped(std::string_view typed);

} // namespace berth::layers
