#include "storage/garbage_collector.h"

#include "storage/store_lock.h"

#include "oci/parsed_manifest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace berth::storage {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxIndexDepth = 8;

// What marking needs of a manifest: is it an index, what it references, its
// subject. Kept instead of the parsed manifest (less memory, fewer copies).
struct ManifestFacts
{
    bool isIndex = false;
    std::vector<oci::Digest> references;
    std::optional<oci::Digest> subject;
};

// Manifests by digest, read and parsed once per worker.
class ManifestCache
{
public:
    explicit ManifestCache(const RegistryStore &store)
        : m_blobs(store.openBlobs())
    {
        m_entries.reserve(4096);
    }

    // nullptr when the blob is missing or does not parse; `why` says which.
    const ManifestFacts *get(const oci::Digest &digest, std::string *why = nullptr)
    {
        auto it = m_entries.find(digest);
        if (it == m_entries.end()) {
            Entry entry;
            auto bytes = RegistryStore::readBlob(m_blobs, digest, oci::kMaxManifestBytes);
            if (!bytes.ok()) {
                entry.error = bytes.error().message;
            } else {
                auto parsed = oci::parseManifest(*bytes);
                if (parsed.ok()) {
                    ManifestFacts facts;
                    facts.isIndex = parsed->isIndex();
                    facts.references = parsed->referencedDigests();
                    if (auto subject = parsed->subject())
                        facts.subject = subject->digest;
                    entry.facts = std::move(facts);
                } else {
                    entry.error = parsed.error().message;
                }
            }
            it = m_entries.emplace(digest, std::move(entry)).first;
        }
        if (why)
            *why = it->second.error;
        return it->second.facts ? &*it->second.facts : nullptr;
    }

private:
    struct Entry
    {
        std::optional<ManifestFacts> facts;
        std::string error;
    };
    Directory m_blobs;
    std::unordered_map<oci::Digest, Entry> m_entries;
};

// A digest as a fixed-size, allocation-free key: marking collects tens of
// thousands of them into a vector that is sorted once, which costs far less
// than a hash set of heap-allocated strings.
struct DigestKey
{
    std::array<char, 128> hex{};
    oci::DigestAlgorithm algorithm = oci::DigestAlgorithm::Sha256;

    explicit DigestKey(const oci::Digest &digest)
        : algorithm(digest.algorithm())
    {
        std::memcpy(hex.data(), digest.hex().data(), std::min(digest.hex().size(), hex.size()));
    }
    friend bool operator==(const DigestKey &, const DigestKey &) = default;
    friend auto operator<=>(const DigestKey &, const DigestKey &) = default;
};

class MarkSet
{
public:
    void add(const oci::Digest &digest) { m_keys.emplace_back(digest); }
    void add(const std::vector<oci::Digest> &digests)
    {
        for (const oci::Digest &d : digests)
            m_keys.emplace_back(d);
    }
    void merge(MarkSet &&other)
    {
        m_keys.insert(m_keys.end(), other.m_keys.begin(), other.m_keys.end());
        other.m_keys.clear();
    }
    // Sorts and removes duplicates; call once, before contains() and size().
    void seal()
    {
        std::sort(m_keys.begin(), m_keys.end());
        m_keys.erase(std::unique(m_keys.begin(), m_keys.end()), m_keys.end());
    }
    bool contains(const oci::Digest &digest) const
    {
        return std::binary_search(m_keys.begin(), m_keys.end(), DigestKey(digest));
    }
    std::size_t size() const { return m_keys.size(); }
    void reserve(std::size_t n) { m_keys.reserve(n); }

private:
    std::vector<DigestKey> m_keys;
};

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Removes folders inside the store only: a symlinked folder on the way (a
// hostile or hand-made store) must not lead a removal elsewhere. The store's
// own real path is resolved once, not once per removal.
class StoreRemover
{
public:
    StoreRemover(const Layout &layout, std::vector<Problem> &problems)
        : m_layout(layout)
        , m_problems(problems)
        , m_v2(fs::canonical(layout.v2(), m_v2Error))
    {
    }

    void remove(const fs::path &path)
    {
        std::error_code ec;
        const fs::path parent = fs::canonical(path.parent_path(), ec);
        if (ec == std::errc::no_such_file_or_directory)
            return; // already gone
        const fs::path inside = parent.lexically_relative(m_v2);
        if (ec || m_v2Error || inside.empty() || *inside.begin() == "..") {
            m_problems.push_back(
                {m_layout.relative(path), "not removed: it resolves outside the store"});
            return;
        }
        fs::remove_all(path, ec);
        if (ec)
            m_problems.push_back({m_layout.relative(path), "cannot remove: " + ec.message()});
    }

private:
    const Layout &m_layout;
    std::vector<Problem> &m_problems;
    std::error_code m_v2Error;
    fs::path m_v2;
};

} // namespace

