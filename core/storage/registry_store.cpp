#include "storage/registry_store.h"

#include "storage/file_io.h"

#include "oci/name_rules.h"
#include "oci/timestamp.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace berth::storage {

namespace fs = std::filesystem;

namespace {

using Type = DirectoryEntry::Type;

constexpr std::string_view kV2 = "docker/registry/v2/";

// Lists a directory, reporting symlinks (never followed) as problems.
std::vector<DirectoryEntry> listReporting(const Directory &dir, const std::string &relative,
                                          std::vector<Problem> *problems)
{
    std::vector<DirectoryEntry> entries = dir.list();
    if (problems) {
        for (const DirectoryEntry &e : entries) {
            if (e.type == Type::Symlink)
                problems->push_back({relative + "/" + e.name, "symbolic link (not followed)"});
        }
    }
    return entries;
}

void reportOpenFailure(const Directory &dir, const std::string &relative,
                       std::vector<Problem> *problems)
{
    if (!problems || dir.valid() || dir.error() == ENOENT || dir.error() == ENOTDIR ||
        dir.error() == 0)
        return;
    if (dir.error() == ELOOP || dir.error() == EXDEV)
        problems->push_back({relative, "symbolic link on the way (not followed)"});
    else
        problems->push_back({relative, std::string("cannot list: ") + std::strerror(dir.error())});
}

} // namespace

RegistryStore::RegistryStore(fs::path root)
    : m_layout(std::move(root))
{
}

bool RegistryStore::exists() const
{
    std::error_code ec;
    return fs::is_directory(m_layout.v2(), ec);
}

std::vector<std::string> RegistryStore::repositories(std::vector<Problem> *problems) const
{
    return foldersHolding({"_manifests", "_layers"}, problems);
}

std::vector<std::string> RegistryStore::uploadFolders(std::vector<Problem> *problems) const
{
    return foldersHolding({"_uploads"}, problems);
}

std::vector<std::string>
RegistryStore::foldersHolding(std::initializer_list<std::string_view> markers,
                              std::vector<Problem> *problems) const
{
    std::vector<std::string> out;
    const std::string topRelative = std::string(kV2) + "repositories";
    const Directory top = Directory::open(m_layout.repositoriesDir());
    reportOpenFailure(top, topRelative, problems);
    // Depth-first over sorted entries yields component-wise byte order; each
    // level holds one descriptor, so open descriptors are bounded by depth.
    struct Walker
    {
        std::vector<std::string> &out;
        std::vector<Problem> *problems;
        const std::string &topRelative;
        std::initializer_list<std::string_view> markers;

        void walk(const Directory &dir, const std::string &name, int depth)
        {
            const std::string relative = topRelative + "/" + name;
            const auto children = listReporting(dir, relative, problems);
            const bool isRepository =
                std::any_of(children.begin(), children.end(), [this](const DirectoryEntry &e) {
                    return e.type == Type::Directory &&
                           std::find(markers.begin(), markers.end(), e.name) != markers.end();
                });
            if (isRepository) {
                if (oci::validateRepositoryName(name).ok())
                    out.push_back(name);
                else if (problems)
                    problems->push_back({relative, "directory is not a valid repository name"});
            }
            if (depth >= 64) { // a name is at most 255 characters: deeper is not a registry
                if (problems)
                    problems->push_back({relative, "nested too deep; not scanned"});
                return;
            }
            for (const DirectoryEntry &child : children) {
                if (child.type != Type::Directory || child.name.starts_with('_'))
                    continue;
                const Directory sub = dir.openChild(child.name);
                reportOpenFailure(sub, relative + "/" + child.name, problems);
                if (sub.valid())
                    walk(sub, name + "/" + child.name, depth + 1);
            }
        }
    } walker{out, problems, topRelative, markers};

    for (const DirectoryEntry &entry : listReporting(top, topRelative, problems)) {
        if (entry.type != Type::Directory || entry.name.starts_with('_'))
            continue;
        const Directory sub = top.openChild(entry.name);
        reportOpenFailure(sub, topRelative + "/" + entry.name, problems);
        if (sub.valid())
            walker.walk(sub, entry.name, 1);
    }
    return out;
}

Directory RegistryStore::openRepositoryPart(const std::string &repository, std::string_view part,
                                            std::string *relative) const
{
    if (!oci::validateRepositoryName(repository).ok())
        return {};
    std::string path = repository;
    path += '/';
    path += part;
    *relative = std::string(kV2) + "repositories/" + path;
    // No symlink anywhere below the repositories folder is followed: a
    // `_manifests` pointing elsewhere must not lead GC outside the root.
    return Directory::openBeneath(m_layout.repositoriesDir(), path);
}

