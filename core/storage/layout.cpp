#include "storage/layout.h"

#include "oci/name_rules.h"

namespace berth::storage {

namespace fs = std::filesystem;

Layout::Layout(fs::path root)
    : m_root(std::move(root))
{
}

fs::path Layout::v2() const
{
    return m_root / "docker" / "registry" / "v2";
}

fs::path Layout::blobsDir() const
{
    return v2() / "blobs";
}

fs::path Layout::repositoriesDir() const
{
    return v2() / "repositories";
}

fs::path Layout::blobDir(const oci::Digest &digest) const
{
    return blobsDir() / std::string(digest.algorithmName()) / digest.hex().substr(0, 2) /
           digest.hex();
}

fs::path Layout::blobDataPath(const oci::Digest &digest) const
{
    return blobDir(digest) / "data";
}

Result<fs::path> Layout::repositoryDir(std::string_view name) const
{
    if (auto valid = oci::validateRepositoryName(name); !valid.ok())
        return valid.error();
    return repositoriesDir() / fs::path(std::string(name));
}

Result<fs::path> Layout::layerLinkPath(std::string_view name, const oci::Digest &digest) const
{
    auto repo = repositoryDir(name);
    if (!repo.ok())
        return repo;
    return *repo / "_layers" / std::string(digest.algorithmName()) / digest.hex() / "link";
}

Result<fs::path> Layout::revisionLinkPath(std::string_view name, const oci::Digest &digest) const
{
    auto repo = repositoryDir(name);
    if (!repo.ok())
        return repo;
    return *repo / "_manifests" / "revisions" / std::string(digest.algorithmName()) / digest.hex() /
           "link";
}

Result<fs::path> Layout::tagsDir(std::string_view name) const
{
    auto repo = repositoryDir(name);
    if (!repo.ok())
        return repo;
    return *repo / "_manifests" / "tags";
}

Result<fs::path> Layout::tagCurrentLinkPath(std::string_view name, std::string_view tag) const
{
    if (auto valid = oci::validateTag(tag); !valid.ok())
        return valid.error();
    auto tags = tagsDir(name);
    if (!tags.ok())
        return tags;
    return *tags / std::string(tag) / "current" / "link";
}

Result<fs::path> Layout::tagIndexLinkPath(std::string_view name, std::string_view tag,
                                          const oci::Digest &digest) const
{
    if (auto valid = oci::validateTag(tag); !valid.ok())
        return valid.error();
    auto tags = tagsDir(name);
    if (!tags.ok())
        return tags;
    return *tags / std::string(tag) / "index" / std::string(digest.algorithmName()) / digest.hex() /
           "link";
}

Result<fs::path> Layout::uploadsDir(std::string_view name) const
{
    auto repo = repositoryDir(name);
    if (!repo.ok())
        return repo;
    return *repo / "_uploads";
}

std::string Layout::relative(const fs::path &path) const
{
    std::error_code ec;
    const fs::path rel = fs::relative(path, m_root, ec);
    return ec ? path.string() : rel.string();
}

} // namespace berth::storage
