#pragma once

#include "storage/directory.h"
#include "storage/registry_store.h"

#include "oci/digest.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace berth::storage {

// What marking needs of a manifest: is it an index, what it references, its
// subject. Kept instead of the parsed manifest (less memory, fewer copies).
struct ManifestFacts
{
    bool isIndex = false;
    std::vector<oci::Digest> references;
    std::optional<oci::Digest> subject;
};

// Manifests by digest, read and parsed once (one cache per marking thread).
class ManifestFactsCache
{
public:
    explicit ManifestFactsCache(const RegistryStore &store);

    // nullptr when the blob is missing or does not parse; `why` says which.
    const ManifestFacts *get(const oci::Digest &digest, std::string *why = nullptr);

private:
    struct Entry
    {
        std::optional<ManifestFacts> facts;
        std::string error;
    };
    Directory m_blobs;
    std::unordered_map<oci::Digest, Entry> m_entries;
};

} // namespace berth::storage