std::vector<oci::Digest> RegistryStore::linkDirectory(const Directory &dir,
                                                      const std::string &relative,
                                                      std::vector<Problem> *problems) const
{
    // <dir>/<algorithm>/<hex>/link
    std::vector<oci::Digest> out;
    reportOpenFailure(dir, relative, problems);
    for (const DirectoryEntry &algorithm : listReporting(dir, relative, problems)) {
        if (algorithm.type != Type::Directory)
            continue;
        const std::string algorithmRelative = relative + "/" + algorithm.name;
        if (algorithm.name != "sha256" && algorithm.name != "sha512") {
            if (problems)
                problems->push_back({algorithmRelative, "unknown digest algorithm folder"});
            continue;
        }
        const Directory algorithmDir = dir.openChild(algorithm.name);
        reportOpenFailure(algorithmDir, algorithmRelative, problems);
        for (const DirectoryEntry &hex : listReporting(algorithmDir, algorithmRelative, problems)) {
            if (hex.type != Type::Directory)
                continue;
            bool newline = false;
            auto link = algorithmDir.readLink(hex.name + "/link", &newline);
            // The folder must be named after the digest its link holds; the
            // comparison spares parsing the folder name as well.
            const bool matches =
                link.ok() && link->algorithmName() == algorithm.name && link->hex() == hex.name;
            if (!matches && !oci::Digest::parse(algorithm.name + ":" + hex.name).ok()) {
                if (problems)
                    problems->push_back(
                        {algorithmRelative + "/" + hex.name, "folder name is not a digest"});
                continue;
            }
            if (!link.ok()) {
                if (problems)
                    problems->push_back({algorithmRelative + "/" + hex.name + "/link",
                                         link.error().message, link.error().code == "NOT_FOUND"});
                continue;
            }
            if (!matches) {
                if (problems)
                    problems->push_back(
                        {algorithmRelative + "/" + hex.name + "/link",
                         "link points at " + link->toString() + ", not at its own digest"});
                continue;
            }
            if (newline && problems)
                problems->push_back({algorithmRelative + "/" + hex.name + "/link",
                                     "link file ends with a newline; distribution cannot read "
                                     "it (Berth reads it as " +
                                         link->toString() + ")"});
            out.push_back(*link);
        }
    }
    return out;
}

std::vector<TagEntry> RegistryStore::tags(const std::string &repository,
                                          std::vector<Problem> *problems) const
{
    std::vector<TagEntry> out;
    std::string relative;
    const Directory dir = openRepositoryPart(repository, "_manifests/tags", &relative);
    reportOpenFailure(dir, relative, problems);
    for (const DirectoryEntry &tag : listReporting(dir, relative, problems)) {
        if (tag.type != Type::Directory)
            continue;
        if (!oci::validateTag(tag.name).ok()) {
            if (problems)
                problems->push_back({relative + "/" + tag.name, "folder is not a valid tag"});
            continue;
        }
        bool newline = false;
        auto link = dir.readLink(tag.name + "/current/link", &newline);
        if (!link.ok()) {
            if (problems)
                problems->push_back({relative + "/" + tag.name + "/current/link",
                                     link.error().message, link.error().code == "NOT_FOUND"});
            continue;
        }
        if (newline && problems)
            problems->push_back({relative + "/" + tag.name + "/current/link",
                                 "link file ends with a newline; distribution cannot read it"});
        out.push_back({tag.name, *link});
    }
    return out;
}

std::vector<oci::Digest> RegistryStore::revisions(const std::string &repository,
                                                  std::vector<Problem> *problems) const
{
    std::string relative;
    const Directory dir = openRepositoryPart(repository, "_manifests/revisions", &relative);
    return dir.valid() || dir.error() != 0 ? linkDirectory(dir, relative, problems)
                                           : std::vector<oci::Digest>{};
}

std::vector<oci::Digest> RegistryStore::layerLinks(const std::string &repository,
                                                   std::vector<Problem> *problems) const
{
    std::string relative;
    const Directory dir = openRepositoryPart(repository, "_layers", &relative);
    return dir.valid() || dir.error() != 0 ? linkDirectory(dir, relative, problems)
                                           : std::vector<oci::Digest>{};
}