GarbageCollector::GarbageCollector(fs::path root)
    : m_store(std::move(root))
{
}

Result<GcReport> GarbageCollector::run(const GcOptions &options, const std::atomic<bool> *cancel,
                                       Progress progress)
{
    if (!m_store.exists())
        return makeError("NOT_FOUND", "no registry data under " + m_store.layout().v2().string());
    std::unique_ptr<StoreLock> lock;
    if (!options.force) {
        auto acquired = StoreLock::tryAcquire(m_store.layout().root(), StoreLock::Mode::Exclusive);
        if (!acquired.ok()) {
            Error e = acquired.error();
            if (e.code == "LOCKED")
                e.message += "; stop it, or collect online through its admin endpoint (or "
                             "SIGUSR1), or pass --force";
            return e;
        }
        lock = std::move(acquired.value());
    }

    GcReport report;
    report.dryRun = options.dryRun;
    auto available = [this]() -> std::optional<std::uintmax_t> {
        std::error_code ec;
        const auto space = fs::space(m_store.layout().root(), ec);
        return ec ? std::nullopt : std::optional(space.available);
    };
    report.diskAvailableBefore = available();
    // Listing every blob is independent of marking: do it on the other core.
    std::vector<Problem> blobProblems;
    auto allBlobs = std::async(
        std::launch::async, [this, &blobProblems] { return m_store.blobs(&blobProblems, false); });
    const std::vector<std::string> repositories = m_store.repositories(&report.problems);

    // Marking runs on two workers (repositories split between them), each
    // with its own manifest cache and results; merged afterwards.
    struct Worker
    {
        explicit Worker(const RegistryStore &store)
            : manifests(store)
        {
            marked.reserve(65536);
        }
        ManifestCache manifests;
        MarkSet marked;
        std::vector<Problem> problems;
        std::map<std::size_t, std::vector<ManifestRef>> toDelete; // by repository index
    };
    std::atomic<std::size_t> done{0};

    // Marks a manifest and, recursively, everything it references.
    auto markManifest = [](Worker &w, const oci::Digest &root, const std::string &repository,
                           std::vector<oci::Digest> &unparseable) {
        auto unreadable = [&](const oci::Digest &digest, const std::string &why) {
            unparseable.push_back(digest);
            w.problems.push_back({repository, "manifest " + digest.toString() +
                                                  " cannot be read (" + why +
                                                  "); everything the repository links is kept"});
        };
        w.marked.add(root);
        std::string why;
        const ManifestFacts *top = w.manifests.get(root, &why);
        if (!top) {
            unreadable(root, why);
            return;
        }
        w.marked.add(top->references);
        if (!top->isIndex)
            return; // the common case: an image manifest, nothing to recurse into
        std::vector<std::pair<oci::Digest, int>> work;
        for (const oci::Digest &child : top->references)
            work.push_back({child, 1});
        std::unordered_set<oci::Digest> seen{root};
        while (!work.empty()) {
            auto [digest, depth] = work.back();
            work.pop_back();
            if (!seen.insert(digest).second)
                continue;
            const ManifestFacts *m = w.manifests.get(digest, &why);
            if (!m) {
                unreadable(digest, why);
                continue;
            }
            w.marked.add(m->references);
            if (m->isIndex && depth < kMaxIndexDepth) {
                for (const oci::Digest &child : m->references)
                    work.push_back({child, depth + 1});
            }
        }
    };

    auto markRepository = [&](Worker &w, std::size_t index) {
        const std::string &repository = repositories[index];
        if (progress)
            progress("mark", done++, repositories.size());
        const std::vector<oci::Digest> revisions = m_store.revisions(repository, &w.problems);
        // Without --delete-untagged every revision is kept: tags do not matter.
        const std::vector<TagEntry> tags = options.deleteUntagged
                                               ? m_store.tags(repository, &w.problems)
                                               : std::vector<TagEntry>{};
        std::unordered_set<oci::Digest> revisionSet(revisions.begin(), revisions.end());

        std::unordered_set<oci::Digest> kept;
        if (!options.deleteUntagged) {
            kept = revisionSet;
        } else {
            for (const TagEntry &t : tags) {
                kept.insert(t.digest);
                if (!revisionSet.count(t.digest))
                    w.problems.push_back({repository + ":" + t.tag,
                                          "tag points at " + t.digest.toString() +
                                              ", which is not a manifest of this repository"});
            }
            if (options.keepBlobsNewerThan) {
                // Online: a manifest linked moments ago may be a platform of
                // an index still being pushed (its index comes last); an
                // untagged revision whose link is recent is kept.
                const auto since = std::chrono::system_clock::now() - *options.keepBlobsNewerThan;
                const Directory revisionsDir = Directory::openBeneath(
                    m_store.layout().repositoriesDir(), repository + "/_manifests/revisions");
                for (const oci::Digest &r : revisions) {
                    if (kept.count(r))
                        continue;
                    const auto info = revisionsDir.fileInfo(std::string(r.algorithmName()) + "/" +
                                                            r.hex() + "/link");
                    if (info && info->modified > since)
                        kept.insert(r);
                }
            }
            // Children of kept indexes, recursively; referrers of kept manifests; to a fixpoint.
            bool grew = true;
            while (grew) {
                grew = false;
                std::vector<oci::Digest> work(kept.begin(), kept.end());
                while (!work.empty()) {
                    const oci::Digest d = work.back();
                    work.pop_back();
                    if (const ManifestFacts *m = w.manifests.get(d); m && m->isIndex) {
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
                    const ManifestFacts *m = w.manifests.get(r);
                    if (!m) {
                        kept.insert(r); // cannot tell what it is: keep it
                        grew = true;
                    } else if (m->subject && kept.count(*m->subject)) {
                        kept.insert(r);
                        grew = true;
                    }
                }
            }
            for (const oci::Digest &r : revisions) {
                if (!kept.count(r))
                    w.toDelete[index].push_back({repository, r});
            }
        }

        std::vector<oci::Digest> unparseable;
        for (const oci::Digest &d : kept) {
            if (revisionSet.count(d) || options.deleteUntagged)
                markManifest(w, d, repository, unparseable);
        }
        if (!unparseable.empty()) {
            // Never delete on uncertainty: keep every blob this repository links.
            for (const oci::Digest &layer : m_store.layerLinks(repository, &w.problems))
                w.marked.add(layer);
        }
    };

    Worker first(m_store);
    Worker second(m_store);
    auto runWorker = [&](Worker &w, std::size_t offset) {
        for (std::size_t i = offset; i < repositories.size(); i += 2) {
            if (cancelled(cancel))
                return;
            markRepository(w, i);
        }
    };
    auto secondDone = std::async(std::launch::async, [&] { runWorker(second, 1); });
    runWorker(first, 0);
    secondDone.wait();
    if (cancelled(cancel)) {
        allBlobs.wait();
        return makeError("CANCELLED", "garbage collection cancelled; nothing was deleted");
    }
    MarkSet marked = std::move(first.marked);
    marked.merge(std::move(second.marked));
    marked.seal();
    for (Worker *w : {&first, &second})
        report.problems.insert(report.problems.end(), w->problems.begin(), w->problems.end());
    std::map<std::size_t, std::vector<ManifestRef>> toDelete = std::move(first.toDelete);
    toDelete.merge(second.toDelete);
    for (auto &[index, refs] : toDelete)
        report.manifestsToDelete.insert(report.manifestsToDelete.end(), refs.begin(), refs.end());
    report.blobsMarked = marked.size();

    // Sweep.
    std::vector<BlobEntry> blobs = allBlobs.get();
    report.problems.insert(report.problems.end(), blobProblems.begin(), blobProblems.end());
    const Directory blobsDir = m_store.openBlobs();
    const auto recentSince = options.keepBlobsNewerThan
                                 ? std::chrono::system_clock::now() - *options.keepBlobsNewerThan
                                 : std::chrono::system_clock::time_point::min();
    for (BlobEntry &blob : blobs) {
        if (!marked.contains(blob.digest)) {
            const auto info = blobsDir.fileInfo(RegistryStore::blobDataRelative(blob.digest));
            if (options.keepBlobsNewerThan && info && info->modified > recentSince) {
                ++report.recentBlobsKept;
                continue;
            }
            blob.size = info ? info->size : 0;
            report.bytesToReclaim += blob.size;
            report.blobsToDelete.push_back(blob);
        }
    }
    std::sort(report.blobsToDelete.begin(), report.blobsToDelete.end(),
              [](const BlobEntry &a, const BlobEntry &b) { return a.digest < b.digest; });

    if (options.uploadsOlderThan) {
        const auto cutoff = std::chrono::system_clock::now() - *options.uploadsOlderThan;
        for (const std::string &repository : repositories) {
            for (const UploadEntry &upload : m_store.uploads(repository, &report.problems)) {
                if (upload.startedAt && *upload.startedAt < cutoff) {
                    report.uploadsToDelete.push_back(upload);
                    report.bytesToReclaim += upload.bytes;
                }
            }
        }
    }

    if (options.pruneEmptyRepositories) {
        std::set<std::string> losing;
        std::map<std::string, std::size_t> lost;
        for (const ManifestRef &m : report.manifestsToDelete)
            ++lost[m.repository];
        for (const std::string &repository : repositories) {
            const auto revisions = m_store.revisions(repository);
            if (revisions.size() == lost[repository] && m_store.tags(repository).empty())
                report.repositoriesToPrune.push_back(repository);
        }
    }

    if (cancelled(cancel))
        return makeError("CANCELLED", "garbage collection cancelled; nothing was deleted");
    if (options.dryRun)
        return report;

    // Delete: manifests (revision links and tag index entries), blobs and the
    // _layers links that pointed at them, stale uploads, empty repositories.
    const Layout &layout = m_store.layout();
    StoreRemover remover(layout, report.problems);
    std::map<std::string, std::vector<TagEntry>> tagsOf; // listed once per repository
    for (const ManifestRef &m : report.manifestsToDelete) {
        if (auto link = layout.revisionLinkPath(m.repository, m.digest); link.ok())
            remover.remove(link->parent_path());
        auto tags = tagsOf.find(m.repository);
        if (tags == tagsOf.end())
            tags = tagsOf.emplace(m.repository, m_store.tags(m.repository)).first;
        for (const TagEntry &t : tags->second) {
            if (auto index = layout.tagIndexLinkPath(m.repository, t.tag, m.digest); index.ok())
                remover.remove(index->parent_path());
        }
    }
    std::unordered_set<oci::Digest> deleted;
    for (const BlobEntry &blob : report.blobsToDelete) {
        remover.remove(layout.blobDir(blob.digest));
        deleted.insert(blob.digest);
    }
    for (const std::string &repository : repositories) {
        for (const oci::Digest &layer : m_store.layerLinks(repository)) {
            if (deleted.count(layer)) {
                if (auto link = layout.layerLinkPath(repository, layer); link.ok())
                    remover.remove(link->parent_path());
            }
        }
    }
    for (const UploadEntry &upload : report.uploadsToDelete) {
        if (auto dir = layout.uploadsDir(upload.repository); dir.ok())
            remover.remove(*dir / upload.uuid);
    }
    for (const std::string &repository : report.repositoriesToPrune) {
        if (auto dir = layout.repositoryDir(repository); dir.ok()) {
            remover.remove(*dir / "_manifests");
            remover.remove(*dir / "_layers");
            remover.remove(*dir / "_uploads");
            std::error_code ec;
            fs::remove(*dir, ec); // only if nothing else (nested repositories) lives below
        }
    }
    report.diskAvailableAfter = available();
    return report;
}

} // namespace berth::storage

