#include "layers/layer_tar_reader.h"

#include "layers/entry_path.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>

namespace berth::layers {

namespace {

constexpr std::size_t kReadBlock = 256 << 10;

} // namespace

Result<std::optional<FileEntry>> entryOf(struct archive_entry *entry, PlacedEntry placed)
{
    FileEntry file;
    file.path = std::move(placed.path);
    file.mode = static_cast<std::uint32_t>(archive_entry_perm(entry)) & 07777U;
    file.uid = static_cast<std::uint32_t>(archive_entry_uid(entry));
    file.gid = static_cast<std::uint32_t>(archive_entry_gid(entry));
    file.mtime = archive_entry_mtime(entry);
    file.size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
    if (placed.whiteout) {
        file.type = *placed.whiteout;
        file.size = 0;
    } else if (const char *target = archive_entry_hardlink(entry)) {
        file.type = EntryType::Hardlink;
        auto to = placeEntry(target);
        if (!to.ok() || to->skip || to->whiteout)
            return makeError("LAYER_INVALID", "'" + file.path + "' is a hard link to no file");
        file.linkTarget = std::move(to->path);
    } else {
        switch (archive_entry_filetype(entry)) {
        case AE_IFREG:
            file.type = EntryType::File;
            break;
        case AE_IFDIR:
            file.type = EntryType::Directory;
            break;
        case AE_IFLNK:
            file.type = EntryType::Symlink;
            file.linkTarget = archive_entry_symlink(entry) ? archive_entry_symlink(entry) : "";
            if (file.linkTarget.size() > 4096) // longer than any path a kernel follows
                return makeError("LAYER_INVALID",
                                 "'" + file.path + "' links to a name longer than 4096 bytes");
            break;
        case AE_IFCHR:
            file.type = EntryType::CharDevice;
            break;
        case AE_IFBLK:
            file.type = EntryType::BlockDevice;
            break;
        case AE_IFIFO:
            file.type = EntryType::Fifo;
            break;
        default:
            return std::optional<FileEntry>();
        }
        if (file.type != EntryType::File)
            file.size = 0;
    }
    if (file.size < 0)
        return makeError("LAYER_INVALID", "'" + file.path + "' has a negative size");
    return std::optional<FileEntry>(std::move(file));
}

ssize_t pullLayerBytes(struct archive *a, void *self, const void **block)
{
    auto *reader = static_cast<LayerTarReader *>(self);
    auto n = reader->m_source.read(reader->m_buffer.data(), reader->m_buffer.size());
    if (!n.ok()) {
        reader->m_error = n.error();
        archive_set_error(a, EIO, "%s", n.error().message.c_str());
        return -1;
    }
    *block = reader->m_buffer.data();
    reader->m_bytes += static_cast<std::int64_t>(*n);
    return static_cast<ssize_t>(*n);
}

LayerTarReader::LayerTarReader(ByteSource &source, const oci::Digest &digest)
    : m_source(source)
    , m_digest(digest)
    , m_archive(archive_read_new())
    , m_buffer(kReadBlock)
{
}

LayerTarReader::~LayerTarReader()
{
    if (m_archive)
        archive_read_free(m_archive);
}

Error LayerTarReader::failure(const std::string &what) const
{
    if (m_error)
        return *m_error;
    const char *detail = m_archive ? archive_error_string(m_archive) : nullptr;
    return makeError("LAYER_INVALID",
                     "layer " + m_digest.shortString() + " is no readable tar: " + what +
                         (detail ? std::string(" (") + detail + ")" : std::string()));
}

Status LayerTarReader::open()
{
    if (!m_archive)
        return makeError("IO", "libarchive could not start");
    // Built-in decompressors only (filter_all would also run outside programs).
    archive_read_support_filter_gzip(m_archive);
    archive_read_support_filter_zstd(m_archive);
    archive_read_support_format_tar(m_archive);
    archive_read_support_format_empty(m_archive);
    if (archive_read_open(m_archive, this, nullptr, pullLayerBytes, nullptr) != ARCHIVE_OK)
        return failure("it does not start as one");
    return Ok{};
}

Result<struct archive_entry *> LayerTarReader::next(const std::string &after)
{
    struct archive_entry *entry = nullptr;
    const int status = archive_read_next_header(m_archive, &entry);
    if (status == ARCHIVE_EOF)
        return static_cast<struct archive_entry *>(nullptr);
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        return failure(after.empty() ? std::string("at its start") : "after '" + after + "'");
    return entry;
}

Result<std::optional<LayerTarReader::Placed>> LayerTarReader::nextPlaced(const IndexLimits &limits)
{
    auto header = next(m_last);
    if (!header.ok())
        return header.error();
    if (!*header)
        return std::optional<Placed>();
    if (++m_entries > limits.maxEntries)
        return makeError("LAYER_TOO_LARGE", "layer " + m_digest.shortString() +
                                                " holds more than " +
                                                std::to_string(limits.maxEntries) + " entries");
    if (tarBytes() > limits.maxTarBytes)
        return makeError("LAYER_TOO_LARGE", "layer " + m_digest.shortString() +
                                                " expands to more than " +
                                                std::to_string(limits.maxTarBytes >> 20) + " MiB");
    const char *raw = archive_entry_pathname(*header);
    auto placed = raw ? placeEntry(raw) : Result<PlacedEntry>(makeError("LAYER_INVALID", ""));
    if (!placed.ok())
        return failure("an entry's name cannot be read");
    m_last = placed->path;
    return std::optional<Placed>(Placed{*header, std::move(placed).value()});
}

Result<std::optional<LayerTarReader::Block>> LayerTarReader::dataBlock(const std::string &path)
{
    const void *block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(m_archive, &block, &size, &offset);
    if (status == ARCHIVE_EOF)
        return std::optional<Block>();
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        return failure("the contents of '" + path + "' are cut short");
    return std::optional<Block>(Block{std::string_view(static_cast<const char *>(block), size),
                                      static_cast<std::int64_t>(offset)});
}

Status LayerTarReader::readData(const std::string &path, std::int64_t size, const Sink &sink)
{
    static const std::string zeros(64 << 10, '\0');
    std::int64_t at = 0;
    const auto fillTo = [&](std::int64_t end) -> Status {
        while (at < end) {
            const auto n = static_cast<std::size_t>(
                std::min<std::int64_t>(end - at, static_cast<std::int64_t>(zeros.size())));
            if (Status sunk = sink(std::string_view(zeros.data(), n), true); !sunk.ok())
                return sunk;
            at += static_cast<std::int64_t>(n);
        }
        return Ok{};
    };
    for (;;) {
        auto block = dataBlock(path);
        if (!block.ok())
            return block.error();
        if (!*block)
            break;
        if ((*block)->offset < at || (*block)->offset > size)
            return failure("the contents of '" + path + "' are out of order");
        if (Status hole = fillTo((*block)->offset); !hole.ok())
            return hole;
        if (Status sunk = sink((*block)->data, false); !sunk.ok())
            return sunk;
        at += static_cast<std::int64_t>((*block)->data.size());
    }
    return fillTo(size);
}

Status LayerTarReader::skipData(const std::string &path, std::int64_t maxTarBytes)
{
    for (;;) {
        auto block = dataBlock(path);
        if (!block.ok())
            return block.error();
        if (!*block)
            return Ok{};
        if (tarBytes() > maxTarBytes)
            return makeError("LAYER_TOO_LARGE", "layer " + m_digest.shortString() +
                                                    " expands to more than " +
                                                    std::to_string(maxTarBytes >> 20) + " MiB");
    }
}

std::int64_t LayerTarReader::tarBytes() const
{
    return archive_filter_bytes(m_archive, 0);
}

Status LayerTarReader::drain()
{
    for (;;) {
        auto n = m_source.read(m_buffer.data(), m_buffer.size());
        if (!n.ok())
            return n.error();
        if (*n == 0)
            return Ok{};
        m_bytes += static_cast<std::int64_t>(*n);
    }
}

} // namespace berth::layers
