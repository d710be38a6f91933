#include "layers/layer_indexer.h"

#include "layers/entry_path.h"
#include "layers/layer_tar_reader.h"

#include "oci/digest_hasher.h"

#include <archive_entry.h>

namespace berth::layers {

namespace {

constexpr std::int64_t kHashedHoles = std::int64_t{64} << 20; // per file

std::uint8_t hexValue(char c)
{
    return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10);
}

std::array<std::uint8_t, 16> contentOf(oci::DigestHasher &hasher)
{
    const std::string hex = hasher.finish().hex();
    std::array<std::uint8_t, 16> out{};
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>(hexValue(hex[2 * i]) << 4 | hexValue(hex[2 * i + 1]));
    return out;
}

class Indexer
{
public:
    Indexer(ByteSource &source, const oci::Digest &digest, const IndexLimits &limits)
        : m_limits(limits)
        , m_tar(source, digest)
    {
        m_index.digest = digest;
    }

    Result<LayerIndex> run();

private:
    Status readEntry(struct archive_entry *entry);
    Status readContents(FileEntry &file);
    Status checkExpanded() const;

    IndexLimits m_limits;
    LayerTarReader m_tar;
    LayerIndex m_index;
    oci::DigestHasher m_hasher;
    std::int64_t m_readOut = 0; // contents read out of the tar, holes included
};

Status Indexer::checkExpanded() const
{
    if (std::max(m_tar.tarBytes(), m_readOut) <= m_limits.maxTarBytes)
        return Ok{};
    return makeError("LAYER_TOO_LARGE",
                     "layer " + m_index.digest.shortString() + " expands to more than " +
                         std::to_string(m_limits.maxTarBytes >> 20) +
                         " MiB; Berth stops there (a compressed bomb would never end)");
}

Status Indexer::readContents(FileEntry &file)
{
    std::int64_t holes = 0;
    const Status read =
        m_tar.readData(file.path, file.size, [&](std::string_view piece, bool hole) {
            if (hole) {
                // Zeros are hashed as such up to a bound (a sparse file then
                // hashes as its dense copy); past it, cheaply: a 300 GB sparse
                // lastlog must not cost 300 GB of hashing.
                holes += static_cast<std::int64_t>(piece.size());
                if (holes <= kHashedHoles)
                    m_hasher.update(piece);
                else
                    m_hasher.update(std::string_view("\0hole", 5));
                return Status(Ok{});
            }
            m_hasher.update(piece);
            m_readOut += static_cast<std::int64_t>(piece.size());
            return checkExpanded();
        });
    if (!read.ok())
        return read;
    file.content = contentOf(m_hasher);
    return Ok{};
}

Status Indexer::readEntry(struct archive_entry *entry)
{
    const char *raw = archive_entry_pathname(entry);
    if (!raw)
        return m_tar.failure("an entry's name cannot be read");
    auto placed = placeEntry(raw);
    if (!placed.ok())
        return m_tar.failure(placed.error().message);
    if (placed->renamed)
        ++m_index.renamedEntries;
    if (placed->skip)
        return Ok{};
    if (m_index.entries.size() >= m_limits.maxEntries)
        return makeError("LAYER_TOO_LARGE", "layer " + m_index.digest.shortString() +
                                                " holds more than " +
                                                std::to_string(m_limits.maxEntries) + " entries");
    auto file = entryOf(entry, std::move(*placed));
    if (!file.ok())
        return m_tar.failure(file.error().message);
    if (!*file)
        return Ok{};
    if ((*file)->type == EntryType::File)
        if (Status read = readContents(**file); !read.ok())
            return read;
    m_index.entries.push_back(std::move(**file));
    return Ok{};
}

Result<LayerIndex> Indexer::run()
{
    if (Status opened = m_tar.open(); !opened.ok())
        return opened.error();
    for (;;) {
        auto entry =
            m_tar.next(m_index.entries.empty() ? std::string() : m_index.entries.back().path);
        if (!entry.ok())
            return entry.error();
        if (!*entry)
            break;
        if (Status read = readEntry(*entry); !read.ok())
            return read.error();
        // Whatever body the entry has and was not read (a socket's, a hard
        // link's) is passed over block by block, so the limit holds.
        if (Status skipped = m_tar.skipData(m_index.entries.empty() ? std::string()
                                                                    : m_index.entries.back().path,
                                            m_limits.maxTarBytes);
            !skipped.ok())
            return skipped.error();
        if (Status expanded = checkExpanded(); !expanded.ok())
            return expanded.error();
    }
    m_index.tarBytes = m_tar.tarBytes();
    // The blob may go on past the tar's end (padding): read it all, so the
    // caller's digest check sees every byte.
    if (Status drained = m_tar.drain(); !drained.ok())
        return drained.error();
    m_index.blobBytes = m_tar.blobBytes();
    return std::move(m_index);
}

} // namespace

Result<LayerIndex> indexLayer(ByteSource &source, const oci::Digest &digest,
                              const IndexLimits &limits)
{
    return Indexer(source, digest, limits).run();
}

} // namespace berth::layers
