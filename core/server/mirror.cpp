#include "server/mirror.h"

#include "oci/name_rules.h"
#include "protocol/text.h"

namespace berth::server {

Mirror::Mirror(RegistryContext &context, const MirrorOptions &options, StoredBytes stored)
    : m_routing(options)
{
    for (const MirrorUpstream &u : options.upstreams)
        m_pulls.push_back(std::make_unique<PullThrough>(context, u, m_busy, stored));
}

Mirror::Route Mirror::route(const std::string &name, const HttpRequest &request) const
{
    std::optional<std::size_t> owner = m_routing.ownerOf(name);
    std::string upstreamName = owner ? m_routing.upstreamName(*owner, name) : std::string();
    const auto ns = request.queryValue("ns");
    const auto host = request.header("host");
    // containerd's ?ns= (unless it names this registry itself: a direct pull).
    if (ns && !(host && protocol::asciiLower(*host) == protocol::asciiLower(*ns))) {
        const auto upstream = m_routing.upstreamNamed(*ns);
        const std::string local = upstream ? m_routing.localName(*upstream, name) : name;
        if (!upstream || m_routing.ownerOf(local) != upstream)
            return {Route::Kind::Refused, nullptr, {local, name}, {}};
        owner = upstream;
        upstreamName = name;
    }
    if (!owner)
        return {};
    const std::string local = m_routing.localName(*owner, upstreamName);
    if (!oci::validateRepositoryName(local).ok() || !oci::validateRepositoryName(upstreamName).ok())
        return {Route::Kind::Refused, nullptr, {local, upstreamName}, {}};
    return {
        Route::Kind::Mirrored, m_pulls[*owner].get(), {local, upstreamName}, m_routing.url(*owner)};
}

MirrorOptions Mirror::optionsOf(const RegistryConfig::Proxy &proxy)
{
    MirrorOptions options;
    const auto add = [&options](const RegistryConfig::Upstream &u) {
        MirrorUpstream m;
        m.prefix = u.prefix;
        m.upstream.url = u.remoteUrl;
        m.upstream.username = u.username;
        m.upstream.password = u.password;
        m.upstream.caFile = u.caFile;
        m.ttl = u.ttl;
        options.upstreams.push_back(std::move(m));
    };
    if (!proxy.remoteUrl.empty())
        add(proxy);
    for (const auto &u : proxy.prefixed)
        add(u);
    options.localPrefixes = proxy.local;
    options.maxSize = proxy.maxSize;
    return options;
}

std::string Mirror::describe(const MirrorOptions &options)
{
    std::string text;
    for (const MirrorUpstream &u : options.upstreams) {
        if (!text.empty())
            text += ", ";
        text += u.prefix.empty() ? u.upstream.url : u.prefix + "/ from " + u.upstream.url;
    }
    return text;
}

void Mirror::abandon()
{
    for (auto &pull : m_pulls)
        pull->abandon();
}

std::vector<std::string> Mirror::upstreamRepositories() const
{
    std::vector<std::string> all;
    for (std::size_t i = 0; i < m_pulls.size(); ++i) {
        const auto names = m_pulls[i]->upstreamRepositories();
        if (!names)
            continue;
        for (const std::string &name : *names)
            all.push_back(m_routing.localName(i, name));
    }
    return all;
}

} // namespace berth::server
