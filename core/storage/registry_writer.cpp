#include "storage/registry_writer.h"

#include "storage/durable_directory.h"
#include "storage/file_io.h"

#include "oci/name_rules.h"
#include "oci/timestamp.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace berth::storage {

namespace fs = std::filesystem;

namespace {

std::string newUuid()
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    const std::uint64_t a = rng();
    const std::uint64_t b = rng();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0x0fff),
                  static_cast<unsigned>(((b >> 48) & 0x3fff) | 0x8000),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buf;
}

bool validUuid(std::string_view uuid)
{
    if (uuid.size() != 36)
        return false;
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        const char c = uuid[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

// Removed for good before the caller says so: its folder synced.
Status removeDurably(const fs::path &path, const std::string &what)
{
    std::error_code ec;
    forgetDurable(path);
    fs::remove_all(path, ec);
    if (ec)
        return makeError("IO", "cannot remove " + what + ": " + ec.message());
    return syncDirectory(path.parent_path());
}

Status fsyncFile(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return makeError("IO", "cannot open " + path.string() + ": " + std::strerror(errno));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return makeError("IO", "cannot fsync " + path.string() + ": " + std::strerror(errno));
    return Ok{};
}

} // namespace

RegistryWriter::RegistryWriter(fs::path root)
    : m_layout(root)
    , m_store(std::move(root))
{
}

Result<std::string> RegistryWriter::startUpload(std::string_view repository)
{
    auto dir = m_layout.uploadsDir(repository);
    if (!dir.ok())
        return dir.error();
    const std::string uuid = newUuid();
    const fs::path upload = *dir / uuid;
    if (auto s = makeDirectoryDurable(upload); !s.ok())
        return s.error();
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (auto s = writeFileAtomically(upload / "startedat", oci::formatRfc3339(now)); !s.ok())
        return s.error();
    if (auto s = writeFileAtomically(upload / "data", {}); !s.ok())
        return s.error();
    return uuid;
}

Result<fs::path> RegistryWriter::uploadDataPath(std::string_view repository,
                                                std::string_view uuid) const
{
    if (!validUuid(uuid))
        return makeError("BLOB_UPLOAD_INVALID", "invalid upload id");
    auto dir = m_layout.uploadsDir(repository);
    if (!dir.ok())
        return dir.error();
    const fs::path data = *dir / std::string(uuid) / "data";
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(data, ec)))
        return makeError("BLOB_UPLOAD_UNKNOWN",
                         "no upload " + std::string(uuid) + " in " + std::string(repository));
    return data;
}

Status RegistryWriter::cancelUpload(std::string_view repository, std::string_view uuid)
{
    auto data = uploadDataPath(repository, uuid);
    if (!data.ok())
        return data.error();
    std::error_code ec;
    fs::remove_all(data->parent_path(), ec);
    if (ec)
        return makeError("IO", "cannot remove upload: " + ec.message());
    return Ok{};
}

Status RegistryWriter::placeBlob(const fs::path &source, const oci::Digest &digest)
{
    const fs::path target = m_layout.blobDataPath(digest);
    if (auto s = makeDirectoryDurable(target.parent_path()); !s.ok())
        return s;
    std::error_code ec;
    if (fs::is_regular_file(fs::symlink_status(target, ec))) {
        fs::remove(source, ec); // content addressed: already there…
        // …but perhaps placed by a push that has not synced its name yet.
        return makeNameDurable(target);
    }
    if (auto s = fsyncFile(source); !s.ok())
        return s;
    if (::rename(source.c_str(), target.c_str()) != 0)
        return makeError("IO", "cannot move blob into place: " + std::string(std::strerror(errno)));
    if (auto s = syncDirectory(target.parent_path()); !s.ok())
        return s;
    rememberDurable(target);
    return Ok{};
}

