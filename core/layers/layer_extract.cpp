#include "layers/layer_extract.h"

#include "layers/entry_path.h"
#include "layers/layer_tar_reader.h"
#include "layers/tree_writer.h"

#include <archive_entry.h>

namespace berth::layers {

Result<ExtractCount> extractLayer(ByteSource &source, const oci::Digest &digest,
                                  const std::string &folder,
                                  const std::function<bool(const FileEntry &)> &wanted,
                                  TreeWriter &writer, const IndexLimits &limits)
{
    LayerTarReader tar(source, digest);
    if (Status opened = tar.open(); !opened.ok())
        return opened.error();
    ExtractCount count;
    std::int64_t readOut = 0;
    for (;;) {
        auto header = tar.nextPlaced(limits);
        if (!header.ok())
            return header.error();
        if (!*header)
            break;
        const std::string &last = tar.lastPath();
        auto entry = (*header)->placed.skip
                         ? Result<std::optional<FileEntry>>(std::optional<FileEntry>())
                         : entryOf((*header)->entry, std::move((*header)->placed));
        if (!entry.ok())
            return tar.failure(entry.error().message);
        const FileEntry *e = *entry ? &**entry : nullptr;
        const auto relative = e ? pathUnder(e->path, folder) : std::nullopt;
        if (!e || !relative || e->isWhiteout() || !wanted(*e)) {
            if (Status skipped = tar.skipData(last, limits.maxTarBytes); !skipped.ok())
                return skipped.error();
            continue;
        }
        Status written = Ok{};
        switch (e->type) {
        case EntryType::Directory:
            written = writer.folder(std::string(*relative), e->mode);
            break;
        case EntryType::Symlink:
            written = writer.symlink(std::string(*relative), e->linkTarget);
            break;
        case EntryType::Hardlink: {
            const auto target = pathUnder(e->linkTarget, folder);
            written = target ? writer.hardlink(std::string(*relative), std::string(*target))
                             : makeError("REFUSED", "a link to outside the folder");
            break;
        }
        case EntryType::File:
            written = writer.beginFile(std::string(*relative), e->mode);
            if (written.ok()) {
                written = tar.readData(
                    e->path, e->size, [&](std::string_view piece, bool hole) -> Status {
                        if (hole) // a sparse file stays sparse
                            return writer.hole(static_cast<std::int64_t>(piece.size()));
                        readOut += static_cast<std::int64_t>(piece.size());
                        if (readOut > limits.maxTarBytes)
                            return makeError("LAYER_TOO_LARGE",
                                             "layer " + digest.shortString() + " expands past " +
                                                 std::to_string(limits.maxTarBytes >> 20) + " MiB");
                        return writer.write(piece);
                    });
                if (written.ok())
                    written = writer.endFile();
                else
                    (void)writer.endFile();
                if (!written.ok() && written.error().code != "REFUSED")
                    return written.error(); // the layer, or the disk, failed
            }
            if (written.ok())
                count.bytes += e->size;
            break;
        default:
            written = makeError("REFUSED", "a device or a pipe");
            break;
        }
        if (written.ok()) {
            ++count.entries;
        } else if (written.error().code == "REFUSED") {
            ++count.skipped;
            if (Status skipped = tar.skipData(last, limits.maxTarBytes); !skipped.ok())
                return skipped.error();
        } else {
            return written.error();
        }
    }
    if (Status drained = tar.drain(); !drained.ok())
        return drained.error();
    return count;
}

} // namespace berth::layers
