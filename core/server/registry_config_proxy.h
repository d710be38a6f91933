#pragma once

// registry_config.cpp's helpers shared with its proxy half
// (registry_config_proxy.cpp); internal to berth_server.
#include "server/registry_config.h"

#include <string>

namespace YAML {
class Node;
}

namespace berth::server::config_detail {

// CONFIG_INVALID naming the key as the user wrote it.
Error invalid(const std::string &key, const std::string &what);
// A value as it may appear in a message: quoted, cut, control characters masked.
std::string shown(const std::string &value);

// proxy.upstreams: a list of {prefix, remoteurl, username, password, ttl,
// cafile}; proxy.local: a list of prefixes.
Status readUpstreams(RegistryConfig::Proxy &proxy, const YAML::Node &value);
Status readLocalPrefixes(RegistryConfig::Proxy &proxy, const YAML::Node &value);
// Once everything is read: every prefixed upstream has a remoteurl, and
// prefixes are repository names, none given twice.
Status checkProxy(const RegistryConfig::Proxy &proxy);

} // namespace berth::server::config_detail
