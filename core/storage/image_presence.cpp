#include "storage/image_presence.h"

#include "oci/parsed_manifest.h"

namespace berth::storage {

namespace {

// An index of indexes is legal; deeper nesting than this is not walked.
constexpr int kMaxDepth = 4;

} // namespace

PresenceScan::PresenceScan(const RegistryStore &store)
    : m_store(store)
    , m_blobs(store.openBlobs())
{
}

ImagePresence PresenceScan::of(const oci::Digest &manifest)
{
    return walk(manifest, 0);
}

ImagePresence PresenceScan::walk(const oci::Digest &manifest, int depth)
{
    if (const auto known = m_known.find(manifest); known != m_known.end())
        return known->second;
    ImagePresence presence;
    presence.parts = 1;
    if (!RegistryStore::blobSize(m_blobs, manifest))
        return m_known[manifest] = presence;
    presence.present = 1;
    const auto bytes = RegistryStore::readBlob(m_blobs, manifest, oci::kMaxManifestBytes);
    const auto parsed =
        bytes.ok() ? oci::parseManifest(*bytes) : Result<oci::ParsedManifest>(bytes.error());
    if (!parsed.ok())
        return m_known[manifest] = presence;
    if (depth >= kMaxDepth)
        return presence; // not walked: not kept for a tag that reaches it sooner
    for (const oci::Descriptor &child : parsed->references()) {
        if (!child.urls.empty())
            continue; // a foreign layer: fetched from its URLs, never by a registry
        if (parsed->isIndex()) {
            const ImagePresence below = walk(child.digest, depth + 1);
            presence.parts += below.parts;
            presence.present += below.present;
            continue;
        }
        ++presence.parts;
        if (RegistryStore::blobSize(m_blobs, child.digest))
            ++presence.present;
    }
    return m_known[manifest] = presence;
}

} // namespace berth::storage
