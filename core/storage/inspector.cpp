#include "storage/inspector.h"

#include "storage/file_io.h"

#include "oci/parsed_manifest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace berth::storage {

namespace fs = std::filesystem;

Inspector::Inspector(fs::path root)
    : m_store(std::move(root))
{
}

Result<InspectReport> Inspector::run(const InspectOptions &options, const std::atomic<bool> *cancel,
                                     Progress progress)
{
    if (!m_store.exists())
        return makeError("NOT_FOUND", "no registry data under " + m_store.layout().v2().string());
    InspectReport report;
    const auto blobs = m_store.blobs(&report.problems);
    std::unordered_map<oci::Digest, std::uintmax_t> sizes;
    for (const BlobEntry &b : blobs) {
        sizes.emplace(b.digest, b.size);
        report.blobBytes += b.size;
    }
    report.blobCount = blobs.size();

    // blob → how many repositories reference it (and the first one).
    struct Use
    {
        std::size_t repositories = 0;
        std::size_t lastRepository = SIZE_MAX;
    };
    std::unordered_map<oci::Digest, Use> uses;
    // Of each manifest only what it references is kept (bounded memory).
    struct ManifestRefs
    {
        bool isIndex = false;
        std::vector<oci::Digest> references;
    };
    std::unordered_map<oci::Digest, std::optional<ManifestRefs>> parsed;
    const Directory blobsDir = m_store.openBlobs();
    std::vector<std::unordered_set<oci::Digest>> referencedBy;

    const auto repositories = m_store.repositories(&report.problems);
    for (std::size_t i = 0; i < repositories.size(); ++i) {
        if (cancel && cancel->load())
            return makeError("CANCELLED", "inspection cancelled");
        if (progress)
            progress("repositories", i, repositories.size());
        const std::string &name = repositories[i];
        RepositoryUsage usage;
        usage.name = name;
        const auto tags = m_store.tags(name, &report.problems);
        const auto revisions = m_store.revisions(name, &report.problems);
        usage.tags = tags.size();
        usage.manifests = revisions.size();
        std::unordered_set<oci::Digest> tagged;
        for (const TagEntry &t : tags) {
            tagged.insert(t.digest);
            if (!sizes.count(t.digest))
                report.danglingLinks.push_back(
                    {name + ":" + t.tag,
                     "tag points at a missing manifest " + t.digest.toString()});
        }
        std::unordered_set<oci::Digest> refs;
        for (const oci::Digest &r : revisions) {
            if (!sizes.count(r)) {
                report.danglingLinks.push_back(
                    {name + "@" + r.toString(), "revision link to a missing manifest"});
                continue;
            }
            refs.insert(r);
            auto it = parsed.find(r);
            if (it == parsed.end()) {
                auto bytes = RegistryStore::readBlob(blobsDir, r, oci::kMaxManifestBytes);
                std::optional<ManifestRefs> m;
                if (bytes.ok()) {
                    if (auto p = oci::parseManifest(*bytes); p.ok())
                        m = ManifestRefs{p->isIndex(), p->referencedDigests()};
                    else
                        report.problems.push_back(
                            {name + "@" + r.toString(),
                             "manifest does not parse: " + p.error().message});
                } else {
                    report.problems.push_back({name + "@" + r.toString(), bytes.error().message});
                }
                it = parsed.emplace(r, std::move(m)).first;
            }
            if (!it->second)
                continue;
            for (const oci::Digest &d : it->second->references) {
                refs.insert(d);
                if (!sizes.count(d) && !it->second->isIndex)
                    report.danglingLinks.push_back(
                        {name + "@" + r.toString(), "references missing blob " + d.toString()});
            }
        }
        // Untagged, unless a tagged index (or an index it holds) lists it:
        // then it is a platform of a tagged image, not something left over.
        std::unordered_set<oci::Digest> reachable(tagged.begin(), tagged.end());
        std::vector<oci::Digest> queue(tagged.begin(), tagged.end());
        while (!queue.empty()) {
            const oci::Digest d = queue.back();
            queue.pop_back();
            const auto it = parsed.find(d);
            if (it == parsed.end() || !it->second || !it->second->isIndex)
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
            report.untagged.emplace_back(name, r);
        }
        for (const oci::Digest &layer : m_store.layerLinks(name, &report.problems)) {
            if (!sizes.count(layer))
                report.danglingLinks.push_back(
                    {name, "_layers link to missing blob " + layer.toString()});
        }
        for (const oci::Digest &d : refs) {
            Use &u = uses[d];
            ++u.repositories;
            u.lastRepository = i;
            if (auto s = sizes.find(d); s != sizes.end())
                usage.referencedBytes += s->second;
        }
        report.repositories.push_back(usage);
        referencedBy.push_back(std::move(refs));
    }
    for (std::size_t i = 0; i < report.repositories.size(); ++i) {
        for (const oci::Digest &d : referencedBy[i]) {
            const auto s = sizes.find(d);
            if (s == sizes.end())
                continue;
            if (uses[d].repositories == 1)
                report.repositories[i].exclusiveBytes += s->second;
            else
                report.repositories[i].sharedBytes += s->second;
        }
    }
    std::sort(report.repositories.begin(), report.repositories.end(),
              [](const RepositoryUsage &a, const RepositoryUsage &b) {
                  return a.exclusiveBytes != b.exclusiveBytes ? a.exclusiveBytes > b.exclusiveBytes
                                                              : a.name < b.name;
              });
    for (const BlobEntry &b : blobs) {
        if (!uses.count(b.digest)) {
            report.orphanBlobs.push_back(b);
            report.orphanBytes += b.size;
        }
    }
    for (const std::string &name : repositories) {
        for (UploadEntry &u : m_store.uploads(name, &report.problems))
            report.uploads.push_back(std::move(u));
    }
    if (options.verify) {
        for (std::size_t i = 0; i < blobs.size(); ++i) {
            if (cancel && cancel->load())
                return makeError("CANCELLED", "inspection cancelled");
            if (progress)
                progress("verify", i, blobs.size());
            auto actual = hashFile(m_store.layout().blobDataPath(blobs[i].digest),
                                   blobs[i].digest.algorithm());
            if (!actual.ok())
                report.problems.push_back(
                    {m_store.layout().relative(m_store.layout().blobDataPath(blobs[i].digest)),
                     actual.error().message});
            else if (*actual != blobs[i].digest)
                report.corruptBlobs.push_back(blobs[i]);
        }
    }
    return report;
}

