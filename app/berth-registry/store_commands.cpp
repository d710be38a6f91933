#include "store_commands.h"

#include "cli.h"

#include "oci/name_rules.h"
#include "oci/timestamp.h"
#include "server/mirror.h"
#include "server/mirror_routing.h"
#include "server/registry_config.h"
#include "storage/garbage_collector.h"
#include "storage/inspector.h"
#include "storage/registry_store.h"
#include "storage/store_lock.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace berth::registry_cli {

namespace fs = std::filesystem;

namespace {

// "2026-12-06 20:47 UTC", or "never" for a repository with no manifest.
std::string shownTime(const std::optional<std::chrono::system_clock::time_point> &time)
{
    if (!time)
        return "never";
    const std::string rfc3339 =
        berth::oci::formatRfc3339(std::chrono::time_point_cast<std::chrono::seconds>(*time));
    return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5) + " UTC";
}

// A mirror's config (a config.yml with a proxy block): each repository
// said to be mirrored (from which upstream) or local.
std::optional<berth::server::MirrorRouting> mirrorRoutingOf(const fs::path &rootOrConfig)
{
    std::error_code ec;
    if (!fs::is_regular_file(rootOrConfig, ec))
        return std::nullopt;
    auto config = berth::server::RegistryConfig::load(rootOrConfig);
    if (!config.ok() || !config->proxy.enabled())
        return std::nullopt;
    return berth::server::MirrorRouting(berth::server::Mirror::optionsOf(config->proxy));
}

std::string originOf(const std::optional<berth::server::MirrorRouting> &mirror,
                     const std::string &repository)
{
    if (!mirror)
        return {};
    return mirror->upstreamUrlOf(repository).value_or("local");
}

std::string inspectJson(const berth::storage::InspectReport &report,
                        const std::optional<berth::server::MirrorRouting> &mirror)
{
    if (!mirror)
        return report.toJson();
    nlohmann::json out = nlohmann::json::parse(report.toJson());
    for (auto &repository : out["repositories"])
        repository["mirroredFrom"] = originOf(mirror, repository["name"].get<std::string>());
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

int inspect(const fs::path &root, const std::optional<berth::server::MirrorRouting> &mirror,
            bool json, bool verify)
{
    berth::storage::Inspector inspector(root);
    auto report = inspector.run({verify});
    if (!report.ok())
        return fail(report.error().message);
    if (json) {
        std::printf("%s\n", inspectJson(*report, mirror).c_str());
        return report->corruptBlobs.empty() && report->danglingLinks.empty() ? 0 : 3;
    }
    std::printf("%zu blobs, %s; %zu repositories\n", report->blobCount,
                humanBytes(report->blobBytes).c_str(), report->repositories.size());
    std::printf("\nTop repositories by exclusive size (freed if removed):\n");
    std::size_t shown = 0;
    for (const auto &r : report->repositories) {
        if (shown++ == 20)
            break;
        std::string where = "last pulled " + shownTime(r.lastPulled);
        if (const std::string origin = originOf(mirror, r.name); !origin.empty())
            where += origin == "local" ? ", local" : ", mirrored from " + origin;
        std::printf("  %-40s %10s exclusive %10s shared  %zu tags, %zu manifests (%zu untagged, "
                    "%zu platforms of tagged indexes), %s\n",
                    r.name.c_str(), humanBytes(r.exclusiveBytes).c_str(),
                    humanBytes(r.sharedBytes).c_str(), r.tags, r.manifests, r.untaggedManifests,
                    r.indexChildren, where.c_str());
    }
    std::printf("\nOrphan blobs (garbage-collect frees them): %zu, %s\n",
                report->orphanBlobs.size(), humanBytes(report->orphanBytes).c_str());
    std::printf("Untagged manifests: %zu\n", report->untagged.size());
    std::printf("Uploads in progress or abandoned: %zu\n", report->uploads.size());
    if (!report->leftovers.empty())
        std::printf("Folders a crash left without their file (harmless): %zu\n",
                    report->leftovers.size());
    for (const auto &p : report->danglingLinks)
        std::printf("dangling: %s: %s\n", p.path.c_str(), p.message.c_str());
    for (const auto &b : report->corruptBlobs)
        std::printf("corrupt: %s (content does not match its digest)\n",
                    b.digest.toString().c_str());
    for (const auto &p : report->problems)
        std::printf("problem: %s: %s\n", p.path.c_str(), p.message.c_str());
    return report->corruptBlobs.empty() && report->danglingLinks.empty() ? 0 : 3;
}

int rmRepo(const fs::path &root, const std::string &name, bool dryRun)
{
    if (auto valid = berth::oci::validateRepositoryName(name); !valid.ok())
        return fail(valid.error().message, 2);
    berth::storage::RegistryStore store(root);
    auto dir = store.layout().repositoryDir(name);
    std::error_code ec;
    if (!dir.ok() || !fs::is_directory(*dir / "_manifests", ec))
        return fail("no repository '" + name + "' in " + root.string());
    auto lock =
        berth::storage::StoreLock::tryAcquire(root, berth::storage::StoreLock::Mode::Exclusive);
    if (!lock.ok())
        return fail(lock.error().message + "; stop the registry first");
    berth::storage::Inspector inspector(root);
    auto before = inspector.run({});
    std::uintmax_t exclusive = 0;
    if (before.ok()) {
        for (const auto &r : before->repositories) {
            if (r.name == name)
                exclusive = r.exclusiveBytes;
        }
    }
    if (!dryRun) {
        for (const char *part : {"_manifests", "_layers", "_uploads"})
            fs::remove_all(*dir / part, ec);
        fs::remove(*dir, ec); // kept when nested repositories live below
    }
    std::printf("%s %s; a following garbage-collect frees %s (%ju bytes)\n",
                dryRun ? "would remove" : "removed", name.c_str(), humanBytes(exclusive).c_str(),
                exclusive);
    return 0;
}

} // namespace

