#include "server/mirror_routing.h"

#include "protocol/text.h"

namespace berth::server {

namespace {

// `name` is `prefix` followed by more components; the rest is returned.
std::optional<std::string> under(const std::string &name, const std::string &prefix)
{
    if (prefix.empty())
        return name;
    if (name.size() > prefix.size() + 1 && name.compare(0, prefix.size(), prefix) == 0 &&
        name[prefix.size()] == '/')
        return name.substr(prefix.size() + 1);
    return std::nullopt;
}

// containerd names Docker Hub "docker.io"; its registry answers elsewhere.
bool namesHost(const std::string &ns, const std::string &host)
{
    if (ns == host)
        return true;
    return ns == "docker.io" && (host == "registry-1.docker.io" || host == "index.docker.io");
}

} // namespace

std::string MirrorRouting::hostOf(const std::string &url)
{
    const std::size_t start = url.find("://");
    return protocol::asciiLower(start == std::string::npos ? url : url.substr(start + 3));
}

MirrorRouting::MirrorRouting(const MirrorOptions &options)
    : m_local(options.localPrefixes)
{
    for (const MirrorUpstream &u : options.upstreams)
        m_upstreams.push_back({u.prefix, hostOf(u.upstream.url), u.upstream.url});
}

std::optional<std::size_t> MirrorRouting::ownerOf(const std::string &local) const
{
    // The longest prefix claims it; a local prefix beats the root upstream.
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < m_upstreams.size(); ++i) {
        if (under(local, m_upstreams[i].prefix) &&
            (!best || m_upstreams[i].prefix.size() > m_upstreams[*best].prefix.size()))
            best = i;
    }
    for (const std::string &prefix : m_local) {
        if ((local == prefix || under(local, prefix)) &&
            (!best || prefix.size() >= m_upstreams[*best].prefix.size()))
            return std::nullopt;
    }
    return best;
}

std::optional<std::size_t> MirrorRouting::upstreamNamed(const std::string &ns) const
{
    const std::string named = protocol::asciiLower(ns);
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < m_upstreams.size(); ++i) {
        if (namesHost(named, m_upstreams[i].host))
            found = i;
    }
    return found;
}

std::string MirrorRouting::upstreamName(std::size_t upstream, const std::string &local) const
{
    return under(local, m_upstreams[upstream].prefix).value_or(local);
}

std::string MirrorRouting::localName(std::size_t upstream, const std::string &upstreamName) const
{
    const std::string &prefix = m_upstreams[upstream].prefix;
    return prefix.empty() ? upstreamName : prefix + "/" + upstreamName;
}

std::optional<std::string> MirrorRouting::upstreamUrlOf(const std::string &local) const
{
    const auto owner = ownerOf(local);
    if (!owner)
        return std::nullopt;
    return url(*owner);
}

} // namespace berth::server
