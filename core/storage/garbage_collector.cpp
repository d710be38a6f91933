#include "storage/garbage_collector.h"

#include "storage/gc_marker.h"
#include "storage/store_lock.h"
#include "storage/store_remover.h"

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

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancelledError()
{
    return makeError("CANCELLED", "garbage collection cancelled; nothing was deleted");
}

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
    auto lock = lockUnlessForced(options.force);
    if (!lock.ok())
        return lock.error();

    GcReport report;
    report.dryRun = options.dryRun;
    report.diskAvailableBefore = availableSpace();
    // Listing every blob is independent of marking: do it on the other core.
    std::vector<Problem> blobProblems;
    auto allBlobs = std::async(
        std::launch::async, [this, &blobProblems] { return m_store.blobs(&blobProblems, false); });
    const std::vector<std::string> repositories = m_store.repositories(&report.problems);
    std::optional<MarkSet> marked = mark(repositories, options, cancel, progress, report);
    if (!marked) {
        allBlobs.wait();
        return cancelledError();
    }
    report.problems.insert(report.problems.end(), blobProblems.begin(), blobProblems.end());
    sweep(allBlobs.get(), *marked, options, report);
    if (options.uploadsOlderThan)
        planUploads(*options.uploadsOlderThan, report);
    if (options.pruneEmptyRepositories)
        planPrunes(repositories, report);
    if (cancelled(cancel))
        return cancelledError();
    if (options.dryRun)
        return report;
    deletePlanned(repositories, report);
    report.diskAvailableAfter = availableSpace();
    return report;
}

Result<std::unique_ptr<StoreLock>> GarbageCollector::lockUnlessForced(bool force) const
{
    if (force)
        return std::unique_ptr<StoreLock>();
    auto acquired = StoreLock::tryAcquire(m_store.layout().root(), StoreLock::Mode::Exclusive);
    if (!acquired.ok()) {
        Error e = acquired.error();
        if (e.code == "LOCKED")
            e.message += "; stop it, or collect online through its admin endpoint (or "
                         "SIGUSR1), or pass --force";
        return e;
    }
    return std::move(acquired.value());
}

Result<GcReport> GarbageCollector::purgeUploads(std::chrono::seconds olderThan, bool dryRun,
                                                bool force)
{
    if (!m_store.exists())
        return GcReport{};
    auto lock = lockUnlessForced(force);
    if (!lock.ok())
        return lock.error();
    GcReport report;
    report.dryRun = dryRun;
    planUploads(olderThan, report);
    if (!dryRun)
        deletePlanned(m_store.repositories(&report.problems), report);
    return report;
}

std::optional<std::uintmax_t> GarbageCollector::availableSpace() const
{
    std::error_code ec;
    const auto space = fs::space(m_store.layout().root(), ec);
    return ec ? std::nullopt : std::optional(space.available);
}

// Marking runs on two threads (repositories split between them), each with
// its own GcMarker; merged afterwards. nullopt: cancelled.
std::optional<MarkSet> GarbageCollector::mark(const std::vector<std::string> &repositories,
                                              const GcOptions &options,
                                              const std::atomic<bool> *cancel,
                                              const Progress &progress, GcReport &report) const
{
    std::atomic<std::size_t> done{0};
    GcMarker first(m_store, options);
    GcMarker second(m_store, options);
    auto runMarker = [&](GcMarker &marker, std::size_t offset) {
        for (std::size_t i = offset; i < repositories.size(); i += 2) {
            if (cancelled(cancel))
                return;
            if (progress)
                progress("mark", done++, repositories.size());
            marker.markRepository(repositories[i], i);
        }
    };
    auto secondDone = std::async(std::launch::async, [&] { runMarker(second, 1); });
    runMarker(first, 0);
    secondDone.wait();
    if (cancelled(cancel))
        return std::nullopt;
    MarkSet marked = std::move(first.marked());
    marked.merge(std::move(second.marked()));
    marked.seal();
    for (GcMarker *m : {&first, &second})
        report.problems.insert(report.problems.end(), m->problems().begin(), m->problems().end());
    std::map<std::size_t, std::vector<ManifestRef>> toDelete = std::move(first.toDelete());
    toDelete.merge(second.toDelete());
    for (auto &[index, refs] : toDelete)
        report.manifestsToDelete.insert(report.manifestsToDelete.end(), refs.begin(), refs.end());
    report.blobsMarked = marked.size();
    return marked;
}

