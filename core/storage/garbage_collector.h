#pragma once

#include "storage/problem.h"
#include "storage/registry_store.h"

#include "oci/result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace berth::storage {

class MarkSet;
class StoreLock;

struct GcOptions
{
    bool dryRun = true;
    // Also remove manifests no tag points at — except children of a kept
    // index and referrers (signatures, SBOMs) of a kept manifest, which
    // distribution 2.8 wrongly deletes.
    bool deleteUntagged = false;
    std::optional<std::chrono::seconds> uploadsOlderThan;
    bool pruneEmptyRepositories = false;
    bool force = false; // run even while a berth-registry holds the store lock
    // Online collection: an unreferenced blob whose data changed (was
    // uploaded, or mounted into a repository) less than this long ago may
    // belong to a push whose manifest has not arrived yet; it is kept.
    std::optional<std::chrono::seconds> keepBlobsNewerThan;
};

struct ManifestRef
{
    std::string repository;
    oci::Digest digest;
};

struct GcReport
{
    bool dryRun = true;
    std::size_t blobsMarked = 0; // as distribution counts: manifests + what they reference
    std::vector<BlobEntry> blobsToDelete;
    std::vector<ManifestRef> manifestsToDelete;
    std::vector<UploadEntry> uploadsToDelete;
    std::vector<std::string> repositoriesToPrune;
    std::uintmax_t bytesToReclaim = 0;
    std::size_t recentBlobsKept = 0; // unreferenced, but newer than keepBlobsNewerThan
    // Free space on the data directory's filesystem (for an unprivileged
    // user) when the run started and, after a real run, when it ended.
    std::optional<std::uintmax_t> diskAvailableBefore;
    std::optional<std::uintmax_t> diskAvailableAfter;
    std::vector<Problem> problems;

    // distribution's lines, which scripts parse ("blob eligible for deletion:
    // sha256:…", "manifest eligible for deletion: sha256:…", the summary),
    // plus bytes to reclaim and problems.
    std::string toText() const;
    std::string toJson() const;
};

// Mark and sweep over a registry:2 data directory with distribution's
// semantics, minus its multi-arch bug. Never deletes on uncertainty: a
// manifest it cannot read or parse keeps every blob its repository links.
class GarbageCollector
{
public:
    explicit GarbageCollector(std::filesystem::path root);

    // Called from the collector's marking threads (two at once, one per
    // worker): it must be thread-safe. `done` counts repositories marked.
    using Progress =
        std::function<void(const std::string &stage, std::size_t done, std::size_t total)>;
    Result<GcReport> run(const GcOptions &options, const std::atomic<bool> *cancel = nullptr,
                         Progress progress = {});
    // Only uploads started and last written more than `olderThan` ago, and
    // the folders they alone filled (distribution's uploadpurging): no
    // marking, quick enough to run periodically in a serving registry.
    Result<GcReport> purgeUploads(std::chrono::seconds olderThan, bool dryRun, bool force);

private:
    std::optional<std::uintmax_t> availableSpace() const;
    std::optional<MarkSet> mark(const std::vector<std::string> &repositories,
                                const GcOptions &options, const std::atomic<bool> *cancel,
                                const Progress &progress, GcReport &report) const;
    void sweep(std::vector<BlobEntry> blobs, const MarkSet &marked, const GcOptions &options,
               GcReport &report) const;
    void planUploads(std::chrono::seconds olderThan, GcReport &report) const;
    Result<std::unique_ptr<StoreLock>> lockUnlessForced(bool force) const;
    void planPrunes(const std::vector<std::string> &repositories, GcReport &report) const;
    void deletePlanned(const std::vector<std::string> &repositories, GcReport &report) const;

    RegistryStore m_store;
};

} // namespace berth::storage
