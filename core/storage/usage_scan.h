#pragma once

#include "storage/directory.h"
#include "storage/inspector.h"

#include "oci/digest.h"

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace berth::storage {

// The repository pass of an inspection: for each repository its tags,
// manifests (untagged ones apart from platforms of tagged indexes), links
// to missing content and the bytes it references; then which bytes each
// repository holds alone and which it shares, and the blobs no repository
// references. Manifests are parsed once across repositories; of each only
// what it references is kept (bounded memory).
class UsageScan
{
public:
    UsageScan(const RegistryStore &store, const std::vector<BlobEntry> &blobs,
              InspectReport &report);

    void scanRepository(const std::string &name);
    // After every repository: exclusive vs shared bytes, orphan blobs.
    void finish(const std::vector<BlobEntry> &blobs);

private:
    using DigestSet = std::unordered_set<oci::Digest>;
    struct ManifestRefs
    {
        bool isIndex = false;
        std::vector<oci::Digest> references;
    };
    struct Use
    {
        std::size_t repositories = 0;
    };

    DigestSet taggedDigests(const std::string &name, const std::vector<TagEntry> &tags);
    const std::optional<ManifestRefs> &manifest(const std::string &name, const oci::Digest &digest);
    DigestSet referencedBy(const std::string &name, const std::vector<oci::Digest> &revisions);
    // Untagged, unless a tagged index (or an index it holds) lists it: then
    // it is a platform of a tagged image, not something left over.
    void countUntagged(const std::string &name, const DigestSet &tagged,
                       const std::vector<oci::Digest> &revisions, RepositoryUsage &usage);

    const RegistryStore &m_store;
    InspectReport &m_report;
    Directory m_blobsDir;
    std::unordered_map<oci::Digest, std::uintmax_t> m_sizes;
    std::unordered_map<oci::Digest, Use> m_uses;
    std::unordered_map<oci::Digest, std::optional<ManifestRefs>> m_parsed;
    std::vector<DigestSet> m_referencedBy; // per repository, in report order
};

} // namespace berth::storage
