#pragma once

#include "server/http_types.h"

#include "oci/result.h"
#include "storage/garbage_collector.h"

#include <string>

namespace berth::server {

struct RegistryContext;

// Berth's own API beside the registry's: online garbage collection and
// removing an empty repository. Without htpasswd only a client on this
// machine may call them; with it, every request is authenticated already.
class AdminEndpoints
{
public:
    explicit AdminEndpoints(RegistryContext &context);

    // POST /berth/v1/garbage-collect[?dry-run&delete-untagged&prune-empty-repos]
    HttpResponse garbageCollect(const HttpRequest &request);
    // DELETE /berth/v1/repositories/<name>: an empty repository (no tags,
    // no uploads) goes; 409 otherwise.
    HttpResponse removeRepository(const HttpRequest &request, const std::string &name);

    // Writes that touch what GC reads wait while it runs; uploads go on,
    // except those untouched for the purge age (options.uploadPurgeAge),
    // and blobs written or mounted within `options.keepBlobsNewerThan`
    // (default 1 h) are kept.
    Result<storage::GcReport> collectGarbage(storage::GcOptions options);
    // Uploads untouched for the purge age, and the folders they alone
    // filled (the periodic sweep of `serve`).
    Result<storage::GcReport> purgeUploads(bool dryRun);

private:
    RegistryContext &m_context;
};

} // namespace berth::server
