#pragma once

#include "layers/file_entry.h"

#include "oci/digest.h"

#include <cstdint>
#include <vector>

namespace berth::layers {

// What one layer blob holds, in its tar's order. Content-addressed: the
// same digest always has the same index, whatever tag or registry.
struct LayerIndex
{
    oci::Digest digest = oci::Digest::emptySha256(); // the blob's (compressed)
    std::int64_t blobBytes = 0;                      // bytes of the blob read
    std::int64_t tarBytes = 0;                       // bytes of the tar inside it
    std::vector<FileEntry> entries;
    // Entries whose name was absolute or climbed with "..": listed where a
    // runtime puts them (under the root), and counted here as a warning.
    std::uint32_t renamedEntries = 0;

    std::int64_t fileBytes() const; // sum of regular files' sizes
    bool operator==(const LayerIndex &) const = default;
};

} // namespace berth::layers
