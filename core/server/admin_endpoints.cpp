#include "server/admin_endpoints.h"

#include "server/api_responses.h"
#include "server/registry_context.h"

#include "storage/repository_removal.h"

#include <mutex>

namespace berth::server {

AdminEndpoints::AdminEndpoints(RegistryContext &context)
    : m_context(context)
{
}

Result<storage::GcReport> AdminEndpoints::collectGarbage(storage::GcOptions options)
{
    options.force = true; // the store lock is this server's own
    if (!options.keepBlobsNewerThan)
        options.keepBlobsNewerThan = std::chrono::hours(1);
    // Uploads in progress are never touched: only those untouched for the
    // purge age (a week by default) go.
    options.uploadsOlderThan = m_context.options.uploadPurgeAge;
    std::unique_lock gate(m_context.gcGate);
    if (!m_context.store.exists()) { // nothing pushed yet: nothing to collect
        storage::GcReport empty;
        empty.dryRun = options.dryRun;
        return empty;
    }
    storage::GarbageCollector collector(m_context.root);
    return collector.run(options);
}

Result<storage::GcReport> AdminEndpoints::purgeUploads(bool dryRun)
{
    std::unique_lock gate(m_context.gcGate);
    storage::GarbageCollector collector(m_context.root);
    return collector.purgeUploads(m_context.options.uploadPurgeAge, dryRun, true);
}

HttpResponse AdminEndpoints::garbageCollect(const HttpRequest &request)
{
    if (!m_context.options.htpasswd && !request.fromLoopback)
        return apiError(403, "DENIED",
                        "garbage collection without authentication is allowed from this machine "
                        "only; configure auth.htpasswd to collect remotely");
    auto flag = [&request](const char *name) {
        const auto v = request.queryValue(name);
        return v && (*v == "true" || *v == "1" || v->empty());
    };
    storage::GcOptions options;
    options.dryRun = flag("dry-run");
    options.deleteUntagged = flag("delete-untagged");
    options.pruneEmptyRepositories = flag("prune-empty-repos");
    if (options.deleteUntagged && !m_context.options.deleteEnabled && !options.dryRun)
        return deletesDisabled();
    auto report = collectGarbage(options);
    if (!report.ok())
        return apiError(500, "UNKNOWN", report.error().message);
    HttpResponse r;
    r.status = 200;
    r.body = report->toJson();
    r.addHeader("Content-Type", "application/json");
    return r;
}

HttpResponse AdminEndpoints::removeRepository(const HttpRequest &request, const std::string &name)
{
    if (!m_context.options.htpasswd && !request.fromLoopback)
        return apiError(403, "DENIED",
                        "removing repositories without authentication is allowed from this "
                        "machine only; configure auth.htpasswd to do it remotely");
    if (!m_context.options.deleteEnabled)
        return deletesDisabled();
    // Exclusive: no push can start into the repository while it goes.
    std::unique_lock gate(m_context.gcGate);
    const Status removed = storage::removeEmptyRepository(m_context.root, name);
    if (removed.ok())
        return emptyResponse(204);
    const std::string &code = removed.error().code;
    if (code == "NOT_EMPTY")
        return apiError(409, "DENIED", removed.error().message);
    if (code == "NAME_UNKNOWN")
        return apiError(404, "NAME_UNKNOWN", removed.error().message);
    if (code == "NAME_INVALID")
        return apiError(400, "NAME_INVALID", removed.error().message);
    return apiError(500, "UNKNOWN", removed.error().message);
}

} // namespace berth::server
