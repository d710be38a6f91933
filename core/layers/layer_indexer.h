#pragma once

#include "layers/byte_source.h"
#include "layers/layer_index.h"

#include <cstddef>
#include <cstdint>

namespace berth::layers {

// What one layer may hold before indexing stops with LAYER_TOO_LARGE: the
// entries are kept in memory, and a small blob can expand without end
// (a gzip bomb). The defaults fit every real image seen; berth-cli and the
// app say which limit was hit.
struct IndexLimits
{
    std::size_t maxEntries = 1'000'000;
    std::int64_t maxTarBytes = std::int64_t{64} << 30; // the expanded tar
};

// Reads a layer blob — a tar, plain, gzip or zstd (every OCI and Docker
// layer type) — from `source` front to back and lists its entries; file
// contents are hashed on the way (FileEntry::content) and never kept.
// Names are made plain as a runtime applies them (an absolute name or one
// that climbs with ".." lands under the root, and is counted); whiteouts
// become Whiteout/OpaqueWhiteout entries. Errors: LAYER_INVALID (not a
// tar, truncated, damaged), LAYER_TOO_LARGE, or the source's own. The
// blob's digest is the caller's to check: `digest` is only recorded.
Result<LayerIndex> indexLayer(ByteSource &source, const oci::Digest &digest,
                              const IndexLimits &limits = {});

} // namespace berth::layers
