#include "server/api_route.h"

namespace berth::server {

namespace {

// The path without its last component, and that component.
std::pair<std::string_view, std::string_view> splitLast(std::string_view path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return {{}, path};
    return {path.substr(0, slash), path.substr(slash + 1)};
}

ApiRoute route(ApiRoute::Kind kind, std::string_view name, std::string_view tail = {})
{
    if (name.empty())
        return {};
    return {kind, std::string(name), std::string(tail)};
}

} // namespace

ApiRoute ApiRoute::parse(std::string_view path)
{
    using enum Kind;
    if (path == "/berth/v1/garbage-collect")
        return {AdminGarbageCollect, {}, {}};
    if (constexpr std::string_view prefix = "/berth/v1/repositories/"; path.starts_with(prefix))
        return route(AdminRemoveRepository, path.substr(prefix.size()));
    if (path == "/berth/v1/cache")
        return {CacheListing, {}, {}};
    if (constexpr std::string_view prefix = "/berth/v1/cache/"; path.starts_with(prefix))
        return route(CacheRepository, path.substr(prefix.size()));
    if (path == "/v2/" || path == "/v2")
        return {Ping, {}, {}};
    if (path == "/v2/_catalog")
        return {Catalog, {}, {}};
    if (!path.starts_with("/v2/"))
        return {};
    const std::string_view rest = path.substr(4);
    if (constexpr std::string_view suffix = "/tags/list"; rest.ends_with(suffix))
        return route(TagsList, rest.substr(0, rest.size() - suffix.size()));
    // The last three components: [..., c3, c2, c1].
    const auto [beforeC1, c1] = splitLast(rest);
    const auto [beforeC2, c2] = splitLast(beforeC1);
    const auto [beforeC3, c3] = splitLast(beforeC2);
    if (c3 == "blobs" && c2 == "uploads")
        return route(c1.empty() ? UploadStart : Upload, beforeC3, c1);
    if (c1.empty())
        return {}; // every other endpoint ends in a reference, digest or "list"
    if (c2 == "manifests")
        return route(Manifest, beforeC2, c1);
    if (c2 == "blobs")
        return route(Blob, beforeC2, c1);
    if (c2 == "referrers")
        return route(Referrers, beforeC2, c1);
    return {};
}

} // namespace berth::server
