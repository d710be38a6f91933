#pragma once

#include "storage/garbage_collector.h"
#include "storage/manifest_facts_cache.h"
#include "storage/mark_set.h"

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

namespace berth::storage {

// The mark phase of garbage collection for the repositories one thread is
// given: what each keeps (every revision; or with --delete-untagged, what a
// tag, a kept index, a kept subject or — online — a recent link keeps), and
// every blob those manifests reference, recursively. Each marking thread has
// its own marker (its own manifest cache and results); they are merged after.
class GcMarker
{
public:
    GcMarker(const RegistryStore &store, const GcOptions &options);

    // `index` orders the repository's queued deletions in the report.
    void markRepository(const std::string &repository, std::size_t index);

    MarkSet &marked() { return m_marked; }
    std::vector<Problem> &problems() { return m_problems; }
    std::map<std::size_t, std::vector<ManifestRef>> &toDelete() { return m_toDelete; }

private:
    using DigestSet = std::unordered_set<oci::Digest>;

    DigestSet taggedRevisions(const std::string &repository, const DigestSet &revisions);
    void keepRecentRevisions(const std::string &repository,
                             const std::vector<oci::Digest> &revisions, DigestSet &kept);
    void keepChildrenAndReferrers(const std::vector<oci::Digest> &revisions, DigestSet &kept);
    // Marks a manifest and, recursively, everything it references.
    void markManifest(const oci::Digest &root, const std::string &repository,
                      std::vector<oci::Digest> &unreadable);

    const RegistryStore &m_store;
    const GcOptions &m_options;
    ManifestFactsCache m_manifests;
    MarkSet m_marked;
    std::vector<Problem> m_problems;
    std::map<std::size_t, std::vector<ManifestRef>> m_toDelete; // by repository index
};

} // namespace berth::storage
