#include "server/registry_api.h"

#include "server/api_responses.h"
#include "server/api_route.h"
#include "server/basic_auth.h"
#include "server/fixed_exchange.h"

#include "oci/name_rules.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace berth::server {

namespace {

std::unique_ptr<ApiExchange> fixed(HttpResponse response)
{
    return std::make_unique<FixedExchange>(std::move(response));
}

bool isRead(const std::string &method)
{
    return method == "GET" || method == "HEAD";
}

} // namespace

RegistryApi::RegistryApi(std::filesystem::path root, Options options)
    : m_context(root, std::move(options))
    , m_auth(m_context.options.htpasswd, m_context.options.loginLimits)
    , m_uploads(m_context.options.uploadStateIdle)
    , m_lists(m_context)
    , m_manifests(m_context)
    , m_blobs(m_context, m_uploads)
    , m_admin(m_context)
    , m_cacheListing(m_context)
{
    const auto &mirror = m_context.options.mirror;
    if (!mirror)
        return;
    StoredBytes stored;
    if (mirror->maxSize) {
        m_bound = std::make_unique<CacheBound>(m_context, *mirror, [this](storage::GcOptions gc) {
            return m_admin.collectGarbage(gc);
        });
        stored = [bound = m_bound.get()](std::uintmax_t bytes) {
            bound->stored(bytes);
        };
    }
    m_mirror = std::make_unique<Mirror>(m_context, *mirror, std::move(stored));
}

RegistryApi::~RegistryApi() = default;

HttpResponse RegistryApi::error(int status, const std::string &code, const std::string &message)
{
    return apiError(status, code, message);
}

void RegistryApi::abandonOutsideWork()
{
    if (m_mirror)
        m_mirror->abandon();
}

Result<storage::GcReport> RegistryApi::collectGarbage(storage::GcOptions options)
{
    return m_admin.collectGarbage(std::move(options));
}

Result<storage::GcReport> RegistryApi::purgeUploads(bool dryRun)
{
    return m_admin.purgeUploads(dryRun);
}

bool RegistryApi::beginMayBlock(const HttpRequest &request) const
{
    if (!m_auth.answeredCheaply(request))
        return true; // a bcrypt
    if (m_mirror && isRead(request.method)) {
        // A read the store may lack, or a list, waits for the upstream.
        const ApiRoute::Kind kind = ApiRoute::parse(request.path).kind;
        if (kind == ApiRoute::Kind::Manifest || kind == ApiRoute::Kind::Blob ||
            kind == ApiRoute::Kind::TagsList || kind == ApiRoute::Kind::Catalog)
            return true;
    }
    // The cache listing reads the store's manifests. A prefix, not a parse:
    // every other GET passes here.
    if (request.method == "GET")
        return std::string_view(request.path).starts_with("/berth/v1/cache");
    // A blob HEAD takes the GC gate (it refreshes the blob's time); every
    // write takes it too, or creates, removes and fsyncs files.
    return request.method != "HEAD" || ApiRoute::parse(request.path).kind == ApiRoute::Kind::Blob;
}

std::unique_ptr<ApiExchange> RegistryApi::begin(const HttpRequest &request)
{
    if (auto refused = authenticate(request))
        return fixed(std::move(*refused));
    const ApiRoute route = ApiRoute::parse(request.path);
    switch (route.kind) {
    case ApiRoute::Kind::NotFound:
        return fixed(apiError(404, "NOT_FOUND", "not a registry API path"));
    case ApiRoute::Kind::Ping: {
        if (!isRead(request.method))
            return fixed(methodNotAllowed());
        HttpResponse r = jsonResponse(200, nlohmann::json::object());
        if (m_mirror) // the app then shows what is cached (GET /berth/v1/cache)
            r.addHeader("Berth-Mirror", "1");
        return fixed(std::move(r));
    }
    case ApiRoute::Kind::Catalog:
        if (request.method != "GET")
            return fixed(methodNotAllowed());
        // A mirror's: the upstreams' repositories that answer, with the store's.
        return fixed(m_lists.catalog(request, m_mirror ? m_mirror->upstreamRepositories()
                                                       : std::vector<std::string>{}));
    case ApiRoute::Kind::AdminGarbageCollect:
        return fixed(request.method == "POST" ? m_admin.garbageCollect(request)
                                              : methodNotAllowed());
    case ApiRoute::Kind::AdminRemoveRepository:
        return fixed(request.method == "DELETE" ? m_admin.removeRepository(request, route.name)
                                                : methodNotAllowed());
    case ApiRoute::Kind::CacheListing:
        return fixed(request.method == "GET" ? m_cacheListing.repositories() : methodNotAllowed());
    case ApiRoute::Kind::CacheRepository:
        return fixed(request.method == "GET" ? m_cacheListing.repository(route.name)
                                             : methodNotAllowed());
    default:
        break;
    }
    if (auto valid = oci::validateRepositoryName(route.name); !valid.ok())
        return fixed(errorResponse(valid.error()));
    return dispatch(route, request);
}

