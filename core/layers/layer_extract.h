#pragma once

#include "layers/byte_source.h"
#include "layers/file_entry.h"
#include "layers/layer_indexer.h"

#include <cstdint>
#include <functional>
#include <string>

namespace berth::layers {

class TreeWriter;

struct ExtractCount
{
    std::int64_t entries = 0; // written
    std::int64_t bytes = 0;   // of file contents written
    std::int64_t skipped = 0; // refused by the writer, or a hard link to outside the folder
};

// Reads a layer blob and writes the entries `wanted` says yes to that lie
// under `folder` (plain; "" for the whole image) through `writer`, at
// their path relative to `folder`: folders, files, symbolic links, hard
// links to files inside the folder. An entry the writer refuses (under a
// link, say) is counted as skipped, not an error. Whiteouts and devices
// are not written. Every byte of the blob is read (the caller checks the
// digest before it commits the writer); limits as indexLayer's.
Result<ExtractCount> extractLayer(ByteSource &source, const oci::Digest &digest,
                                  const std::string &folder,
                                  const std::function<bool(const FileEntry &)> &wanted,
                                  TreeWriter &writer, const IndexLimits &limits = {});

} // namespace berth::layers
