#include "server/mirror.h"

#include "oci/name_rules.h"
#include "protocol/text.h"

namespace berth::server {

namespace {

// "host[:port]" of "scheme://host[:port]", lower-cased.
std::string hostOf(const std::string &url)
{
    const std::size_t start = url.find("://");
    return protocol::asciiLower(start == std::string::npos ? url : url.substr(start + 3));
}

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

Mirror::Mirror(RegistryContext &context, const MirrorOptions &options)
    : m_local(options.localPrefixes)
{
    for (const MirrorUpstream &u : options.upstreams)
        m_upstreams.push_back({u.prefix, hostOf(u.upstream.url), u.upstream.url,
                               std::make_unique<PullThrough>(context, u, m_busy)});
}

const Mirror::Upstream *Mirror::ownerOf(const std::string &local) const
{
    // The longest prefix claims it; a local prefix beats the root upstream.
    const Upstream *best = nullptr;
    for (const Upstream &u : m_upstreams) {
        if (under(local, u.prefix) && (!best || u.prefix.size() > best->prefix.size()))
            best = &u;
    }
    for (const std::string &prefix : m_local) {
        if ((local == prefix || under(local, prefix)) &&
            (!best || prefix.size() >= best->prefix.size()))
            return nullptr;
    }
    return best;
}

Mirror::Route Mirror::route(const std::string &name, const HttpRequest &request) const
{
    const Upstream *owner = ownerOf(name);
    std::string upstreamName = owner ? *under(name, owner->prefix) : std::string();
    const auto ns = request.queryValue("ns");
    const auto host = request.header("host");
    // containerd's ?ns= (unless it names this registry itself: a direct pull).
    if (ns && !(host && protocol::asciiLower(*host) == protocol::asciiLower(*ns))) {
        const std::string named = protocol::asciiLower(*ns);
        const Upstream *upstream = nullptr;
        for (const Upstream &u : m_upstreams) {
            if (namesHost(named, u.host))
                upstream = &u;
        }
        const std::string local =
            !upstream || upstream->prefix.empty() ? name : upstream->prefix + "/" + name;
        if (!upstream || ownerOf(local) != upstream)
            return {Route::Kind::Refused, nullptr, {local, name}, {}};
        owner = upstream;
        upstreamName = name;
    }
    if (!owner)
        return {};
    const std::string local =
        owner->prefix.empty() ? upstreamName : owner->prefix + "/" + upstreamName;
    if (!oci::validateRepositoryName(local).ok() || !oci::validateRepositoryName(upstreamName).ok())
        return {Route::Kind::Refused, nullptr, {local, upstreamName}, {}};
    return {Route::Kind::Mirrored, owner->pull.get(), {local, upstreamName}, owner->url};
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
    for (Upstream &u : m_upstreams)
        u.pull->abandon();
}

std::vector<std::string> Mirror::upstreamRepositories() const
{
    std::vector<std::string> all;
    for (const Upstream &u : m_upstreams) {
        const auto names = u.pull->upstreamRepositories();
        if (!names)
            continue;
        for (const std::string &name : *names)
            all.push_back(u.prefix.empty() ? name : u.prefix + "/" + name);
    }
    return all;
}

} // namespace berth::server
