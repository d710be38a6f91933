#include "layers/entry_contents.h"

#include "layers/entry_path.h"
#include "layers/layer_tar_reader.h"

#include <archive_entry.h>

#include <optional>

namespace berth::layers {

MemoryEntrySink::MemoryEntrySink(std::int64_t maxBytes)
    : m_maxBytes(maxBytes)
{
}

Status MemoryEntrySink::begin(const FileEntry &entry)
{
    m_bytes.clear();
    if (entry.size > m_maxBytes)
        return makeError("TOO_LARGE", "/" + entry.path + " is larger than " +
                                          std::to_string(m_maxBytes >> 20) + " MiB");
    return Ok{};
}

Status MemoryEntrySink::write(std::string_view bytes)
{
    if (static_cast<std::int64_t>(m_bytes.size() + bytes.size()) > m_maxBytes)
        return makeError("TOO_LARGE",
                         "the file is larger than " + std::to_string(m_maxBytes >> 20) + " MiB");
    m_bytes.append(bytes);
    return Ok{};
}

Result<FileEntry> readEntryContents(ByteSource &source, const oci::Digest &digest,
                                    std::string_view path, EntrySink &sink,
                                    const IndexLimits &limits)
{
    LayerTarReader tar(source, digest);
    if (Status opened = tar.open(); !opened.ok())
        return opened.error();
    std::optional<FileEntry> found;
    for (;;) {
        auto header = tar.nextPlaced(limits);
        if (!header.ok())
            return header.error();
        if (!*header)
            break;
        const std::string &last = tar.lastPath();
        PlacedEntry &placed = (*header)->placed;
        if (placed.skip || placed.whiteout || placed.path != path) {
            if (Status skipped = tar.skipData(last, limits.maxTarBytes); !skipped.ok())
                return skipped.error();
            continue;
        }
        auto entry = entryOf((*header)->entry, std::move(placed));
        if (!entry.ok())
            return tar.failure(entry.error().message);
        if (!*entry)
            continue;
        found = std::move(**entry);
        if (Status begun = sink.begin(*found); !begun.ok())
            return begun.error();
        if (found->type != EntryType::File) {
            // A header may still carry a body (a hard link's, say): passed
            // over block by block, so the limit holds.
            if (Status skipped = tar.skipData(last, limits.maxTarBytes); !skipped.ok())
                return skipped.error();
            continue;
        }
        std::int64_t read = 0;
        const Status copied =
            tar.readData(found->path, found->size, [&](std::string_view piece, bool) -> Status {
                read += static_cast<std::int64_t>(piece.size());
                if (read > limits.maxTarBytes)
                    return makeError("LAYER_TOO_LARGE",
                                     "/" + found->path + " expands past the limit");
                return sink.write(piece);
            });
        if (!copied.ok())
            return copied.error();
    }
    if (Status drained = tar.drain(); !drained.ok())
        return drained.error();
    if (!found)
        return makeError("NOT_FOUND",
                         "layer " + digest.shortString() + " has no /" + std::string(path));
    return *found;
}

} // namespace berth::layers