std::string InspectReport::toJson() const
{
    using nlohmann::json;
    json out;
    out["blobs"] = {{"count", blobCount}, {"bytes", blobBytes}};
    json repos = json::array();
    for (const auto &r : repositories) {
        repos.push_back({{"name", r.name},
                         {"tags", r.tags},
                         {"manifests", r.manifests},
                         {"untaggedManifests", r.untaggedManifests},
                         {"indexChildren", r.indexChildren},
                         {"referencedBytes", r.referencedBytes},
                         {"exclusiveBytes", r.exclusiveBytes},
                         {"sharedBytes", r.sharedBytes}});
    }
    out["repositories"] = repos;
    json orphans = json::array();
    for (const auto &b : orphanBlobs)
        orphans.push_back({{"digest", b.digest.toString()}, {"bytes", b.size}});
    out["orphanBlobs"] = {
        {"count", orphanBlobs.size()}, {"bytes", orphanBytes}, {"items", orphans}};
    json untaggedJson = json::array();
    for (const auto &[repo, digest] : untagged)
        untaggedJson.push_back({{"repository", repo}, {"digest", digest.toString()}});
    out["untaggedManifests"] = untaggedJson;
    json uploadsJson = json::array();
    const auto now = std::chrono::system_clock::now();
    for (const auto &u : uploads) {
        json item{{"repository", u.repository}, {"uuid", u.uuid}, {"bytes", u.bytes}};
        if (u.startedAt)
            item["ageSeconds"] =
                std::chrono::duration_cast<std::chrono::seconds>(now - *u.startedAt).count();
        uploadsJson.push_back(item);
    }
    out["uploads"] = uploadsJson;
    auto problemsJson = [](const std::vector<Problem> &list) {
        json arr = json::array();
        for (const auto &p : list)
            arr.push_back({{"path", p.path}, {"message", p.message}});
        return arr;
    };
    out["danglingLinks"] = problemsJson(danglingLinks);
    json corrupt = json::array();
    for (const auto &b : corruptBlobs)
        corrupt.push_back({{"digest", b.digest.toString()}, {"bytes", b.size}});
    out["corruptBlobs"] = corrupt;
    out["problems"] = problemsJson(problems);
    return out.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace berth::storage
