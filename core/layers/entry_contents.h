#pragma once

#include "layers/byte_source.h"
#include "layers/file_entry.h"
#include "layers/layer_indexer.h"

#include <string>
#include <string_view>

namespace berth::layers {

// Where one entry's contents go. begin() comes again when the tar lists
// the path once more (the last one is what a runtime applies): start over.
class EntrySink
{
public:
    virtual ~EntrySink() = default;
    virtual Status begin(const FileEntry &entry) = 0;
    virtual Status write(std::string_view bytes) = 0;
};

// Keeps the contents in memory, up to `maxBytes` (TOO_LARGE beyond).
class MemoryEntrySink : public EntrySink
{
public:
    explicit MemoryEntrySink(std::int64_t maxBytes);
    Status begin(const FileEntry &entry) override;
    Status write(std::string_view bytes) override;
    std::string take() { return std::move(m_bytes); }

private:
    std::int64_t m_maxBytes;
    std::string m_bytes;
};

// Reads `path`'s entry out of a layer blob, its contents (a regular
// file's; none for anything else) to `sink`. The whole blob is read —
// the last entry at the path wins, and the caller checks the blob's
// digest on every byte before it trusts what the sink got. NOT_FOUND when
// the layer has no such entry; a hard link comes back as one (its
// contents are its target's: read that next). Errors as indexLayer's.
Result<FileEntry> readEntryContents(ByteSource &source, const oci::Digest &digest,
                                    std::string_view path, EntrySink &sink,
                                    const IndexLimits &limits = {});

} // namespace berth::layers
