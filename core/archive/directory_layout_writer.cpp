#include "archive/directory_layout_writer.h"

#include "archive/durable_file.h"
#include "archive/layout_json.h"

#include "oci/media_types.h"
#include "oci/parsed_manifest.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace berth::archive {

namespace fs = std::filesystem;

DirectoryLayoutWriter::DirectoryLayoutWriter(fs::path root)
    : LayoutWriter(LayoutFormat::OciDirectory)
    , m_root(std::move(root))
{
}

DirectoryLayoutWriter::~DirectoryLayoutWriter()
{
    dropBlob();
    if (m_lockFd >= 0)
        ::close(m_lockFd); // and the lock with it
}

// One writer per layout at a time (two exports into one folder would
// each rewrite index.json without the other's images).
Status DirectoryLayoutWriter::lock()
{
    m_lockFd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_lockFd < 0)
        return makeError("IO", "cannot open " + m_root.string() + ": " + std::strerror(errno));
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0)
        return makeError(errno == EWOULDBLOCK ? "BUSY" : "IO",
                         "another export is writing into " + m_root.string() +
                             "; try again once it has finished");
    return Ok{};
}

Result<std::unique_ptr<DirectoryLayoutWriter>> DirectoryLayoutWriter::open(const fs::path &root)
{
    std::error_code ec;
    const auto status = fs::symlink_status(root, ec);
    if (fs::exists(status) && !fs::is_directory(status))
        return makeError("LAYOUT_INVALID", root.string() + " exists and is not a directory");
    std::unique_ptr<DirectoryLayoutWriter> writer(new DirectoryLayoutWriter(root));
    fs::create_directories(root, ec);
    if (Status locked = writer->lock(); !locked.ok())
        return locked.error();
    if (fs::exists(status)) {
        if (fs::exists(root / "oci-layout", ec)) {
            if (Status read = writer->readExisting(); !read.ok())
                return read.error();
        } else if (!fs::is_empty(root, ec)) {
            return makeError("LAYOUT_INVALID",
                             root.string() + " is neither empty nor an OCI image layout "
                                             "(it has no oci-layout file): nothing was written");
        }
    }
    fs::create_directories(root / "blobs" / "sha256", ec);
    if (ec)
        return makeError("IO", "cannot create " + (root / "blobs").string() + ": " + ec.message());
    // A layout from the start: an export stopped before its index.json
    // leaves a folder the next one takes (an empty layout), not a stranger.
    if (!fs::exists(root / "oci-layout", ec)) {
        if (Status marker = writeFileDurably(root / "oci-layout", layoutMarkerJson()); !marker.ok())
            return marker.error();
    }
    return writer;
}

Status DirectoryLayoutWriter::readExisting()
{
    std::error_code missing;
    if (!fs::exists(m_root / "index.json", missing))
        return readBlobs(); // a layout with no image yet
    std::ifstream in(m_root / "index.json", std::ios::binary);
    if (!in)
        return makeError("LAYOUT_INVALID", (m_root / "index.json").string() + " cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    auto index = oci::parseManifest(text.str(), oci::media_type::OciIndex);
    if (!index.ok() || !index->index())
        return makeError("LAYOUT_INVALID",
                         (m_root / "index.json").string() + " is not an image index" +
                             (index.ok() ? std::string() : ": " + index.error().message));
    for (const oci::Descriptor &d : index->index()->manifests) {
        LayoutImage image;
        image.manifest = d;
        if (auto it = image.manifest.annotations.find(kRefNameAnnotation);
            it != image.manifest.annotations.end()) {
            image.refName = it->second;
            image.manifest.annotations.erase(it);
        }
        if (auto it = image.manifest.annotations.find(kImageNameAnnotation);
            it != image.manifest.annotations.end()) {
            image.imageName = it->second;
            image.manifest.annotations.erase(it);
        }
        m_existing.push_back(std::move(image));
    }
    return readBlobs();
}

Status DirectoryLayoutWriter::readBlobs()
{
    std::error_code ec;
    for (const char *algorithm : {"sha256", "sha512"}) {
        for (fs::directory_iterator it(m_root / "blobs" / algorithm, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (!it->is_regular_file(ec))
                continue;
            auto digest =
                oci::Digest::parse(std::string(algorithm) + ":" + it->path().filename().string());
            if (digest.ok())
                remember(*digest, static_cast<std::int64_t>(it->file_size(ec)));
        }
    }
    return Ok{};
}

Status DirectoryLayoutWriter::openBlob(const oci::Digest &digest, std::int64_t)
{
    const fs::path folder = m_root / "blobs" / std::string(digest.algorithmName());
    std::error_code ec;
    fs::create_directories(folder, ec);
    std::string pattern = (folder / ("." + digest.hex() + ".XXXXXX")).string();
    m_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (m_fd < 0)
        return makeError("IO", "cannot create a file in " + folder.string() + ": " +
                                   std::strerror(errno));
    ::fchmod(m_fd, 0644);
    m_partial = pattern;
    return Ok{};
}

Status DirectoryLayoutWriter::writeBlob(std::string_view bytes)
{
    return writeAll(m_fd, bytes, m_partial);
}

Status DirectoryLayoutWriter::closeBlob(const oci::Digest &digest)
{
    const int fd = m_fd;
    m_fd = -1;
    const fs::path target = m_root / blobPath(digest);
    Status placed = syncCloseAndRename(fd, m_partial, target);
    if (!placed.ok())
        dropBlob();
    m_partial.clear();
    return placed;
}

void DirectoryLayoutWriter::dropBlob()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_partial.empty()) {
        std::error_code ec;
        fs::remove(m_partial, ec);
        m_partial.clear();
    }
}

Status DirectoryLayoutWriter::finish(const std::vector<LayoutImage> &images)
{
    std::vector<LayoutImage> all;
    for (const LayoutImage &old : m_existing) {
        const bool replaced = !old.refName.empty() &&
                              std::any_of(images.begin(), images.end(), [&old](const auto &image) {
                                  return image.refName == old.refName;
                              });
        const bool again = std::any_of(images.begin(), images.end(), [&old](const auto &image) {
            return image.refName == old.refName && image.manifest.digest == old.manifest.digest;
        });
        if (!replaced && !again)
            all.push_back(old);
    }
    all.insert(all.end(), images.begin(), images.end());
    if (abandoned()) // stopped: index.json stays as it was
        return makeError("CANCELLED", "stopped");
    if (Status marker = writeFileDurably(m_root / "oci-layout", layoutMarkerJson()); !marker.ok())
        return marker;
    return writeFileDurably(m_root / "index.json", layoutIndexJson(all));
}

} // namespace berth::archive
