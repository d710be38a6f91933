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
                               std::make_unique<PullThrough>(context, u)});
}

std::optional<Mirror::Route> Mirror::routeTo(const Upstream &upstream,
                                             const std::string &upstreamName) const
{
    if (!oci::validateRepositoryName(upstreamName).ok())
        return std::nullopt;
    const std::string local =
        upstream.prefix.empty() ? upstreamName : upstream.prefix + "/" + upstreamName;
    return Route{upstream.pull.get(), {local, upstreamName}, upstream.url};
}

std::optional<Mirror::Route> Mirror::route(const std::string &name,
                                           const HttpRequest &request) const
{
    if (const auto ns = request.queryValue("ns")) {
        const std::string host = protocol::asciiLower(*ns);
        for (const Upstream &u : m_upstreams) {
            if (namesHost(host, u.host))
                return routeTo(u, name);
        }
    }
    // The longest prefix claims it; a local prefix beats the root upstream.
    const Upstream *best = nullptr;
    std::size_t bestLength = 0;
    for (const Upstream &u : m_upstreams) {
        if (under(name, u.prefix) && (!best || u.prefix.size() > bestLength)) {
            best = &u;
            bestLength = u.prefix.size();
        }
    }
    for (const std::string &prefix : m_local) {
        if ((name == prefix || under(name, prefix)) && (!best || prefix.size() >= bestLength))
            return std::nullopt;
    }
    if (!best)
        return std::nullopt;
    return routeTo(*best, *under(name, best->prefix));
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
