#pragma once

#include "storage/directory.h"
#include "storage/layout.h"
#include "storage/problem.h"

#include "oci/digest.h"
#include "oci/result.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
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
    std::optional<std::chrono::system_clock::time_point> lastWritten; // its data file
    std::uintmax_t bytes = 0;

    // Started before `cutoff` and not written to since.
    bool staleAt(std::chrono::system_clock::time_point cutoff) const
    {
        return startedAt && *startedAt < cutoff && (!lastWritten || *lastWritten < cutoff);
    }
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
    // Folders with an _uploads folder: repositories, and names whose only
    // content is uploads (a push that never got to its first manifest).
    std::vector<std::string> uploadFolders(std::vector<Problem> *problems = nullptr) const;
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

    // For many lookups in a row (GC, inspector): open the blobs folder once
    // and resolve each blob relative to it.
    Directory openBlobs() const { return Directory::open(m_layout.blobsDir()); }
    static std::optional<std::uintmax_t> blobSize(const Directory &blobs,
                                                  const oci::Digest &digest);
    static Result<std::string> readBlob(const Directory &blobs, const oci::Digest &digest,
                                        std::uintmax_t maxBytes);
    // "sha256/ab/ab…/data", relative to the blobs folder.
    static std::string blobDataRelative(const oci::Digest &digest);

private:
    // Names of folders below repositories/ holding one of `markers`.
    std::vector<std::string> foldersHolding(std::initializer_list<std::string_view> markers,
                                            std::vector<Problem> *problems) const;
    std::vector<oci::Digest> linkDirectory(const Directory &dir, const std::string &relative,
                                           std::vector<Problem> *problems) const;
    Directory openRepositoryPart(const std::string &repository, std::string_view part,
                                 std::string *relative) const;

    Layout m_layout;
};

} // namespace berth::storage