HttpResponse RegistryApi::mirrorRefusal(const Mirror::Route &route)
{
    return apiError(405, "UNSUPPORTED",
                    route.name.local + " is a pull-through cache of " + route.upstreamUrl +
                        ": it takes no pushes or deletes (local repositories do)");
}

std::optional<HttpResponse> RegistryApi::authenticate(const HttpRequest &request)
{
    const BasicAuth::Verdict verdict = m_auth.check(request);
    switch (verdict.kind) {
    case BasicAuth::Verdict::Kind::Accepted:
        return std::nullopt;
    case BasicAuth::Verdict::Kind::Throttled: {
        HttpResponse r = apiError(429, "TOOMANYREQUESTS",
                                  "too many failed logins; try again in " +
                                      std::to_string(verdict.retryAfter.count()) + " s");
        r.addHeader("Retry-After", std::to_string(verdict.retryAfter.count()));
        return r;
    }
    case BasicAuth::Verdict::Kind::Refused:
        break;
    }
    HttpResponse r = apiError(401, "UNAUTHORIZED", "authentication required");
    r.addHeader("WWW-Authenticate", "Basic realm=\"" + m_context.options.realm + "\"");
    return r;
}

// A route with a valid repository name, to its endpoint by method.
std::unique_ptr<ApiExchange> RegistryApi::dispatch(const ApiRoute &route,
                                                   const HttpRequest &request)
{
    const std::string &method = request.method;
    const Mirror::Route where = m_mirror ? m_mirror->route(route.name, request) : Mirror::Route{};
    if (where.kind == Mirror::Route::Kind::Refused)
        return fixed(apiError(
            404, "NAME_UNKNOWN",
            "this mirror has no upstream that serves " + route.name +
                (request.queryValue("ns") ? " for " + *request.queryValue("ns") : std::string())));
    const Mirror::Route *mirrored = where.kind == Mirror::Route::Kind::Mirrored ? &where : nullptr;
    // The store's name: a mirrored repository is stored under its prefix.
    const std::string &name = mirrored ? mirrored->name.local : route.name;
    if (mirrored && !isRead(method) &&
        (route.kind == ApiRoute::Kind::Manifest || route.kind == ApiRoute::Kind::Blob ||
         route.kind == ApiRoute::Kind::UploadStart || route.kind == ApiRoute::Kind::Upload))
        return fixed(mirrorRefusal(*mirrored));
    if (mirrored && route.kind == ApiRoute::Kind::Manifest) {
        if (auto refused = mirrored->pull->ensureManifest(mirrored->name, route.tail))
            return fixed(std::move(*refused));
    }
    if (mirrored && route.kind == ApiRoute::Kind::Blob) {
        if (auto digest = oci::Digest::parse(route.tail); digest.ok()) {
            if (auto exchange = mirrored->pull->blob(request, mirrored->name, *digest))
                return exchange;
        }
    }
    switch (route.kind) {
    case ApiRoute::Kind::TagsList:
        if (method != "GET")
            return fixed(methodNotAllowed());
        if (mirrored) {
            // The upstream's tags when it answers; the cached ones otherwise.
            if (auto upstream = mirrored->pull->upstreamTags(mirrored->name.upstream))
                return fixed(ListEndpoints::tagPage(request, route.name, std::move(*upstream)));
        }
        return fixed(m_lists.tags(request, name));
    case ApiRoute::Kind::Manifest:
        if (isRead(method))
            return fixed(m_manifests.get(name, route.tail));
        if (method == "PUT")
            return m_manifests.startPut(request, name, route.tail);
        if (method == "DELETE")
            return fixed(m_manifests.remove(name, route.tail));
        return fixed(methodNotAllowed());
    case ApiRoute::Kind::Blob:
        if (isRead(method))
            return fixed(m_blobs.get(request, name, route.tail));
        if (method == "DELETE")
            return fixed(m_blobs.remove(name, route.tail));
        return fixed(methodNotAllowed());
    case ApiRoute::Kind::UploadStart:
        return method == "POST" ? m_blobs.startUpload(request, name) : fixed(methodNotAllowed());
    case ApiRoute::Kind::Upload:
        return m_blobs.upload(request, name, route.tail);
    case ApiRoute::Kind::Referrers:
        return fixed(method == "GET" ? m_manifests.referrers(request, name, route.tail)
                                     : methodNotAllowed());
    default:
        return fixed(apiError(404, "NOT_FOUND", "not a registry API path"));
    }
}

} // namespace berth::server