// Every blob no kept manifest references goes — online, unless it was
// written, mounted or probed recently (a push in progress).
void GarbageCollector::sweep(std::vector<BlobEntry> blobs, const MarkSet &marked,
                             const GcOptions &options, GcReport &report) const
{
    const Directory blobsDir = m_store.openBlobs();
    const auto recentSince = options.keepBlobsNewerThan
                                 ? std::chrono::system_clock::now() - *options.keepBlobsNewerThan
                                 : std::chrono::system_clock::time_point::min();
    for (BlobEntry &blob : blobs) {
        if (marked.contains(blob.digest))
            continue;
        const auto info = blobsDir.fileInfo(RegistryStore::blobDataRelative(blob.digest));
        if (options.keepBlobsNewerThan && info && info->modified > recentSince) {
            ++report.recentBlobsKept;
            continue;
        }
        blob.size = info ? info->size : 0;
        report.bytesToReclaim += blob.size;
        report.blobsToDelete.push_back(blob);
    }
    std::sort(report.blobsToDelete.begin(), report.blobsToDelete.end(),
              [](const BlobEntry &a, const BlobEntry &b) { return a.digest < b.digest; });
}

// Uploads started and last written before the cutoff, in every folder that
// has uploads (some hold nothing else: a push that never sent a manifest).
void GarbageCollector::planUploads(std::chrono::seconds olderThan, GcReport &report) const
{
    const auto cutoff = std::chrono::system_clock::now() - olderThan;
    for (const std::string &folder : m_store.uploadFolders(&report.problems)) {
        for (const UploadEntry &upload : m_store.uploads(folder, &report.problems)) {
            if (upload.staleAt(cutoff)) {
                report.uploadsToDelete.push_back(upload);
                report.bytesToReclaim += upload.bytes;
            }
        }
    }
}

// A repository whose every revision goes and that has no tag left.
void GarbageCollector::planPrunes(const std::vector<std::string> &repositories,
                                  GcReport &report) const
{
    std::map<std::string, std::size_t> lost;
    for (const ManifestRef &m : report.manifestsToDelete)
        ++lost[m.repository];
    for (const std::string &repository : repositories) {
        const auto revisions = m_store.revisions(repository);
        if (revisions.size() == lost[repository] && m_store.tags(repository).empty())
            report.repositoriesToPrune.push_back(repository);
    }
}

// Manifests (revision links and tag index entries), blobs and the _layers
// links that pointed at them, stale uploads, empty repositories.
void GarbageCollector::deletePlanned(const std::vector<std::string> &repositories,
                                     GcReport &report) const
{
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
    for (const BlobEntry &blob : report.blobsToDelete)
        deleted.insert(blob.digest);
    for (const std::string &repository : repositories) {
        for (const oci::Digest &layer : m_store.layerLinks(repository)) {
            if (deleted.count(layer)) {
                if (auto link = layout.layerLinkPath(repository, layer); link.ok())
                    remover.remove(link->parent_path());
            }
        }
    }
    // Whatever refers to a blob is gone for good before the blob goes: a
    // power cut in between leaves an orphan blob (the next run frees it),
    // never a link or manifest to nothing.
    if (remover.syncRemovals()) {
        for (const BlobEntry &blob : report.blobsToDelete)
            remover.remove(layout.blobDir(blob.digest));
    } else {
        report.problems.push_back({".", "blobs kept: the links to them could not be synced "
                                        "away first (a power cut could leave links to nothing)"});
    }
    std::set<std::string> uploadFolders;
    for (const UploadEntry &upload : report.uploadsToDelete) {
        if (auto dir = layout.uploadsDir(upload.repository); dir.ok())
            remover.remove(*dir / upload.uuid);
        uploadFolders.insert(upload.repository);
    }
    // A folder that held only uploads, now none, goes (fs::remove takes
    // only empty folders, and a symlink itself, never its target).
    for (const std::string &folder : uploadFolders) {
        if (std::find(repositories.begin(), repositories.end(), folder) != repositories.end())
            continue;
        if (auto dir = layout.repositoryDir(folder); dir.ok()) {
            std::error_code ec;
            fs::remove(*dir / "_uploads", ec);
            fs::remove(*dir, ec);
        }
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
