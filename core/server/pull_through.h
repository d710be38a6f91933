#pragma once

#include "server/api_exchange.h"
#include "server/registry_api_options.h"
#include "upstream/upstream_client.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace berth::oci {
class Digest;
}

namespace berth::server {

struct RegistryContext;

// berth-registry as a pull-through cache: before a manifest or blob read is
// answered from the store, what the store lacks is fetched from the upstream,
// verified against its digest and stored (plain registry:2 layout:
// docker-registry can serve it, garbage-collect and inspect work on it). A tag is
// asked of the upstream again once it is older than the TTL (a HEAD; a GET
// only when it moved); if the upstream cannot answer (unreachable, 5xx) the
// cached tag is served: the mirror keeps working offline. One fill per
// manifest or blob at a time: concurrent requests for it wait for that fill;
// at most a few requests wait for the upstream at once (past that: 503,
// Retry-After), so a slow upstream cannot take every request worker. After
// the upstream failed to answer, it is left alone for 30 s: cached content is
// served at once. The upstream's refusals reach the client as registry errors
// with its reason.
//
// First step (issue 18): a blob is fetched whole before it is served; it is
// not yet streamed to the client while it is being stored.
class PullThrough
{
public:
    PullThrough(RegistryContext &context, MirrorOptions options);

    // nullopt: the store can answer now; otherwise the answer to send.
    std::optional<HttpResponse> ensureManifest(const std::string &name,
                                               const std::string &reference);
    std::optional<HttpResponse> ensureBlob(const std::string &name, const oci::Digest &digest);

    const std::string &upstreamUrl() const { return m_options.upstream.url; }

private:
    // An answer to give instead of the store's: status, spec error code,
    // message, Retry-After (empty: none).
    struct Refusal
    {
        int status = 502;
        std::string code;
        std::string message;
        std::string retryAfter;
    };
    using Outcome = std::optional<Refusal>;

    template <class Fill> Outcome once(const std::string &key, Fill fill);
    // A HEAD upstream says the tag still points at `cached`.
    bool stillCurrent(const std::string &name, const std::string &tag, const oci::Digest &cached);
    Outcome fillManifest(const std::string &name, const std::string &reference, bool cached);
    Outcome fillBlob(const std::string &name, const oci::Digest &digest);
    Outcome refusalFor(const upstream::UpstreamResponse &response, const char *unknownCode,
                       const std::string &what) const;
    Outcome unreachable(const Error &error) const;
    // The upstream failed to answer lately: ask it nothing for a while.
    bool upstreamResting() const;
    void upstreamFailed();
    static std::optional<HttpResponse> answer(const Outcome &outcome);

    RegistryContext &m_context;
    MirrorOptions m_options;
    upstream::UpstreamClient m_client;

    mutable std::mutex m_mutex;
    std::condition_variable m_filled;
    std::set<std::string> m_filling; // keys being filled
    int m_busy = 0;                  // fills and waiters now
    std::chrono::steady_clock::time_point m_upstreamDownUntil;
    std::map<std::string, Outcome> m_lastOutcome; // of the fill just ended
    std::map<std::string, std::chrono::steady_clock::time_point> m_resolved; // "name:tag" → when
};

} // namespace berth::server
