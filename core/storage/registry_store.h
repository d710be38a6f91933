#pragma once

#include "storage/layout.h"
#include "storage/problem.h"

#include "oci/digest.h"
#include "oci/result.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace berth::storage {

struct BlobEntry
{
    oci::Digest digest;
    std::uintmax_t size = 0;
};

struct TagEntry
{
    std::string tag;
    oci::Digest digest; // what current/link points at
};

struct UploadEntry
{
    std::string repository;
    std::string uuid;
    std::optional<std::chrono::system_clock::time_point> startedAt;
    std::uintmax_t bytes = 0;
};

// Read side of a registry:2 data directory (distribution's filesystem
// layout). Never follows symlinks; every malformed item is reported as a
// Problem and skipped, the rest is still read.
class RegistryStore
{
public:
    explicit RegistryStore(std::filesystem::path root);

    const Layout &layout() const { return m_layout; }
    bool exists() const;

    // In distribution's catalog order: path components compared byte-wise.
    // A directory holding `_manifests` or `_layers` is a repository.
    std::vector<std::string> repositories(std::vector<Problem> *problems = nullptr) const;
    std::vector<TagEntry> tags(const std::string &repository,
                               std::vector<Problem> *problems = nullptr) const;
    std::vector<oci::Digest> revisions(const std::string &repository,
                                       std::vector<Problem> *problems = nullptr) const;
    std::vector<oci::Digest> layerLinks(const std::string &repository,
                                        std::vector<Problem> *problems = nullptr) const;
    std::vector<UploadEntry> uploads(const std::string &repository,
                                     std::vector<Problem> *problems = nullptr) const;
    // With sizes: one lstat per blob, and blobs without data are reported.
    // Without: names only (garbage collection sizes just what it deletes).
    std::vector<BlobEntry> blobs(std::vector<Problem> *problems = nullptr,
                                 bool withSizes = true) const;

    std::optional<std::uintmax_t> blobSize(const oci::Digest &digest) const;
    Result<std::string> readBlob(const oci::Digest &digest, std::uintmax_t maxBytes) const;

private:
    std::vector<oci::Digest> linkDirectory(const std::filesystem::path &dir,
                                           std::vector<Problem> *problems) const;
    void report(std::vector<Problem> *problems, const std::filesystem::path &path,
                std::string message) const;

    Layout m_layout;
};

} // namespace berth::storage
