#pragma once

#include "server/http_types.h"
#include "server/pull_through.h"
#include "server/registry_api_options.h"
#include "server/registry_config.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace berth::server {

struct RegistryContext;

// Which repositories a mirroring berth-registry pulls through, and from
// where. A repository under an upstream's prefix ("ghcr/owner/app") is
// that upstream's ("owner/app" there), stored under the prefix; the root
// upstream (no prefix, registry:2's remoteurl) takes every repository
// nothing else claims, except those under a local prefix. containerd's
// `?ns=<host>` names the upstream by its host; the path then carries the
// upstream's own name. Every other repository is local: pushed, pulled
// and deleted like any registry's — and a mirrored one takes no writes.
class Mirror
{
public:
    Mirror(RegistryContext &context, const MirrorOptions &options);

    struct Route
    {
        PullThrough *pull = nullptr;
        MirroredName name;
        std::string upstreamUrl;
    };
    // nullopt: `name` (as the request's path gives it) is local.
    std::optional<Route> route(const std::string &name, const HttpRequest &request) const;
    // Every upstream's catalog that answers, as the store names them.
    std::vector<std::string> upstreamRepositories() const;

    // config.yml's proxy block as the mirror takes it.
    static MirrorOptions optionsOf(const RegistryConfig::Proxy &proxy);
    // "https://registry-1.docker.io, ghcr/ from https://ghcr.io": for the log.
    static std::string describe(const MirrorOptions &options);

private:
    struct Upstream
    {
        std::string prefix;
        std::string host; // "ghcr.io", "127.0.0.1:5000": what ?ns= names
        std::string url;
        std::unique_ptr<PullThrough> pull;
    };
    std::optional<Route> routeTo(const Upstream &upstream, const std::string &upstreamName) const;

    std::vector<Upstream> m_upstreams;
    std::vector<std::string> m_local;
};

} // namespace berth::server
