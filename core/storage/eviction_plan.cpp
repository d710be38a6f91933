#include "storage/eviction_plan.h"

#include "storage/mirror_mark.h"

#include "oci/parsed_manifest.h"

#include <algorithm>

namespace berth::storage {

namespace {

// The manifest's bytes and those of the blobs it references (not of child
// manifests: they are candidates of their own). Unreadable: its own only.
std::uintmax_t bytesOf(const Directory &blobs, const oci::Digest &digest)
{
    const std::uintmax_t own = RegistryStore::blobSize(blobs, digest).value_or(0);
    const auto bytes = RegistryStore::readBlob(blobs, digest, oci::kMaxManifestBytes);
    if (!bytes.ok())
        return own;
    const auto parsed = oci::parseManifest(*bytes);
    if (!parsed.ok() || parsed->isIndex())
        return own;
    std::uintmax_t total = own;
    for (const oci::Digest &ref : parsed->referencedDigests())
        total += RegistryStore::blobSize(blobs, ref).value_or(0);
    return total;
}

} // namespace

EvictionPlan EvictionPlan::make(const RegistryStore &store,
                                const std::vector<std::string> &repositories, std::uintmax_t need,
                                PullClock::TimePoint pulledBefore)
{
    const PullClock clock(store.layout());
    const MirrorMark mirrored(store.layout());
    std::vector<Manifest> candidates;
    for (const std::string &repository : repositories) {
        for (const oci::Digest &digest : store.revisions(repository)) {
            if (!mirrored.marked(repository, digest))
                continue; // not fetched by the mirror: pushed here, never evicted
            const auto pulled = clock.lastPulled(repository, digest);
            if (pulled && *pulled < pulledBefore)
                candidates.push_back({repository, digest, *pulled, 0});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Manifest &a, const Manifest &b) {
        return a.lastPulled != b.lastPulled ? a.lastPulled < b.lastPulled
                                            : a.repository < b.repository;
    });
    EvictionPlan plan;
    const Directory blobs = store.openBlobs();
    for (Manifest &candidate : candidates) {
        if (plan.bytes >= need)
            break;
        candidate.bytes = bytesOf(blobs, candidate.digest);
        plan.bytes += candidate.bytes;
        plan.manifests.push_back(std::move(candidate));
    }
    return plan;
}

} // namespace berth::storage
