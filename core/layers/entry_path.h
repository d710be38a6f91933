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

} // namespace berth::layers
