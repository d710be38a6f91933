#include "archive/tar_layout_writer.h"

#include "archive/durable_file.h"
#include "archive/layout_json.h"

#include <archive.h>
#include <archive_entry.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace berth::archive {

namespace fs = std::filesystem;

TarLayoutWriter::TarLayoutWriter(fs::path path, LayoutFormat format)
    : LayoutWriter(format)
    , m_path(std::move(path))
{
}

TarLayoutWriter::~TarLayoutWriter()
{
    if (m_archive)
        archive_write_free(m_archive); // closes (a trailer) into the temporary file
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_done && !m_partial.empty())
        ::unlink(m_partial.c_str());
}

void TarLayoutWriter::removeTemporary()
{
    if (!m_partial.empty())
        ::unlink(m_partial.c_str());
}

Result<std::unique_ptr<TarLayoutWriter>> TarLayoutWriter::open(const fs::path &path,
                                                               LayoutFormat format, bool replace)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return makeError("LAYOUT_INVALID", path.string() + " is a directory, not an archive file");
    if (!replace && fs::exists(fs::symlink_status(path, ec)))
        return makeError("EXISTS", path.string() + " exists already");
    std::unique_ptr<TarLayoutWriter> writer(new TarLayoutWriter(path, format));
    if (Status started = writer->start(); !started.ok())
        return started.error();
    return writer;
}

Status TarLayoutWriter::start()
{
    const fs::path folder = m_path.has_parent_path() ? m_path.parent_path() : fs::path(".");
    std::string pattern = (folder / ("." + m_path.filename().string() + ".XXXXXX")).string();
    m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (m_fd < 0)
        return makeError("IO", "cannot create a file in " + folder.string() + ": " +
                                   std::strerror(errno));
    m_partial = pattern;
    ::fchmod(m_fd, 0644);
    m_archive = archive_write_new();
    if (!m_archive)
        return makeError("IO", "libarchive could not start a tar");
    if (archive_write_set_format_pax_restricted(m_archive) != ARCHIVE_OK ||
        archive_write_open_fd(m_archive, m_fd) != ARCHIVE_OK)
        return archiveError("cannot start the tar");
    if (Status marker = addFile("oci-layout", layoutMarkerJson()); !marker.ok())
        return marker;
    return addEntry("blobs/", 0, true);
}

Error TarLayoutWriter::archiveError(const std::string &what) const
{
    const char *detail = m_archive ? archive_error_string(m_archive) : nullptr;
    return makeError("IO", what + " (" + m_partial.string() + ")" +
                               (detail ? std::string(": ") + detail : std::string()));
}

Status TarLayoutWriter::addEntry(const std::string &name, std::int64_t size, bool directory)
{
    struct archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_filetype(entry, directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry, directory ? 0755 : 0644);
    archive_entry_set_size(entry, directory ? 0 : size);
    archive_entry_set_mtime(entry, 0, 0); // the same image makes the same tar
    const int status = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (status != ARCHIVE_OK)
        return archiveError("cannot add " + name + " to the tar");
    return Ok{};
}

Status TarLayoutWriter::addFile(const std::string &name, std::string_view bytes)
{
    if (Status added = addEntry(name, static_cast<std::int64_t>(bytes.size()), false); !added.ok())
        return added;
    if (Status written = writeBlob(bytes); !written.ok())
        return written;
    if (archive_write_finish_entry(m_archive) != ARCHIVE_OK)
        return archiveError("cannot write " + name);
    return Ok{};
}

Status TarLayoutWriter::openBlob(const oci::Digest &digest, std::int64_t size)
{
    const std::string folder = "blobs/" + std::string(digest.algorithmName()) + "/";
    if (m_folders.insert(folder).second) {
        if (Status added = addEntry(folder, 0, true); !added.ok())
            return added;
    }
    return addEntry(blobPath(digest), size, false);
}

Status TarLayoutWriter::writeBlob(std::string_view bytes)
{
    while (!bytes.empty()) {
        const la_ssize_t n = archive_write_data(m_archive, bytes.data(), bytes.size());
        if (n <= 0)
            return archiveError("cannot write to the tar");
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return Ok{};
}

Status TarLayoutWriter::closeBlob(const oci::Digest &digest)
{
    if (archive_write_finish_entry(m_archive) != ARCHIVE_OK)
        return archiveError("cannot write " + blobPath(digest));
    return Ok{};
}

void TarLayoutWriter::dropBlob()
{
    // An entry's header is out with its size: the tar cannot be mended.
    // The destructor removes it.
}

Status TarLayoutWriter::finish(const std::vector<LayoutImage> &images)
{
    if (Status index = addFile("index.json", layoutIndexJson(images)); !index.ok())
        return index;
    if (format() == LayoutFormat::DockerArchive) {
        if (Status manifest = addFile("manifest.json", dockerManifestJson(images)); !manifest.ok())
            return manifest;
    }
    if (archive_write_close(m_archive) != ARCHIVE_OK)
        return archiveError("cannot finish the tar");
    archive_write_free(m_archive);
    m_archive = nullptr;
    if (abandoned()) // stopped while the tar was being finished
        return makeError("CANCELLED", "stopped");
    const int fd = m_fd;
    m_fd = -1;
    if (Status placed = syncCloseAndRename(fd, m_partial, m_path); !placed.ok())
        return placed;
    m_done = true;
    return Ok{};
}

} // namespace berth::archive
