#pragma once

#include "server/http_types.h"
#include "server/mirror_routing.h"
#include "server/pull_through.h"
#include "server/registry_api_options.h"
#include "server/registry_config.h"

#include <atomic>
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
// `?ns=<host>` names the upstream by its host and the path carries the
// upstream's own name; the name it gives in the store must be one that
// upstream owns by the rule above (so ?ns= can never write into a local
// repository or another upstream's), and an ?ns= naming no upstream is
// refused rather than answered from another. Every other repository is
// local: pushed, pulled and deleted like any registry's — and a mirrored
// one takes no writes.
class Mirror
{
public:
    // `stored` hears of every blob a fill stores (the cache bound counts them).
    Mirror(RegistryContext &context, const MirrorOptions &options, StoredBytes stored = {});

    struct Route
    {
        enum class Kind
        {
            Local,    // a repository of this registry's own
            Mirrored, // `pull` serves it
            Refused,  // ?ns= names no upstream of this mirror, or one that does not own it
        };
        Kind kind = Kind::Local;
        PullThrough *pull = nullptr;
        MirroredName name;
        std::string upstreamUrl;
    };
    // Where `name` (as the request's path gives it) belongs.
    Route route(const std::string &name, const HttpRequest &request) const;
    // Shutdown: every transfer from an upstream ends now, failed, and
    // the clients waiting on one are answered.
    void abandon();
    // Every upstream's catalog that answers, as the store names them.
    std::vector<std::string> upstreamRepositories() const;

    // config.yml's proxy block as the mirror takes it.
    static MirrorOptions optionsOf(const RegistryConfig::Proxy &proxy);
    // "https://registry-1.docker.io, ghcr/ from https://ghcr.io": for the log.
    static std::string describe(const MirrorOptions &options);

private:
    MirrorRouting m_routing;
    std::atomic<int> m_busy{0}; // workers waiting for any upstream (PullThrough)
    std::vector<std::unique_ptr<PullThrough>> m_pulls; // one per upstream, as m_routing's
};

} // namespace berth::server
