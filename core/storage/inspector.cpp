#include "storage/inspector.h"

#include "storage/file_io.h"
#include "storage/usage_scan.h"

#include "oci/parsed_manifest.h"
#include "oci/timestamp.h"

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
    auto stopped = [cancel] {
        return cancel && cancel->load();
    };
    InspectReport report;
    const auto blobs = m_store.blobs(&report.problems);
    UsageScan scan(m_store, blobs, report);
    const auto repositories = m_store.repositories(&report.problems);
    for (std::size_t i = 0; i < repositories.size(); ++i) {
        if (stopped())
            return makeError("CANCELLED", "inspection cancelled");
        if (progress)
            progress("repositories", i, repositories.size());
        scan.scanRepository(repositories[i]);
    }
    scan.finish(blobs);
    for (const std::string &name : m_store.uploadFolders(&report.problems)) {
        for (UploadEntry &u : m_store.uploads(name, &report.problems))
            report.uploads.push_back(std::move(u));
    }
    const auto interrupted = std::stable_partition(report.problems.begin(), report.problems.end(),
                                                   [](const Problem &p) { return !p.interrupted; });
    report.leftovers.assign(interrupted, report.problems.end());
    report.problems.erase(interrupted, report.problems.end());
    if (!options.verify)
        return report;
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        if (stopped())
            return makeError("CANCELLED", "inspection cancelled");
        if (progress)
            progress("verify", i, blobs.size());
        verifyBlob(blobs[i], report);
    }
    return report;
}

void Inspector::verifyBlob(const BlobEntry &blob, InspectReport &report) const
{
    const fs::path data = m_store.layout().blobDataPath(blob.digest);
    auto actual = hashFile(data, blob.digest.algorithm());
    if (!actual.ok())
        report.problems.push_back({m_store.layout().relative(data), actual.error().message});
    else if (*actual != blob.digest)
        report.corruptBlobs.push_back(blob);
}

std::string InspectReport::toJson() const
{
    using nlohmann::json;
    json out;
    out["blobs"] = {{"count", blobCount}, {"bytes", blobBytes}};
    json repos = json::array();
    for (const auto &r : repositories) {
        json item{{"name", r.name},
                  {"tags", r.tags},
                  {"manifests", r.manifests},
                  {"untaggedManifests", r.untaggedManifests},
                  {"indexChildren", r.indexChildren},
                  {"referencedBytes", r.referencedBytes},
                  {"exclusiveBytes", r.exclusiveBytes},
                  {"sharedBytes", r.sharedBytes}};
        if (r.lastPulled)
            item["lastPulled"] = oci::formatRfc3339(
                std::chrono::time_point_cast<std::chrono::seconds>(*r.lastPulled));
        repos.push_back(std::move(item));
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
    out["leftovers"] = problemsJson(leftovers);
    return out.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace berth::storage
