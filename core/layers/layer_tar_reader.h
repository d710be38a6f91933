#pragma once

#include "layers/byte_source.h"
#include "layers/entry_path.h"
#include "layers/file_entry.h"
#include "layers/layer_indexer.h"

#include "oci/digest.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

struct archive;
struct archive_entry;

namespace berth::layers {

// The entry a tar header describes, placed at `placed` (placeEntry):
// nullopt for a socket (no runtime makes one from a tar); an error (its
// message, to be said as damage) for a hard link to nothing or a size
// below zero.
Result<std::optional<FileEntry>> entryOf(struct archive_entry *entry, PlacedEntry placed);

// libarchive over a ByteSource, set up as every layer reader needs it:
// tar (plain, gzip or zstd, built-in filters only) or nothing at all; the
// source's own error kept, so the caller gets it rather than libarchive's
// paraphrase. Shared by indexLayer and readEntryContents.
class LayerTarReader
{
public:
    LayerTarReader(ByteSource &source, const oci::Digest &digest);
    ~LayerTarReader();
    LayerTarReader(const LayerTarReader &) = delete;
    LayerTarReader &operator=(const LayerTarReader &) = delete;

    Status open();
    // The next header, or nullptr at the tar's end.
    Result<struct archive_entry *> next(const std::string &after);
    // The next header and where its name lands, nullopt at the tar's end;
    // LAYER_TOO_LARGE past `limits` (entries counted, the tar's expansion).
    struct Placed
    {
        struct archive_entry *entry = nullptr;
        PlacedEntry placed;
    };
    Result<std::optional<Placed>> nextPlaced(const IndexLimits &limits);
    // The plain path of the entry nextPlaced() gave last.
    const std::string &lastPath() const { return m_last; }
    // The current entry's contents, `size` bytes, to `sink` piece by
    // piece as libarchive decompresses them — a sparse file's holes as
    // zeros, with `hole` set (a reader may seek instead of writing them);
    // the sink's error stops the reading.
    using Sink = std::function<Status(std::string_view piece, bool hole)>;
    Status readData(const std::string &path, std::int64_t size, const Sink &sink);
    // Passes over the current entry's data block by block, so that a
    // limit on expansion stops a bomb inside it (libarchive's own skip
    // would decompress all of it first).
    Status skipData(const std::string &path, std::int64_t maxTarBytes);
    // Bytes of tar read so far (what a limit on expansion counts).
    std::int64_t tarBytes() const;
    // Reads what the source still holds (past the tar's end), so that the
    // blob's digest can be checked on every byte.
    Status drain();
    std::int64_t blobBytes() const { return m_bytes; }
    const oci::Digest &digest() const { return m_digest; }
    // LAYER_INVALID naming `what`, or the source's own error.
    Error failure(const std::string &what) const;

private:
    struct Block
    {
        std::string_view data;
        std::int64_t offset = 0;
    };
    Result<std::optional<Block>> dataBlock(const std::string &path);

    // libarchive's read callback.
    friend ssize_t pullLayerBytes(struct archive *a, void *self, const void **block);

    ByteSource &m_source;
    oci::Digest m_digest;
    struct archive *m_archive;
    std::vector<char> m_buffer;
    std::int64_t m_bytes = 0;
    std::size_t m_entries = 0; // headers nextPlaced() read
    std::string m_last;
    std::optional<Error> m_error;
};

} // namespace berth::layers
