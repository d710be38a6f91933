#pragma once

#include "storage/problem.h"
#include "storage/registry_store.h"

#include "oci/result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace berth::storage {

struct RepositoryUsage
{
    std::string name;
    std::size_t tags = 0;
    std::size_t manifests = 0;
    std::size_t untaggedManifests = 0;  // no tag reaches them
    std::size_t indexChildren = 0;      // platforms of a tagged multi-arch index
    std::uintmax_t referencedBytes = 0; // every blob its manifests reference
    std::uintmax_t exclusiveBytes = 0;  // freed if the repository went away (and GC ran)
    std::uintmax_t sharedBytes = 0;     // also referenced by other repositories
    // The latest of its manifests' last pulls (PullClock): when they were
    // stored, or served since.
    std::optional<std::chrono::system_clock::time_point> lastPulled;
};

struct InspectOptions
{
    bool verify = false; // re-hash every blob (slow: reads everything)
};

struct InspectReport
{
    std::vector<RepositoryUsage> repositories; // largest exclusive first
    std::size_t blobCount = 0;
    std::uintmax_t blobBytes = 0;
    std::vector<BlobEntry> orphanBlobs; // what garbage-collect would free
    std::uintmax_t orphanBytes = 0;
    std::vector<std::pair<std::string, oci::Digest>> untagged; // repository, manifest
    std::vector<UploadEntry> uploads;
    std::vector<Problem> danglingLinks;  // links to blobs that are not there
    std::vector<BlobEntry> corruptBlobs; // --verify: content does not match digest
    std::vector<Problem> problems;       // everything else found malformed
    std::vector<Problem> leftovers;      // of writes a crash stopped (harmless)

    std::string toJson() const;
};

// Reads a registry:2 data directory and reports usage and problems. Reads
// only link files and manifests (never layer contents, unless verifying).
class Inspector
{
public:
    explicit Inspector(std::filesystem::path root);
    using Progress =
        std::function<void(const std::string &stage, std::size_t done, std::size_t total)>;
    Result<InspectReport> run(const InspectOptions &options,
                              const std::atomic<bool> *cancel = nullptr, Progress progress = {});

private:
    void verifyBlob(const BlobEntry &blob, InspectReport &report) const;

    RegistryStore m_store;
};

} // namespace berth::storage
