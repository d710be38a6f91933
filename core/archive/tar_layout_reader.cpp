#include "archive/tar_layout_reader.h"

#include "archive/entry_name.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstring>

namespace berth::archive {

namespace fs = std::filesystem;

TarLayoutReader::TarLayoutReader(fs::path path)
    : LayoutReader(std::move(path))
{
}

TarLayoutReader::~TarLayoutReader()
{
    closeArchive();
}

void TarLayoutReader::closeArchive()
{
    if (m_archive)
        archive_read_free(m_archive);
    m_archive = nullptr;
    m_entry = nullptr;
    m_seen.clear();
    m_links.clear();
    m_entries = 0;
}

Status TarLayoutReader::openArchive()
{
    closeArchive();
    m_archive = archive_read_new();
    if (!m_archive)
        return makeError("IO", "libarchive could not start");
    // Built-in decompressors only: filter_all also registers ones libarchive
    // runs as outside programs (lrzip, grzip), on whatever the file holds.
    archive_read_support_filter_gzip(m_archive);
    archive_read_support_filter_bzip2(m_archive);
    archive_read_support_filter_xz(m_archive);
    archive_read_support_filter_zstd(m_archive);
    archive_read_support_format_tar(m_archive);
    if (archive_read_open_filename(m_archive, path().c_str(), 256 << 10) != ARCHIVE_OK) {
        Error error =
            makeError("IO", path().string() + ": " +
                                (archive_error_string(m_archive) ? archive_error_string(m_archive)
                                                                 : "cannot be opened as a tar"));
        closeArchive();
        return error;
    }
    return Ok{};
}

Status TarLayoutReader::restart(const std::map<std::string, oci::Digest> &)
{
    return openArchive();
}

Error TarLayoutReader::damaged(const std::string &at) const
{
    const char *detail = m_archive ? archive_error_string(m_archive) : nullptr;
    return makeError("ARCHIVE_INVALID",
                     path().string() + ": damaged or truncated at " + at +
                         (detail ? std::string(" (") + detail + ")" : std::string()));
}

Result<std::string> TarLayoutReader::nextEntry()
{
    for (;;) {
        const int status = archive_read_next_header(m_archive, &m_entry);
        if (status == ARCHIVE_EOF)
            return std::string();
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return damaged(m_seen.empty() ? std::string("its start") : "an entry's header");
        const char *raw = archive_entry_pathname(m_entry);
        if (!raw)
            return invalid("an entry's name cannot be read");
        if (std::strlen(raw) > kMaxEntryName)
            return invalid("an entry's name is longer than 4 KiB");
        if (++m_entries > kMaxEntries)
            return invalid("it holds more than 100,000 entries");
        auto name = plainEntryName(raw);
        if (!name.ok())
            return invalid(name.error().message);
        if (const char *to = archive_entry_hardlink(m_entry) ? archive_entry_hardlink(m_entry)
                                                             : archive_entry_symlink(m_entry)) {
            m_links.emplace(*name, to); // an alias, never followed
            continue;
        }
        const auto type = archive_entry_filetype(m_entry);
        if (type == AE_IFDIR)
            continue;
        if (type != AE_IFREG)
            return invalid("entry '" + std::string(raw) +
                           "' is no regular file (a device, a pipe or a socket)");
        if (!archive_entry_size_is_set(m_entry) || archive_entry_size(m_entry) < 0)
            return invalid("entry '" + std::string(raw) + "' has no size");
        if (!m_seen.emplace(*name, archive_entry_size(m_entry)).second)
            return invalid("entry '" + *name + "' appears twice");
        return *name;
    }
}

Result<std::string> TarLayoutReader::readWhole(const std::string &name, std::size_t max)
{
    const std::int64_t size = archive_entry_size(m_entry);
    if (size > static_cast<std::int64_t>(max))
        return invalid("entry '" + name + "' is larger than " + std::to_string(max >> 20) + " MiB");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::size_t filled = 0;
    while (filled < bytes.size()) {
        const la_ssize_t n =
            archive_read_data(m_archive, bytes.data() + filled, bytes.size() - filled);
        if (n <= 0)
            return damaged("entry '" + name + "'");
        filled += static_cast<std::size_t>(n);
    }
    return bytes;
}

Result<LayoutContents> TarLayoutReader::scan()
{
    if (Status opened = openArchive(); !opened.ok())
        return opened.error();
    LayoutContents contents;
    for (;;) {
        auto name = nextEntry();
        if (!name.ok())
            return name.error();
        if (name->empty())
            break;
        const std::int64_t size = archive_entry_size(m_entry);
        contents.files[*name] = size;
        if (const auto digest = blobDigestOf(*name))
            contents.blobs[*digest] = size;
        const bool top = *name == "index.json" || *name == "manifest.json";
        const bool loose = isLooseDocument(*name);
        if (!top &&
            (!(blobDigestOf(*name) || loose) || size > static_cast<std::int64_t>(kMaxDocument))) {
            if (archive_read_data_skip(m_archive) != ARCHIVE_OK)
                return damaged("entry '" + *name + "'");
            continue;
        }
        auto bytes = readWhole(*name, kMaxDocument);
        if (!bytes.ok())
            return bytes.error();
        if (*name == "index.json") {
            if (Status read = readIndex(contents, *bytes); !read.ok())
                return invalid(read.error().message);
        } else if (*name == "manifest.json") {
            contents.dockerManifest = std::move(bytes).value();
        } else if (loose) {
            if (Status kept = keepLooseDocument(contents, *name, std::move(bytes).value());
                !kept.ok())
                return kept.error();
        } else if (Status kept = keepDocument(contents, *name, std::move(bytes).value());
                   !kept.ok()) {
            return kept.error();
        }
    }
    contents.links = m_links;
    closeArchive();
    if (!contents.hasIndex && contents.dockerManifest.empty())
        return invalid("it is no OCI layout (no index.json) nor a docker save archive (no "
                       "manifest.json)");
    return contents;
}

Result<std::optional<std::pair<std::string, std::int64_t>>>
TarLayoutReader::openNext(const std::map<std::string, oci::Digest> &wanted)
{
    using Next = std::optional<std::pair<std::string, std::int64_t>>;
    for (;;) {
        auto name = nextEntry();
        if (!name.ok())
            return name.error();
        if (name->empty()) {
            closeArchive();
            return Next();
        }
        if (wanted.count(*name))
            return Next(std::pair{*name, archive_entry_size(m_entry)});
        if (archive_read_data_skip(m_archive) != ARCHIVE_OK)
            return damaged("entry '" + *name + "'");
    }
}

Result<std::size_t> TarLayoutReader::readOpen(char *buffer, std::size_t max)
{
    const la_ssize_t n = archive_read_data(m_archive, buffer, max);
    if (n < 0)
        return damaged("a blob");
    return static_cast<std::size_t>(n);
}

} // namespace berth::archive