std::vector<UploadEntry> RegistryStore::uploads(const std::string &repository,
                                                std::vector<Problem> *problems) const
{
    std::vector<UploadEntry> out;
    auto dir = m_layout.uploadsDir(repository);
    if (!dir.ok())
        return out;
    std::string relative;
    const Directory uploadsDir = openRepositoryPart(repository, "_uploads", &relative);
    reportOpenFailure(uploadsDir, relative, problems);
    for (const DirectoryEntry &upload : listReporting(uploadsDir, relative, problems)) {
        if (upload.type != Type::Directory)
            continue;
        UploadEntry entry;
        entry.repository = repository;
        entry.uuid = upload.name;
        entry.bytes = uploadsDir.fileSize(upload.name + "/data").value_or(0);
        std::error_code writtenError;
        const auto written = fs::last_write_time(*dir / upload.name / "data", writtenError);
        if (!writtenError)
            entry.lastWritten = std::chrono::file_clock::to_sys(written);
        if (auto started = uploadsDir.readFile(upload.name + "/startedat", 256); started.ok()) {
            std::string_view text = *started;
            while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
                text.remove_suffix(1);
            if (auto t = oci::parseRfc3339(text); t.ok())
                entry.startedAt = std::chrono::system_clock::time_point(t->time_since_epoch());
        }
        if (!entry.startedAt) {
            // Fall back to the folder's modification time.
            std::error_code ec;
            const auto mtime = fs::last_write_time(*dir / upload.name, ec);
            if (!ec)
                entry.startedAt = std::chrono::file_clock::to_sys(mtime);
        }
        out.push_back(std::move(entry));
    }
    return out;
}

std::vector<BlobEntry> RegistryStore::blobs(std::vector<Problem> *problems, bool withSizes) const
{
    std::vector<BlobEntry> out;
    const std::string blobsRelative = std::string(kV2) + "blobs";
    const Directory blobsDir = Directory::open(m_layout.blobsDir());
    reportOpenFailure(blobsDir, blobsRelative, problems);
    for (const DirectoryEntry &algorithm : listReporting(blobsDir, blobsRelative, problems)) {
        if (algorithm.type != Type::Directory)
            continue;
        const std::string algorithmRelative = blobsRelative + "/" + algorithm.name;
        if (algorithm.name != "sha256" && algorithm.name != "sha512") {
            if (problems)
                problems->push_back({algorithmRelative, "unknown digest algorithm folder"});
            continue;
        }
        const Directory algorithmDir = blobsDir.openChild(algorithm.name);
        reportOpenFailure(algorithmDir, algorithmRelative, problems);
        std::string digestText = algorithm.name + ":";
        const std::size_t prefixLength = digestText.size();
        for (const DirectoryEntry &prefix :
             listReporting(algorithmDir, algorithmRelative, problems)) {
            if (prefix.type != Type::Directory)
                continue;
            const std::string prefixRelative = algorithmRelative + "/" + prefix.name;
            const Directory prefixDir = algorithmDir.openChild(prefix.name);
            reportOpenFailure(prefixDir, prefixRelative, problems);
            for (const DirectoryEntry &hex : listReporting(prefixDir, prefixRelative, problems)) {
                if (hex.type != Type::Directory)
                    continue;
                digestText.resize(prefixLength);
                digestText += hex.name;
                auto digest = oci::Digest::parse(digestText);
                if (!digest.ok() || hex.name.compare(0, 2, prefix.name) != 0) {
                    if (problems)
                        problems->push_back(
                            {prefixRelative + "/" + hex.name, "folder name is not a blob digest"});
                    continue;
                }
                if (!withSizes) {
                    out.push_back({std::move(digest.value()), 0});
                    continue;
                }
                const auto size = prefixDir.fileSize(hex.name + "/data");
                if (!size) {
                    if (problems)
                        problems->push_back({prefixRelative + "/" + hex.name + "/data",
                                             "blob folder without a data file", true});
                    continue;
                }
                out.push_back({std::move(digest.value()), *size});
            }
        }
    }
    return out;
}

std::string RegistryStore::blobDataRelative(const oci::Digest &digest)
{
    std::string out(digest.algorithmName());
    out += '/';
    out.append(digest.hex(), 0, 2);
    out += '/';
    out += digest.hex();
    out += "/data";
    return out;
}

std::optional<std::uintmax_t> RegistryStore::blobSize(const Directory &blobs,
                                                      const oci::Digest &digest)
{
    return blobs.fileSize(blobDataRelative(digest));
}

Result<std::string> RegistryStore::readBlob(const Directory &blobs, const oci::Digest &digest,
                                            std::uintmax_t maxBytes)
{
    return blobs.readFile(blobDataRelative(digest), maxBytes);
}

std::optional<std::uintmax_t> RegistryStore::blobSize(const oci::Digest &digest) const
{
    std::error_code ec;
    const fs::path path = m_layout.blobDataPath(digest);
    const fs::file_status st = fs::symlink_status(path, ec);
    if (ec || !fs::is_regular_file(st))
        return std::nullopt;
    const auto size = fs::file_size(path, ec);
    return ec ? std::nullopt : std::optional<std::uintmax_t>(size);
}

Result<std::string> RegistryStore::readBlob(const oci::Digest &digest,
                                            std::uintmax_t maxBytes) const
{
    return readSmallFile(m_layout.blobDataPath(digest), maxBytes);
}

} // namespace berth::storage
