#pragma once

#include "storage/registry_store.h"

#include "oci/digest.h"

#include <cstddef>
#include <unordered_map>

namespace berth::storage {

// How much of an image a store holds. A mirror stores a manifest as soon
// as it is asked for (browsing describes tags), its layers only when they
// are pulled: an image is here, ready to pull offline, when every part is.
struct ImagePresence
{
    std::size_t parts = 0;   // the manifest, what it references, and theirs
    std::size_t present = 0; // of those, in the store

    bool complete() const { return parts > 0 && present == parts; }
};

// Walks manifests in the store: an image manifest's config and layers, an
// index's platform manifests and theirs. A missing child manifest is one
// missing part (what it would reference is unknown). Results are kept per
// manifest, so tags sharing images are read once. Reads only manifests
// (never layer contents); a manifest that does not parse counts as
// present, with no parts below it.
class PresenceScan
{
public:
    explicit PresenceScan(const RegistryStore &store);

    ImagePresence of(const oci::Digest &manifest);

private:
    ImagePresence walk(const oci::Digest &manifest, int depth);

    const RegistryStore &m_store;
    Directory m_blobs;
    std::unordered_map<oci::Digest, ImagePresence> m_known;
};

} // namespace berth::storage
