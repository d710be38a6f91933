#include "storage/usage_scan.h"

#include "storage/pull_clock.h"

#include "oci/parsed_manifest.h"

#include <algorithm>

namespace berth::storage {

UsageScan::UsageScan(const RegistryStore &store, const std::vector<BlobEntry> &blobs,
                     InspectReport &report)
    : m_store(store)
    , m_report(report)
    , m_blobsDir(store.openBlobs())
{
    for (const BlobEntry &b : blobs) {
        m_sizes.emplace(b.digest, b.size);
        m_report.blobBytes += b.size;
    }
    m_report.blobCount = blobs.size();
}

void UsageScan::scanRepository(const std::string &name)
{
    RepositoryUsage usage;
    usage.name = name;
    const auto tags = m_store.tags(name, &m_report.problems);
    const auto revisions = m_store.revisions(name, &m_report.problems);
    usage.tags = tags.size();
    usage.manifests = revisions.size();
    const PullClock clock(m_store.layout());
    for (const oci::Digest &r : revisions) {
        const auto pulled = clock.lastPulled(name, r);
        if (pulled && (!usage.lastPulled || *pulled > *usage.lastPulled))
            usage.lastPulled = pulled;
    }
    const DigestSet tagged = taggedDigests(name, tags);
    DigestSet refs = referencedBy(name, revisions);
    countUntagged(name, tagged, revisions, usage);
    for (const oci::Digest &layer : m_store.layerLinks(name, &m_report.problems)) {
        if (!m_sizes.count(layer))
            m_report.danglingLinks.push_back(
                {name, "_layers link to missing blob " + layer.toString()});
    }
    for (const oci::Digest &d : refs) {
        ++m_uses[d].repositories;
        if (auto s = m_sizes.find(d); s != m_sizes.end())
            usage.referencedBytes += s->second;
    }
    m_report.repositories.push_back(usage);
    m_referencedBy.push_back(std::move(refs));
}

UsageScan::DigestSet UsageScan::taggedDigests(const std::string &name,
                                              const std::vector<TagEntry> &tags)
{
    DigestSet tagged;
    for (const TagEntry &t : tags) {
        tagged.insert(t.digest);
        if (!m_sizes.count(t.digest))
            m_report.danglingLinks.push_back(
                {name + ":" + t.tag, "tag points at a missing manifest " + t.digest.toString()});
    }
    return tagged;
}

const std::optional<UsageScan::ManifestRefs> &UsageScan::manifest(const std::string &name,
                                                                  const oci::Digest &digest)
{
    auto it = m_parsed.find(digest);
    if (it != m_parsed.end())
        return it->second;
    auto bytes = RegistryStore::readBlob(m_blobsDir, digest, oci::kMaxManifestBytes);
    std::optional<ManifestRefs> m;
    if (!bytes.ok())
        m_report.problems.push_back({name + "@" + digest.toString(), bytes.error().message});
    else if (auto p = oci::parseManifest(*bytes); p.ok())
        m = ManifestRefs{p->isIndex(), p->referencedDigests()};
    else
        m_report.problems.push_back(
            {name + "@" + digest.toString(), "manifest does not parse: " + p.error().message});
    return m_parsed.emplace(digest, std::move(m)).first->second;
}

UsageScan::DigestSet UsageScan::referencedBy(const std::string &name,
                                             const std::vector<oci::Digest> &revisions)
{
    DigestSet refs;
    for (const oci::Digest &r : revisions) {
        if (!m_sizes.count(r)) {
            m_report.danglingLinks.push_back(
                {name + "@" + r.toString(), "revision link to a missing manifest"});
            continue;
        }
        refs.insert(r);
        const auto &m = manifest(name, r);
        if (!m)
            continue;
        for (const oci::Digest &d : m->references) {
            refs.insert(d);
            if (!m_sizes.count(d) && !m->isIndex)
                m_report.danglingLinks.push_back(
                    {name + "@" + r.toString(), "references missing blob " + d.toString()});
        }
    }
    return refs;
}

void UsageScan::countUntagged(const std::string &name, const DigestSet &tagged,
                              const std::vector<oci::Digest> &revisions, RepositoryUsage &usage)
{
    DigestSet reachable(tagged.begin(), tagged.end());
    std::vector<oci::Digest> queue(tagged.begin(), tagged.end());
    while (!queue.empty()) {
        const oci::Digest d = queue.back();
        queue.pop_back();
        const auto it = m_parsed.find(d);
        if (it == m_parsed.end() || !it->second || !it->second->isIndex)
            continue;
        for (const oci::Digest &child : it->second->references) {
            if (reachable.insert(child).second)
                queue.push_back(child);
        }
    }
    for (const oci::Digest &r : revisions) {
        if (tagged.count(r))
            continue;
        if (reachable.count(r)) {
            ++usage.indexChildren;
            continue;
        }
        ++usage.untaggedManifests;
        m_report.untagged.emplace_back(name, r);
    }
}

void UsageScan::finish(const std::vector<BlobEntry> &blobs)
{
    for (std::size_t i = 0; i < m_report.repositories.size(); ++i) {
        for (const oci::Digest &d : m_referencedBy[i]) {
            const auto s = m_sizes.find(d);
            if (s == m_sizes.end())
                continue;
            if (m_uses[d].repositories == 1)
                m_report.repositories[i].exclusiveBytes += s->second;
            else
                m_report.repositories[i].sharedBytes += s->second;
        }
    }
    std::sort(m_report.repositories.begin(), m_report.repositories.end(),
              [](const RepositoryUsage &a, const RepositoryUsage &b) {
                  return a.exclusiveBytes != b.exclusiveBytes ? a.exclusiveBytes > b.exclusiveBytes
                                                              : a.name < b.name;
              });
    for (const BlobEntry &b : blobs) {
        if (!m_uses.count(b.digest)) {
            m_report.orphanBlobs.push_back(b);
            m_report.orphanBytes += b.size;
        }
    }
}

} // namespace berth::storage