namespace berth::storage {

std::string GcReport::toText() const
{
    std::string out;
    for (const ManifestRef &m : manifestsToDelete)
        out += "manifest eligible for deletion: " + m.digest.toString() + "\n";
    out += "\n" + std::to_string(blobsMarked) + " blobs marked, " +
           std::to_string(blobsToDelete.size()) + " blobs and " +
           std::to_string(manifestsToDelete.size()) + " manifests eligible for deletion\n";
    for (const BlobEntry &b : blobsToDelete)
        out += "blob eligible for deletion: " + b.digest.toString() + "\n";
    for (const UploadEntry &u : uploadsToDelete)
        out += "upload eligible for deletion: " + u.repository + "/_uploads/" + u.uuid + "\n";
    for (const std::string &r : repositoriesToPrune)
        out += "empty repository eligible for deletion: " + r + "\n";
    if (recentBlobsKept > 0)
        out +=
            std::to_string(recentBlobsKept) +
            " unreferenced blobs kept: written or mounted too recently (a push may be under way)\n";
    out += std::to_string(bytesToReclaim) + " bytes " +
           (dryRun ? "would be reclaimed" : "reclaimed") + "\n";
    for (const Problem &p : problems)
        out += "problem: " + p.path + ": " + p.message + "\n";
    return out;
}

std::string GcReport::toJson() const
{
    using nlohmann::json;
    json blobs = json::array();
    for (const BlobEntry &b : blobsToDelete)
        blobs.push_back({{"digest", b.digest.toString()}, {"bytes", b.size}});
    json manifests = json::array();
    for (const ManifestRef &m : manifestsToDelete)
        manifests.push_back({{"repository", m.repository}, {"digest", m.digest.toString()}});
    json uploads = json::array();
    for (const UploadEntry &u : uploadsToDelete)
        uploads.push_back({{"repository", u.repository}, {"uuid", u.uuid}, {"bytes", u.bytes}});
    json problemList = json::array();
    for (const Problem &p : problems)
        problemList.push_back({{"path", p.path}, {"message", p.message}});
    const json out{
        {"dryRun", dryRun},
        {"blobsMarked", blobsMarked},
        {"blobsEligible", blobs},
        {"manifestsEligible", manifests},
        {"uploadsEligible", uploads},
        {"repositoriesToPrune", repositoriesToPrune},
        {"bytesToReclaim", bytesToReclaim},
        {"recentBlobsKept", recentBlobsKept},
        {"diskAvailableBefore", diskAvailableBefore ? json(*diskAvailableBefore) : json()},
        {"diskAvailableAfter", diskAvailableAfter ? json(*diskAvailableAfter) : json()},
        {"problems", problemList}};
    return out.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace berth::storage