int runStoreCommand(int argc, char **argv)
{
    const std::string_view command = argv[1];
    std::vector<std::string> positional;
    bool json = false, verify = false, dryRun = false, deleteUntagged = false, prune = false,
         force = false;
    std::optional<std::chrono::seconds> uploadsOlderThan;
    for (int i = 2; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "-h" || a == "--help") {
            printUsage(stdout);
            return 0;
        }
        if (const int rc = missingValue(a, i, argc, {"--uploads-older-than"}))
            return rc;
        if (a == "--json")
            json = true;
        else if (a == "--verify" && command == "inspect")
            verify = true;
        else if ((a == "--dry-run" || a == "-d") && command != "inspect")
            dryRun = true;
        else if ((a == "--delete-untagged" || a == "-m") && command == "garbage-collect")
            deleteUntagged = true;
        else if (a == "--prune-empty-repos" && command == "garbage-collect")
            prune = true;
        else if (a == "--force" && command == "garbage-collect")
            force = true;
        else if (a == "--uploads-older-than" && command == "garbage-collect" && i + 1 < argc) {
            uploadsOlderThan = parseDuration(argv[++i]);
            if (!uploadsOlderThan)
                return fail(std::string("--uploads-older-than: '") + argv[i] +
                                "' is not a duration like 24h or 7d",
                            2);
        } else if (!a.empty() && a.front() == '-')
            return fail("unknown option '" + std::string(a) + "' for " + std::string(command), 2);
        else
            positional.emplace_back(a);
    }
    const std::size_t wanted = command == "rm-repo" ? 2 : 1;
    if (positional.size() != wanted) {
        printUsage(stderr);
        return 2;
    }
    auto root = berth::server::RegistryConfig::resolveRoot(positional[0]);
    if (!root.ok())
        return fail(root.error().message);

    if (command == "inspect")
        return inspect(*root, mirrorRoutingOf(positional[0]), json, verify);
    if (command == "rm-repo")
        return rmRepo(*root, positional[1], dryRun);

    berth::storage::GcOptions options;
    options.dryRun = dryRun;
    options.deleteUntagged = deleteUntagged;
    options.uploadsOlderThan = uploadsOlderThan;
    options.pruneEmptyRepositories = prune;
    options.force = force;
    berth::storage::GarbageCollector collector(*root);
    auto report = collector.run(options);
    if (!report.ok())
        return fail(report.error().message);
    std::fputs(json ? (report->toJson() + "\n").c_str() : report->toText().c_str(), stdout);
    return 0;
}

} // namespace berth::registry_cli
