#pragma once

#include "auth/htpasswd.h"
#include "server/login_throttle.h"
#include "upstream/upstream_client.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace berth::server {

// What a mirror pulls from (registry:2's proxy block).
struct MirrorOptions
{
    upstream::UpstreamSettings upstream;
    std::chrono::seconds ttl{std::chrono::hours(168)}; // a tag is asked again after this
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
    // Set: a pull-through cache of its upstream (PullThrough); pushes and
    // deletes are refused.
    std::optional<MirrorOptions> mirror;
};

} // namespace berth::server
