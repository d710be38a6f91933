#pragma once

#include "oci/digest.h"
#include "oci/result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace berth::storage {

// The paths of distribution's filesystem driver under <root>/docker/registry/v2.
// Names and tags are validated before any path is built, so no input can
// point outside the root.
class Layout
{
public:
    explicit Layout(std::filesystem::path root);

    const std::filesystem::path &root() const { return m_root; }
    std::filesystem::path v2() const;
    std::filesystem::path blobsDir() const;
    std::filesystem::path repositoriesDir() const;
    // blobs/sha256/<2 hex>/<hex>
    std::filesystem::path blobDir(const oci::Digest &digest) const;
    std::filesystem::path blobDataPath(const oci::Digest &digest) const;

    Result<std::filesystem::path> repositoryDir(std::string_view name) const;
    Result<std::filesystem::path> layerLinkPath(std::string_view name,
                                                const oci::Digest &digest) const;
    Result<std::filesystem::path> revisionLinkPath(std::string_view name,
                                                   const oci::Digest &digest) const;
    Result<std::filesystem::path> tagsDir(std::string_view name) const;
    Result<std::filesystem::path> tagCurrentLinkPath(std::string_view name,
                                                     std::string_view tag) const;
    Result<std::filesystem::path> tagIndexLinkPath(std::string_view name, std::string_view tag,
                                                   const oci::Digest &digest) const;
    Result<std::filesystem::path> uploadsDir(std::string_view name) const;

    // "docker/registry/v2/…" for reports.
    std::string relative(const std::filesystem::path &path) const;

private:
    std::filesystem::path m_root;
};

} // namespace berth::storage