Result<BlobEntry> RegistryWriter::commitUpload(std::string_view repository, std::string_view uuid,
                                               const oci::Digest &expected,
                                               const std::optional<StreamedHash> &streamed)
{
    auto stored = storeUpload(repository, uuid, expected, streamed);
    if (!stored.ok())
        return stored;
    if (auto s = mountBlob(repository, expected); !s.ok())
        return s.error();
    return stored;
}

Result<BlobEntry> RegistryWriter::storeUpload(std::string_view repository, std::string_view uuid,
                                              const oci::Digest &expected,
                                              const std::optional<StreamedHash> &streamed)
{
    auto data = uploadDataPath(repository, uuid);
    if (!data.ok())
        return data.error();
    std::error_code ec;
    const auto size = fs::file_size(*data, ec);
    if (ec)
        return makeError("BLOB_UPLOAD_UNKNOWN", "the upload's data is gone: " + ec.message());
    oci::Digest actual = expected;
    if (streamed && streamed->digest.algorithm() == expected.algorithm() &&
        streamed->length == size) {
        actual = streamed->digest;
    } else {
        auto hashed = hashFile(*data, expected.algorithm());
        if (!hashed.ok())
            return hashed.error();
        actual = *hashed;
    }
    if (actual != expected)
        return makeError("DIGEST_INVALID", "uploaded content has digest " + actual.toString() +
                                               ", not " + expected.toString());
    if (auto s = placeBlob(*data, expected); !s.ok())
        return s.error();
    fs::remove_all(data->parent_path(), ec);
    return BlobEntry{expected, size};
}

Result<BlobEntry> RegistryWriter::putBlob(std::string_view repository, std::string_view bytes,
                                          const oci::Digest &expected)
{
    auto stored = storeBytes(repository, bytes, expected);
    if (!stored.ok())
        return stored;
    if (auto s = mountBlob(repository, expected); !s.ok())
        return s.error();
    return stored;
}

Result<BlobEntry> RegistryWriter::storeBytes(std::string_view repository, std::string_view bytes,
                                             const oci::Digest &expected)
{
    auto upload = startUpload(repository);
    if (!upload.ok())
        return upload.error();
    auto data = uploadDataPath(repository, *upload);
    if (auto s = writeFileAtomically(*data, bytes); !s.ok()) {
        (void)cancelUpload(repository, *upload);
        return s.error();
    }
    auto stored = storeUpload(repository, *upload, expected);
    if (!stored.ok())
        (void)cancelUpload(repository, *upload);
    return stored;
}

Status RegistryWriter::mountBlob(std::string_view repository, const oci::Digest &digest)
{
    if (!m_store.blobSize(digest))
        return makeError("BLOB_UNKNOWN", "blob " + digest.toString() + " is not in the store");
    auto link = m_layout.layerLinkPath(repository, digest);
    if (!link.ok())
        return link.error();
    // Fresh modification time: an online GC keeps blobs that were just
    // uploaded or mounted (their manifest may still be on its way).
    ::utimensat(AT_FDCWD, m_layout.blobDataPath(digest).c_str(), nullptr, AT_SYMLINK_NOFOLLOW);
    // A link to it is durable only if the blob is (another push may have
    // just placed it).
    if (auto s = makeNameDurable(m_layout.blobDataPath(digest)); !s.ok())
        return s;
    return writeLink(*link, digest);
}

Status RegistryWriter::makeReferenceDurable(std::string_view repository, const oci::Digest &digest,
                                            bool manifest)
{
    if (manifest) {
        auto revision = m_layout.revisionLinkPath(repository, digest);
        return revision.ok() ? makeNameDurable(*revision) : Status(revision.error());
    }
    if (auto s = makeNameDurable(m_layout.blobDataPath(digest)); !s.ok())
        return s;
    auto link = m_layout.layerLinkPath(repository, digest);
    return link.ok() ? makeNameDurable(*link) : Status(link.error());
}

