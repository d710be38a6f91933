#include "server/registry_config_proxy.h"

#include "server/mirror_routing.h"

#include "oci/name_rules.h"
#include "protocol/text.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <set>
#include <string>
#include <utility>

namespace berth::server {

namespace config_detail {

Error invalid(const std::string &key, const std::string &what)
{
    return makeError("CONFIG_INVALID", key + ": " + what);
}

std::string shown(const std::string &value)
{
    std::string out = value.substr(0, 60);
    for (char &c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    return "'" + out + (value.size() > 60 ? "…'" : "'");
}

Status readUpstreams(RegistryConfig::Proxy &proxy, const YAML::Node &value)
{
    if (value.IsNull())
        return Ok{};
    if (!value.IsSequence())
        return invalid("proxy.upstreams", "expected a list of {prefix, remoteurl, …}");
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = "proxy.upstreams[" + std::to_string(i) + "]";
        const YAML::Node &entry = value[i];
        if (!entry.IsMap())
            return invalid(at, "expected prefix, remoteurl, username, password, ttl, cafile");
        RegistryConfig::Upstream upstream;
        for (const auto &item : entry) {
            if (!item.first.IsScalar() || !item.second.IsScalar())
                return invalid(at, "expected plain names and single values");
            const std::string field = item.first.as<std::string>();
            static const std::set<std::string> known = {"prefix",   "remoteurl", "username",
                                                        "password", "ttl",       "cafile"};
            if (!known.count(field))
                return invalid(at + "." + field, "unknown key (expected prefix, remoteurl, "
                                                 "username, password, ttl, cafile)");
            if (auto s = RegistryConfig::setProxyKey(upstream, field, item.second.as<std::string>(),
                                                     at + "." + field);
                !s.ok())
                return s;
        }
        if (upstream.prefix.empty())
            return invalid(at, "needs a prefix (the root upstream is proxy.remoteurl)");
        proxy.prefixed.push_back(std::move(upstream));
    }
    return Ok{};
}

Status readLocalPrefixes(RegistryConfig::Proxy &proxy, const YAML::Node &value)
{
    if (value.IsNull())
        return Ok{};
    if (!value.IsSequence())
        return invalid("proxy.local", "expected a list of repository prefixes");
    for (const auto &item : value) {
        if (!item.IsScalar())
            return invalid("proxy.local", "expected a list of repository prefixes");
        const std::string prefix = item.as<std::string>();
        if (!oci::validateRepositoryName(prefix).ok())
            return invalid("proxy.local", shown(prefix) + " is not a repository name");
        proxy.local.push_back(prefix);
    }
    return Ok{};
}

Status checkProxy(const RegistryConfig::Proxy &proxy)
{
    std::set<std::string> seen(proxy.local.begin(), proxy.local.end());
    if (seen.size() != proxy.local.size())
        return invalid("proxy.local", "a prefix is given twice");
    if (!proxy.local.empty() && proxy.remoteUrl.empty())
        return invalid("proxy.local", "only means something with proxy.remoteurl (without a "
                                      "root upstream, every repository no upstream claims is "
                                      "local already)");
    for (const auto &upstream : proxy.prefixed) {
        if (upstream.remoteUrl.empty())
            return invalid("proxy.upstreams",
                           "the upstream for " + shown(upstream.prefix) + " has no remoteurl");
        if (!seen.insert(upstream.prefix).second)
            return invalid("proxy.upstreams",
                           shown(upstream.prefix) + " is given twice (upstreams and local)");
    }
    if (proxy.maxSize && !proxy.enabled())
        return invalid("proxy.maxsize", "bounds a mirror's cache: it needs an upstream");
    if (proxy.remoteUrl.empty() &&
        (!proxy.username.empty() || !proxy.password.empty() || !proxy.caFile.empty()))
        return invalid("proxy", "a login or cafile with no remoteurl");
    // containerd's ?ns= names an upstream by its host: one upstream per host.
    // (Host names are case-insensitive.)
    const auto hostOf = &MirrorRouting::hostOf;
    std::set<std::string> hosts;
    if (!proxy.remoteUrl.empty())
        hosts.insert(hostOf(proxy.remoteUrl));
    for (const auto &upstream : proxy.prefixed) {
        if (!hosts.insert(hostOf(upstream.remoteUrl)).second)
            return invalid("proxy.upstreams",
                           shown(upstream.remoteUrl) + " is given twice: one upstream per host");
    }
    return Ok{};
}

} // namespace config_detail

using config_detail::invalid;
using config_detail::shown;

Result<std::uintmax_t> RegistryConfig::parseByteSize(const std::string &key,
                                                     const std::string &text)
{
    const auto refuse = [&] {
        return invalid(key, "expected a size such as 50GiB or 200GB, got " + shown(text));
    };
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    if (digits == 0 || digits > 19)
        return refuse();
    std::string unit = protocol::asciiLower(text.substr(digits));
    if (!unit.empty() && unit.front() == ' ')
        unit.erase(0, 1);
    static const std::pair<const char *, std::uintmax_t> units[] = {
        {"", 1},
        {"b", 1},
        {"kb", 1000},
        {"mb", 1000 * 1000},
        {"gb", 1000 * 1000 * 1000},
        {"tb", 1000ULL * 1000 * 1000 * 1000},
        {"kib", 1ULL << 10},
        {"mib", 1ULL << 20},
        {"gib", 1ULL << 30},
        {"tib", 1ULL << 40}};
    for (const auto &[name, factor] : units) {
        if (unit != name)
            continue;
        const std::uintmax_t number = std::stoull(text.substr(0, digits));
        if (number == 0)
            return invalid(key, "a cache needs a size above zero");
        if (number > UINTMAX_MAX / factor)
            return refuse();
        return number * factor;
    }
    return refuse();
}

Status RegistryConfig::setProxyKey(Upstream &upstream, const std::string &field,
                                   const std::string &value, const std::string &key)
{
    if (field == "remoteurl") {
        // http(s)://host[:port], nothing after: distribution's form.
        std::string url = value;
        while (!url.empty() && url.back() == '/')
            url.pop_back();
        const bool http = url.starts_with("http://") || url.starts_with("https://");
        const std::size_t hostStart = url.find("://") + 3;
        if (!http || url.size() <= hostStart ||
            url.find_first_of("/?#@ ", hostStart) != std::string::npos)
            return invalid(key, "expected http(s)://host[:port], got " + shown(value));
        upstream.remoteUrl = url;
    } else if (field == "username") {
        upstream.username = value;
    } else if (field == "password") {
        upstream.password = value; // never shown in a message
    } else if (field == "ttl") {
        auto d = parseDuration(key, value);
        if (!d.ok())
            return d.error();
        upstream.ttl = std::chrono::ceil<std::chrono::seconds>(*d);
    } else if (field == "cafile") {
        if (value.empty())
            return invalid(key, "expected the path of a PEM file of CA certificates");
        upstream.caFile = value;
    } else if (field == "prefix") {
        if (!oci::validateRepositoryName(value).ok())
            return invalid(key, shown(value) + " is not a repository name");
        upstream.prefix = value;
    }
    return Ok{};
}

} // namespace berth::server
