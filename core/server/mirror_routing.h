#pragma once

#include "server/registry_api_options.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace berth::server {

// Which upstream of a mirror owns a repository of the store, by name
// alone: a repository under an upstream's prefix ("ghcr/owner/app") is
// that upstream's ("owner/app" there); the root upstream (no prefix,
// registry:2's remoteurl) takes every repository nothing else claims,
// except those under a local prefix; the longest prefix wins. Pure: the
// serving Mirror, the cache bound and `inspect` all route by it.
class MirrorRouting
{
public:
    explicit MirrorRouting(const MirrorOptions &options);

    // The index (in options.upstreams) of the upstream owning `local`;
    // nullopt: a local repository.
    std::optional<std::size_t> ownerOf(const std::string &local) const;
    // The upstream containerd's `?ns=<host>` names, by its host.
    std::optional<std::size_t> upstreamNamed(const std::string &ns) const;

    // The URL of the upstream owning `local`; nullopt: a local repository.
    std::optional<std::string> upstreamUrlOf(const std::string &local) const;

    const std::string &prefix(std::size_t upstream) const { return m_upstreams[upstream].prefix; }
    const std::string &url(std::size_t upstream) const { return m_upstreams[upstream].url; }
    // "ghcr/owner/app" → "owner/app" for the upstream with prefix "ghcr".
    std::string upstreamName(std::size_t upstream, const std::string &local) const;
    // "owner/app" at the upstream → "ghcr/owner/app" in the store.
    std::string localName(std::size_t upstream, const std::string &upstreamName) const;

    // "host[:port]" of "scheme://host[:port]", lower-cased.
    static std::string hostOf(const std::string &url);

private:
    struct Upstream
    {
        std::string prefix;
        std::string host; // "ghcr.io", "127.0.0.1:5000": what ?ns= names
        std::string url;
    };
    std::vector<Upstream> m_upstreams;
    std::vector<std::string> m_local;
};

} // namespace berth::server