Status RegistryWriter::putManifest(std::string_view repository, std::string_view bytes,
                                   const oci::Digest &digest,
                                   std::optional<std::string_view> tagName)
{
    if (tagName) {
        if (auto valid = oci::validateTag(*tagName); !valid.ok())
            return valid;
    }
    // A manifest is linked as a revision, not as a layer.
    auto stored = storeBytes(repository, bytes, digest);
    if (!stored.ok())
        return stored.error();
    auto revision = m_layout.revisionLinkPath(repository, digest);
    if (!revision.ok())
        return revision.error();
    if (auto s = writeLink(*revision, digest); !s.ok())
        return s;
    if (tagName)
        return tag(repository, *tagName, digest);
    return Ok{};
}

Status RegistryWriter::tag(std::string_view repository, std::string_view tagName,
                           const oci::Digest &digest)
{
    auto index = m_layout.tagIndexLinkPath(repository, tagName, digest);
    auto current = m_layout.tagCurrentLinkPath(repository, tagName);
    if (!index.ok())
        return index.error();
    if (!current.ok())
        return current.error();
    if (auto s = writeLink(*index, digest); !s.ok())
        return s;
    return writeLink(*current, digest); // last: readers see the tag only when complete
}

Status RegistryWriter::deleteTag(std::string_view repository, std::string_view tagName)
{
    auto current = m_layout.tagCurrentLinkPath(repository, tagName);
    if (!current.ok())
        return current.error();
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(*current, ec)))
        return makeError("MANIFEST_UNKNOWN",
                         "tag " + std::string(tagName) + " is not in " + std::string(repository));
    // current/link first, so an interrupted delete leaves no half tag visible.
    fs::remove(*current, ec);
    return removeDurably(current->parent_path().parent_path(), "tag");
}

Status RegistryWriter::deleteManifest(std::string_view repository, const oci::Digest &digest)
{
    auto revision = m_layout.revisionLinkPath(repository, digest);
    if (!revision.ok())
        return revision.error();
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(*revision, ec)))
        return makeError("MANIFEST_UNKNOWN",
                         "manifest " + digest.toString() + " is not in " + std::string(repository));
    for (const TagEntry &t : m_store.tags(std::string(repository))) {
        if (t.digest == digest) {
            if (auto s = deleteTag(repository, t.tag); !s.ok())
                return s;
        } else if (auto index = m_layout.tagIndexLinkPath(repository, t.tag, digest);
                   index.ok() && fs::exists(fs::symlink_status(index->parent_path(), ec))) {
            if (auto s = removeDurably(index->parent_path(), "tag index entry"); !s.ok())
                return s;
        }
    }
    return removeDurably(revision->parent_path(), "manifest");
}

Status RegistryWriter::deleteLayerLink(std::string_view repository, const oci::Digest &digest)
{
    auto link = m_layout.layerLinkPath(repository, digest);
    if (!link.ok())
        return link.error();
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(*link, ec)))
        return makeError("BLOB_UNKNOWN", "blob " + digest.toString() + " is not linked into " +
                                             std::string(repository));
    return removeDurably(link->parent_path(), "layer link");
}

Status RegistryWriter::removeRepository(std::string_view repository)
{
    auto dir = m_layout.repositoryDir(repository);
    if (!dir.ok())
        return dir.error();
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(*dir / "_manifests", ec)) &&
        !fs::is_directory(fs::symlink_status(*dir / "_layers", ec)))
        return makeError("NAME_UNKNOWN", "no repository " + std::string(repository));
    forgetDurable(*dir);
    for (const char *part : {"_manifests", "_layers", "_uploads"}) {
        fs::remove_all(*dir / part, ec);
        if (ec)
            return makeError("IO", "cannot remove " + std::string(repository) + "/" + part + ": " +
                                       ec.message());
    }
    if (auto s = syncDirectory(*dir); !s.ok())
        return s;
    fs::remove(*dir, ec); // stays when nested repositories live below
    return syncDirectory(dir->parent_path());
}

} // namespace berth::storage
