#pragma once

#include "layers/merged_tree.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace berth::layers {

// A path whose bytes the image carries more than once.
struct WastedPath
{
    std::string path;
    std::int64_t bytes = 0; // wasted: every version no container sees
    int versions = 0;       // written this many times (counting the one seen)
    bool removed = false;   // the image ends without it
};

// The same contents at several visible paths.
struct DuplicateFiles
{
    std::vector<std::string> paths; // sorted
    std::int64_t size = 0;          // of one copy
    std::int64_t bytes() const { return size * static_cast<std::int64_t>(paths.size() - 1); }
};

// Why an image is larger than what a container sees, as dive measures it:
// every version of a file a later layer overwrites or deletes is wasted;
// efficiency is the share of the layers' file bytes that a container sees.
// Files with the same contents at different paths are listed apart (they
// may be intended), as `duplicates`.
struct WasteReport
{
    std::int64_t layerBytes = 0;            // regular files' bytes over all layers
    std::int64_t visibleBytes = 0;          // what a container sees
    std::int64_t wastedBytes = 0;           // layerBytes - visibleBytes
    double efficiency = 1.0;                // visibleBytes / layerBytes
    std::vector<WastedPath> paths;          // largest first
    std::vector<DuplicateFiles> duplicates; // largest first

    // `top` bounds both lists (0: all of them).
    static WasteReport of(const std::vector<const LayerIndex *> &layers, const MergedTree &tree,
                          std::size_t top = 0);
};

} // namespace berth::layers
