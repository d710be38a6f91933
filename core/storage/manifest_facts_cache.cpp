#include "storage/manifest_facts_cache.h"

#include "oci/parsed_manifest.h"

namespace berth::storage {

ManifestFactsCache::ManifestFactsCache(const RegistryStore &store)
    : m_blobs(store.openBlobs())
{
    m_entries.reserve(4096);
}

const ManifestFacts *ManifestFactsCache::get(const oci::Digest &digest, std::string *why)
{
    auto it = m_entries.find(digest);
    if (it == m_entries.end()) {
        Entry entry;
        auto bytes = RegistryStore::readBlob(m_blobs, digest, oci::kMaxManifestBytes);
        if (!bytes.ok()) {
            entry.error = bytes.error().message;
        } else if (auto parsed = oci::parseManifest(*bytes); parsed.ok()) {
            ManifestFacts facts;
            facts.isIndex = parsed->isIndex();
            facts.references = parsed->referencedDigests();
            if (auto subject = parsed->subject())
                facts.subject = subject->digest;
            entry.facts = std::move(facts);
        } else {
            entry.error = parsed.error().message;
        }
        it = m_entries.emplace(digest, std::move(entry)).first;
    }
    if (why)
        *why = it->second.error;
    return it->second.facts ? &*it->second.facts : nullptr;
}

} // namespace berth::storage
