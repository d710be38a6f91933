#include "storage/registry_store.h"

#include "storage/file_io.h"

#include "oci/name_rules.h"
#include "oci/timestamp.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>

namespace berth::storage {

namespace fs = std::filesystem;

namespace {

// Entries of a directory, sorted by name; symlinks reported and skipped.
// Uses readdir's d_type, so listing costs no stat per entry.
struct Entry
{
    std::string name;
    fs::path path;
    bool isDir = false;
};

std::vector<Entry> listDir(const fs::path &dir, std::vector<Problem> *problems,
                           const Layout &layout)
{
    std::vector<Entry> out;
    DIR *d = ::opendir(dir.c_str());
    if (!d) {
        if (problems && errno != ENOENT && errno != ENOTDIR)
            problems->push_back(
                {layout.relative(dir), std::string("cannot list: ") + std::strerror(errno)});
        return out;
    }
    while (const dirent *e = ::readdir(d)) {
        const std::string_view name = e->d_name;
        if (name == "." || name == "..")
            continue;
        unsigned char type = e->d_type;
        fs::path path = dir / e->d_name;
        if (type == DT_UNKNOWN) {
            struct stat st
            {
            };
            if (::lstat(path.c_str(), &st) != 0)
                continue;
            type = S_ISDIR(st.st_mode)   ? DT_DIR
                   : S_ISLNK(st.st_mode) ? DT_LNK
                   : S_ISREG(st.st_mode) ? DT_REG
                                         : DT_UNKNOWN;
        }
        if (type == DT_LNK) {
            if (problems)
                problems->push_back({layout.relative(path), "symbolic link (not followed)"});
            continue;
        }
        out.push_back({std::string(name), std::move(path), type == DT_DIR});
    }
    ::closedir(d);
    std::sort(out.begin(), out.end(),
              [](const Entry &a, const Entry &b) { return a.name < b.name; });
    return out;
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

void RegistryStore::report(std::vector<Problem> *problems, const fs::path &path,
                           std::string message) const
{
    if (problems)
        problems->push_back({m_layout.relative(path), std::move(message)});
}

std::vector<std::string> RegistryStore::repositories(std::vector<Problem> *problems) const
{
    std::vector<std::string> out;
    // Depth-first over sorted entries yields component-wise byte order.
    struct Frame
    {
        fs::path dir;
        std::string name;
    };
    std::vector<Frame> stack;
    const auto top = listDir(m_layout.repositoriesDir(), problems, m_layout);
    for (auto it = top.rbegin(); it != top.rend(); ++it) {
        if (it->isDir && !it->name.starts_with('_'))
            stack.push_back({it->path, it->name});
    }
    while (!stack.empty()) {
        Frame frame = std::move(stack.back());
        stack.pop_back();
        const auto children = listDir(frame.dir, problems, m_layout);
        const bool isRepository = std::any_of(children.begin(), children.end(), [](const Entry &e) {
            return e.isDir && (e.name == "_manifests" || e.name == "_layers");
        });
        if (isRepository) {
            if (oci::validateRepositoryName(frame.name).ok())
                out.push_back(frame.name);
            else
                report(problems, frame.dir, "directory is not a valid repository name");
        }
        for (auto it = children.rbegin(); it != children.rend(); ++it) {
            if (it->isDir && !it->name.starts_with('_'))
                stack.push_back({it->path, frame.name + "/" + it->name});
        }
    }
    return out;
}

std::vector<oci::Digest> RegistryStore::linkDirectory(const fs::path &dir,
                                                      std::vector<Problem> *problems) const
{
    // <dir>/<algorithm>/<hex>/link
    std::vector<oci::Digest> out;
    for (const Entry &algorithm : listDir(dir, problems, m_layout)) {
        if (!algorithm.isDir)
            continue;
        if (algorithm.name != "sha256" && algorithm.name != "sha512") {
            report(problems, algorithm.path, "unknown digest algorithm folder");
            continue;
        }
        for (const Entry &hex : listDir(algorithm.path, problems, m_layout)) {
            if (!hex.isDir)
                continue;
            auto expected = oci::Digest::parse(algorithm.name + ":" + hex.name);
            if (!expected.ok()) {
                report(problems, hex.path, "folder name is not a digest");
                continue;
            }
            auto link = readLink(hex.path / "link");
            if (!link.ok()) {
                report(problems, hex.path / "link", link.error().message);
                continue;
            }
            if (*link != *expected) {
                report(problems, hex.path / "link",
                       "link points at " + link->toString() + ", not at its own digest");
                continue;
            }
            out.push_back(*link);
        }
    }
    return out;
}

std::vector<TagEntry> RegistryStore::tags(const std::string &repository,
                                          std::vector<Problem> *problems) const
{
    std::vector<TagEntry> out;
    auto dir = m_layout.tagsDir(repository);
    if (!dir.ok())
        return out;
    for (const Entry &tag : listDir(*dir, problems, m_layout)) {
        if (!tag.isDir)
            continue;
        if (!oci::validateTag(tag.name).ok()) {
            report(problems, tag.path, "folder is not a valid tag");
            continue;
        }
        auto link = readLink(tag.path / "current" / "link");
        if (!link.ok()) {
            report(problems, tag.path / "current" / "link", link.error().message);
            continue;
        }
        out.push_back({tag.name, *link});
    }
    return out;
}

std::vector<oci::Digest> RegistryStore::revisions(const std::string &repository,
                                                  std::vector<Problem> *problems) const
{
    auto dir = m_layout.repositoryDir(repository);
    return dir.ok() ? linkDirectory(*dir / "_manifests" / "revisions", problems)
                    : std::vector<oci::Digest>{};
}

std::vector<oci::Digest> RegistryStore::layerLinks(const std::string &repository,
                                                   std::vector<Problem> *problems) const
{
    auto dir = m_layout.repositoryDir(repository);
    return dir.ok() ? linkDirectory(*dir / "_layers", problems) : std::vector<oci::Digest>{};
}

std::vector<UploadEntry> RegistryStore::uploads(const std::string &repository,
                                                std::vector<Problem> *problems) const
{
    std::vector<UploadEntry> out;
    auto dir = m_layout.uploadsDir(repository);
    if (!dir.ok())
        return out;
    for (const Entry &upload : listDir(*dir, problems, m_layout)) {
        if (!upload.isDir)
            continue;
        UploadEntry entry;
        entry.repository = repository;
        entry.uuid = upload.name;
        std::error_code ec;
        entry.bytes = fs::file_size(upload.path / "data", ec);
        if (ec)
            entry.bytes = 0;
        if (auto started = readSmallFile(upload.path / "startedat", 256); started.ok()) {
            std::string_view text = *started;
            while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
                text.remove_suffix(1);
            if (auto t = oci::parseRfc3339(text); t.ok())
                entry.startedAt = std::chrono::system_clock::time_point(t->time_since_epoch());
        }
        if (!entry.startedAt) {
            // Fall back to the folder's modification time.
            const auto mtime = fs::last_write_time(upload.path, ec);
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
    for (const Entry &algorithm : listDir(m_layout.blobsDir(), problems, m_layout)) {
        if (!algorithm.isDir)
            continue;
        if (algorithm.name != "sha256" && algorithm.name != "sha512") {
            report(problems, algorithm.path, "unknown digest algorithm folder");
            continue;
        }
        for (const Entry &prefix : listDir(algorithm.path, problems, m_layout)) {
            if (!prefix.isDir)
                continue;
            for (const Entry &hex : listDir(prefix.path, problems, m_layout)) {
                if (!hex.isDir)
                    continue;
                auto digest = oci::Digest::parse(algorithm.name + ":" + hex.name);
                if (!digest.ok() || hex.name.substr(0, 2) != prefix.name) {
                    report(problems, hex.path, "folder name is not a blob digest");
                    continue;
                }
                if (!withSizes) {
                    out.push_back({*digest, 0});
                    continue;
                }
                struct stat st
                {
                };
                if (::lstat((hex.path / "data").c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
                    report(problems, hex.path / "data", "blob folder without a data file");
                    continue;
                }
                out.push_back({*digest, static_cast<std::uintmax_t>(st.st_size)});
            }
        }
    }
    return out;
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
