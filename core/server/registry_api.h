#pragma once

#include "server/admin_endpoints.h"
#include "server/api_exchange.h"
#include "server/basic_auth.h"
#include "server/blob_endpoints.h"
#include "server/cache_bound.h"
#include "server/cache_listing.h"
#include "server/list_endpoints.h"
#include "server/manifest_endpoints.h"
#include "server/mirror.h"
#include "server/registry_api_options.h"
#include "server/registry_context.h"
#include "server/upload_sessions.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace berth::server {

struct ApiRoute;

// The OCI distribution-spec API over core/storage, independent of any HTTP
// library: the HTTP layer calls begin() with a request's head, feeds its
// body (if any) to the exchange in chunks, and sends what finish() returns.
// begin() authenticates, routes by the spec's path grammar (ApiRoute) and
// hands the request to the endpoints of its kind. Thread-safe: exchanges of
// different requests may run concurrently.
class RegistryApi
{
public:
    using Options = RegistryApiOptions;
    using Exchange = ApiExchange;

    RegistryApi(std::filesystem::path root, Options options);
    ~RegistryApi();

    std::unique_ptr<ApiExchange> begin(const HttpRequest &request);
    // begin() may wait for this request (a password to hash, the GC gate,
    // a file to create or rehash, an fsync): the HTTP layer then calls it
    // on a worker thread. Reads of manifests, blobs and lists do not.
    bool beginMayBlock(const HttpRequest &request) const;

    // The server is stopping: work waiting on others (a mirror's
    // upstreams) ends now, failed, so that no connection waits for it.
    void abandonOutsideWork();

    // Uploads whose hash state is held in memory (tests, diagnostics).
    std::size_t uploadsInMemory() const { return m_uploads.size(); }

    // Online garbage collection (the admin endpoint and SIGUSR1); see
    // AdminEndpoints::collectGarbage.
    Result<storage::GcReport> collectGarbage(storage::GcOptions options);
    Result<storage::GcReport> purgeUploads(bool dryRun);

    // Error response in the spec's format: {"errors":[{"code","message","detail"}]}.
    static HttpResponse error(int status, const std::string &code, const std::string &message);

private:
    std::unique_ptr<ApiExchange> dispatch(const ApiRoute &route, const HttpRequest &request);
    // The 401 or 429 for a request whose login is refused; nullopt: go on.
    std::optional<HttpResponse> authenticate(const HttpRequest &request);
    // A mirror's answer to a write of a mirrored repository: 405.
    static HttpResponse mirrorRefusal(const Mirror::Route &route);

    RegistryContext m_context;
    BasicAuth m_auth;
    UploadSessions m_uploads;
    ListEndpoints m_lists;
    ManifestEndpoints m_manifests;
    BlobEndpoints m_blobs;
    AdminEndpoints m_admin;
    CacheListing m_cacheListing;
    std::unique_ptr<CacheBound> m_bound; // set: a mirror with proxy.maxsize
    std::unique_ptr<Mirror> m_mirror;    // set: a pull-through cache (goes first)
};

} // namespace berth::server
