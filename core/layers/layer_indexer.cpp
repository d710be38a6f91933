#include "layers/layer_indexer.h"

#include "layers/entry_path.h"

#include "oci/digest_hasher.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <vector>

namespace berth::layers {

namespace {

constexpr std::size_t kReadBlock = 256 << 10;

// libarchive pulls from the source through this; the source's own error
// is kept so the caller gets it, not libarchive's paraphrase.
struct Pull
{
    ByteSource *source = nullptr;
    std::vector<char> buffer = std::vector<char>(kReadBlock);
    std::int64_t bytes = 0;
    std::optional<Error> error;
};

la_ssize_t pullBytes(struct archive *a, void *data, const void **block)
{
    auto *pull = static_cast<Pull *>(data);
    auto n = pull->source->read(pull->buffer.data(), pull->buffer.size());
    if (!n.ok()) {
        pull->error = n.error();
        archive_set_error(a, EIO, "%s", n.error().message.c_str());
        return -1;
    }
    *block = pull->buffer.data();
    pull->bytes += static_cast<std::int64_t>(*n);
    return static_cast<la_ssize_t>(*n);
}

struct ArchiveFree
{
    void operator()(struct archive *a) const { archive_read_free(a); }
};

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
        , m_archive(archive_read_new())
    {
        m_pull.source = &source;
        m_index.digest = digest;
    }

    Result<LayerIndex> run();

private:
    Error failure(const std::string &what) const;
    Status readEntry(struct archive_entry *entry);
    Status readContents(FileEntry &file);
    Status checkExpanded() const;

    IndexLimits m_limits;
    std::unique_ptr<struct archive, ArchiveFree> m_archive;
    Pull m_pull;
    LayerIndex m_index;
    oci::DigestHasher m_hasher;
};

Error Indexer::failure(const std::string &what) const
{
    if (m_pull.error)
        return *m_pull.error;
    const char *detail = archive_error_string(m_archive.get());
    return makeError("LAYER_INVALID",
                     "layer " + m_index.digest.shortString() + " is no readable tar: " + what +
                         (detail ? std::string(" (") + detail + ")" : std::string()));
}

Status Indexer::checkExpanded() const
{
    if (archive_filter_bytes(m_archive.get(), 0) <= m_limits.maxTarBytes)
        return Ok{};
    return makeError("LAYER_TOO_LARGE",
                     "layer " + m_index.digest.shortString() + " expands to more than " +
                         std::to_string(m_limits.maxTarBytes >> 20) +
                         " MiB; Berth stops there (a compressed bomb would never end)");
}

Status Indexer::readContents(FileEntry &file)
{
    const void *block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
        const int status = archive_read_data_block(m_archive.get(), &block, &size, &offset);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return failure("the contents of '" + file.path + "' are cut short");
        m_hasher.update(block, size);
        if (Status expanded = checkExpanded(); !expanded.ok())
            return expanded;
    }
    file.content = contentOf(m_hasher);
    return Ok{};
}

Status Indexer::readEntry(struct archive_entry *entry)
{
    const char *raw = archive_entry_pathname(entry);
    if (!raw)
        return failure("an entry's name cannot be read");
    auto placed = placeEntry(raw);
    if (!placed.ok())
        return failure(placed.error().message);
    if (placed->renamed)
        ++m_index.renamedEntries;
    if (placed->skip)
        return Ok{};
    if (m_index.entries.size() >= m_limits.maxEntries)
        return makeError("LAYER_TOO_LARGE", "layer " + m_index.digest.shortString() +
                                                " holds more than " +
                                                std::to_string(m_limits.maxEntries) + " entries");
    FileEntry file;
    file.path = std::move(placed->path);
    file.mode = static_cast<std::uint32_t>(archive_entry_perm(entry)) & 07777U;
    file.uid = static_cast<std::uint32_t>(archive_entry_uid(entry));
    file.gid = static_cast<std::uint32_t>(archive_entry_gid(entry));
    file.mtime = archive_entry_mtime(entry);
    file.size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
    if (placed->whiteout) {
        file.type = *placed->whiteout;
        file.size = 0;
    } else if (const char *target = archive_entry_hardlink(entry)) {
        file.type = EntryType::Hardlink;
        auto to = placeEntry(target);
        if (!to.ok() || to->skip || to->whiteout)
            return failure("'" + file.path + "' is a hard link to no file");
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
            return Ok{}; // a socket: no runtime creates one from a tar
        }
        if (file.type != EntryType::File)
            file.size = 0;
    }
    if (file.size < 0)
        return failure("'" + file.path + "' has a negative size");
    if (file.type == EntryType::File)
        if (Status read = readContents(file); !read.ok())
            return read;
    m_index.entries.push_back(std::move(file));
    return Ok{};
}

Result<LayerIndex> Indexer::run()
{
    struct archive *a = m_archive.get();
    if (!a)
        return makeError("IO", "libarchive could not start");
    // Built-in decompressors only (filter_all would also run outside programs).
    archive_read_support_filter_gzip(a);
    archive_read_support_filter_zstd(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_empty(a);
    if (archive_read_open(a, &m_pull, nullptr, pullBytes, nullptr) != ARCHIVE_OK)
        return failure("it does not start as one");
    for (;;) {
        struct archive_entry *entry = nullptr;
        const int status = archive_read_next_header(a, &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return failure(m_index.entries.empty() ? "at its start"
                                                   : "after '" + m_index.entries.back().path + "'");
        if (Status read = readEntry(entry); !read.ok())
            return read.error();
        if (Status expanded = checkExpanded(); !expanded.ok())
            return expanded.error();
    }
    m_index.tarBytes = archive_filter_bytes(a, 0);
    // The blob may go on past the tar's end (padding): read it all, so the
    // caller's digest check sees every byte.
    std::vector<char> rest(kReadBlock);
    for (;;) {
        auto n = m_pull.source->read(rest.data(), rest.size());
        if (!n.ok())
            return n.error();
        if (*n == 0)
            break;
        m_pull.bytes += static_cast<std::int64_t>(*n);
    }
    m_index.blobBytes = m_pull.bytes;
    return std::move(m_index);
}

} // namespace

Result<LayerIndex> indexLayer(ByteSource &source, const oci::Digest &digest,
                              const IndexLimits &limits)
{
    return Indexer(source, digest, limits).run();
}

} // namespace berth::layers
