#pragma once

#include "auth/htpasswd.h"
#include "server/cache_report.h"
#include "server/login_throttle.h"
#include "upstream/upstream_client.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace berth::server {

// One registry a mirror pulls from, and the repositories it serves: those
// under `prefix` (stored under it, asked of the upstream without it), or
// with no prefix (registry:2's proxy block) every repository no other
// upstream or local prefix claims.
struct MirrorUpstream
{
    std::string prefix;
    upstream::UpstreamSettings upstream;
    std::chrono::seconds ttl{std::chrono::hours(168)}; // a tag is asked again after this
};

struct MirrorOptions
{
    std::vector<MirrorUpstream> upstreams;
    std::vector<std::string> localPrefixes; // under the root upstream: local repositories
    // proxy.maxsize: blobs in the store beyond this evict the least recently
    // pulled mirrored manifests (CacheBound).
    std::optional<std::uintmax_t> maxSize;
    std::function<void(const CacheReport &)> cacheReport; // every eviction, on its thread
};

struct RegistryApiOptions
{
    bool deleteEnabled = false;
    std::size_t maxManifestBytes = 4 * 1024 * 1024;
    // With users: every request needs Basic auth (401 + WWW-Authenticate otherwise).
    std::shared_ptr<const auth::Htpasswd> htpasswd;
    std::string realm = "berth-registry";
    // Failed logins past these limits are answered 429 without a bcrypt.
    LoginThrottle::Limits loginLimits;
    // An upload nobody has written to for this long gives up its in-memory
    // hash state (it is rebuilt from the file if the client comes back), so
    // abandoned uploads do not pile up in memory.
    std::chrono::milliseconds uploadStateIdle{std::chrono::minutes(10)};
    // Uploads started and last written longer ago than this are removed by
    // online garbage collection and the periodic purge (storage.maintenance.
    // uploadpurging.age; distribution's default, a week).
    std::chrono::seconds uploadPurgeAge{std::chrono::hours(168)};
    // Set: a pull-through cache of its upstreams (Mirror); pushes and
    // deletes of mirrored repositories are refused.
    std::optional<MirrorOptions> mirror;
};

} // namespace berth::server
