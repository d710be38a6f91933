#include "storage/gc_marker.h"

#include "storage/directory.h"

namespace berth::storage {

namespace {

constexpr int kMaxIndexDepth = 8;

} // namespace

GcMarker::GcMarker(const RegistryStore &store, const GcOptions &options)
    : m_store(store)
    , m_options(options)
    , m_manifests(store)
{
    m_marked.reserve(65536);
}

void GcMarker::markRepository(const std::string &repository, std::size_t index)
{
    const std::vector<oci::Digest> revisions = m_store.revisions(repository, &m_problems);
    const DigestSet revisionSet(revisions.begin(), revisions.end());
    DigestSet kept;
    if (!m_options.deleteUntagged) {
        kept = revisionSet; // every revision is kept: tags do not matter
    } else {
        kept = taggedRevisions(repository, revisionSet);
        if (m_options.keepBlobsNewerThan)
            keepRecentRevisions(repository, revisions, kept);
        keepChildrenAndReferrers(revisions, kept);
        for (const oci::Digest &r : revisions) {
            if (!kept.count(r))
                m_toDelete[index].push_back({repository, r});
        }
    }
    std::vector<oci::Digest> unreadable;
    for (const oci::Digest &d : kept) {
        if (revisionSet.count(d) || m_options.deleteUntagged)
            markManifest(d, repository, unreadable);
    }
    if (!unreadable.empty()) {
        // Never delete on uncertainty: keep every blob this repository links.
        for (const oci::Digest &layer : m_store.layerLinks(repository, &m_problems))
            m_marked.add(layer);
    }
}

GcMarker::DigestSet GcMarker::taggedRevisions(const std::string &repository,
                                              const DigestSet &revisions)
{
    DigestSet kept;
    for (const TagEntry &t : m_store.tags(repository, &m_problems)) {
        kept.insert(t.digest);
        if (!revisions.count(t.digest))
            m_problems.push_back(
                {repository + ":" + t.tag, "tag points at " + t.digest.toString() +
                                               ", which is not a manifest of this repository"});
    }
    return kept;
}

// Online: a manifest linked moments ago may be a platform of an index still
// being pushed (its index comes last); an untagged revision whose link is
// recent is kept.
void GcMarker::keepRecentRevisions(const std::string &repository,
                                   const std::vector<oci::Digest> &revisions, DigestSet &kept)
{
    const auto since = std::chrono::system_clock::now() - *m_options.keepBlobsNewerThan;
    const Directory revisionsDir = Directory::openBeneath(m_store.layout().repositoriesDir(),
                                                          repository + "/_manifests/revisions");
    for (const oci::Digest &r : revisions) {
        if (kept.count(r))
            continue;
        const auto info =
            revisionsDir.fileInfo(std::string(r.algorithmName()) + "/" + r.hex() + "/link");
        if (info && info->modified > since)
            kept.insert(r);
    }
}

// Children of kept indexes, recursively; referrers of kept manifests; to a
// fixed point. A revision that cannot be read is kept: what it is is unknown.
void GcMarker::keepChildrenAndReferrers(const std::vector<oci::Digest> &revisions, DigestSet &kept)
{
    bool grew = true;
    while (grew) {
        grew = false;
        std::vector<oci::Digest> work(kept.begin(), kept.end());
        while (!work.empty()) {
            const oci::Digest d = work.back();
            work.pop_back();
            if (const ManifestFacts *m = m_manifests.get(d); m && m->isIndex) {
                for (const oci::Digest &child : m->references) {
                    if (kept.insert(child).second) {
                        work.push_back(child);
                        grew = true;
                    }
                }
            }
        }
        for (const oci::Digest &r : revisions) {
            if (kept.count(r))
                continue;
            const ManifestFacts *m = m_manifests.get(r);
            if (!m || (m->subject && kept.count(*m->subject))) {
                kept.insert(r);
                grew = true;
            }
        }
    }
}

void GcMarker::markManifest(const oci::Digest &root, const std::string &repository,
                            std::vector<oci::Digest> &unreadable)
{
    auto cannotRead = [&](const oci::Digest &digest, const std::string &why) {
        unreadable.push_back(digest);
        m_problems.push_back({repository, "manifest " + digest.toString() + " cannot be read (" +
                                              why + "); everything the repository links is kept"});
    };
    m_marked.add(root);
    std::string why;
    const ManifestFacts *top = m_manifests.get(root, &why);
    if (!top) {
        cannotRead(root, why);
        return;
    }
    m_marked.add(top->references);
    if (!top->isIndex)
        return; // the common case: an image manifest, nothing to recurse into
    std::vector<std::pair<oci::Digest, int>> work;
    for (const oci::Digest &child : top->references)
        work.push_back({child, 1});
    DigestSet seen{root};
    while (!work.empty()) {
        auto [digest, depth] = work.back();
        work.pop_back();
        if (!seen.insert(digest).second)
            continue;
        const ManifestFacts *m = m_manifests.get(digest, &why);
        if (!m) {
            cannotRead(digest, why);
            continue;
        }
        m_marked.add(m->references);
        if (m->isIndex && depth < kMaxIndexDepth) {
            for (const oci::Digest &child : m->references)
                work.push_back({child, depth + 1});
        }
    }
}

} // namespace berth::storage
