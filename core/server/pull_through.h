#pragma once

#include "server/api_exchange.h"
#include "server/http_types.h"
#include "server/mirror_refusal.h"
#include "server/registry_api_options.h"
#include "server/worker_pool.h"
#include "upstream/upstream_client.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace berth::oci {
class Digest;
}

namespace berth::server {

class BlobFill;
struct RegistryContext;

// A mirrored repository by its two names: in the store (under its
// upstream's prefix) and at the upstream.
struct MirroredName
{
    std::string local;
    std::string upstream;
};

// Told the size of every blob a mirror stores (from a fill's thread).
using StoredBytes = std::function<void(std::uintmax_t)>;

// berth-registry as a pull-through cache of one upstream (Mirror routes
// repositories to theirs): what the store lacks is fetched from it, verified against its digest and
// stored (plain registry:2 layout: docker-registry can serve it, garbage-collect and inspect work
// on it).
//
// Blobs are streamed: the client gets the bytes as they arrive (BlobFill),
// every client asking for the same blob meanwhile reads the same fill (one
// upstream fetch), a client that leaves does not stop it, and the last
// byte goes out only once the whole blob matched its digest. Its clients
// wait for the upstream suspended (MirrorBlobExchange), holding no thread.
// A HEAD of a blob not cached is a HEAD upstream. Manifests are fetched
// whole (they are small, and must be parsed before they are stored).
//
// A tag is asked of the upstream again once it is older than the TTL (a
// HEAD; a GET only when it moved); if the upstream cannot answer
// (unreachable, 5xx) the cached tag is served: the mirror keeps working
// offline. At most a few requests wait for the upstream on a request
// worker at once (manifests, HEADs; past that: 503, Retry-After), so a slow
// upstream cannot take every worker. After the upstream failed to answer, it is left alone for 30
// s: cached content is served at once. The upstream's refusals reach the client as registry errors
// with its reason.
class PullThrough
{
public:
    // `busy` counts the request workers waiting for any upstream: shared
    // by every upstream of one mirror.
    PullThrough(RegistryContext &context, MirrorUpstream options, std::atomic<int> &busy,
                StoredBytes stored = {});
    ~PullThrough(); // fills in progress are stopped
    // Everything waiting on the upstream ends now, failed (shutdown).
    void abandon();

    // nullopt: the store can answer now; otherwise the answer to send.
    std::optional<HttpResponse> ensureManifest(const MirroredName &name,
                                               const std::string &reference);
    // nullptr: the store can answer now; otherwise the exchange that does.
    std::unique_ptr<ApiExchange> blob(const HttpRequest &request, const MirroredName &name,
                                      const oci::Digest &digest);

    // The upstream's tags of `name`, or the repositories of its catalog,
    // every page; nullopt when it cannot give them now (unreachable, resting
    // after a failure, refusing, busy): the store's list answers then.
    std::optional<std::vector<std::string>> upstreamTags(const std::string &upstreamName);
    std::optional<std::vector<std::string>> upstreamRepositories();

private:
    using Outcome = std::optional<MirrorRefusal>;

    // A request worker starts waiting for the upstream: false past the
    // cap, and the client is told to come back.
    bool takeBusy();
    void releaseBusy();
    class BusySlot
    {
    public:
        explicit BusySlot(PullThrough &self)
            : m_self(self)
        {
        }
        ~BusySlot() { m_self.releaseBusy(); }
        BusySlot(const BusySlot &) = delete;
        BusySlot &operator=(const BusySlot &) = delete;

    private:
        PullThrough &m_self;
    };
    static MirrorRefusal tooBusy();
    MirrorRefusal upstreamRestingRefusal() const;

    template <class Fill> Outcome once(const std::string &key, Fill fill);
    // A HEAD upstream says the tag still points at `cached`.
    bool stillCurrent(const MirroredName &name, const std::string &tag, const oci::Digest &cached);
    Outcome fillManifest(const MirroredName &name, const std::string &reference, bool cached);

    HttpResponse headBlob(const MirroredName &name, const oci::Digest &digest);
    // A HEAD's 200 (Content-Length when known, no body).
    static HttpResponse blobHead(const oci::Digest &digest, std::optional<std::uint64_t> length);
    void fillBlob(const MirroredName &name, const oci::Digest &digest, BlobFill &fill);
    Outcome fetchBlob(const MirroredName &name, const oci::Digest &digest, BlobFill &fill);

    std::optional<std::vector<std::string>>
    upstreamList(const std::string &path, const char *field, const std::string &scope,
                 const std::function<bool(const std::string &)> &valid);
    Outcome refusalFor(const upstream::UpstreamResponse &response, const char *unknownCode,
                       const std::string &what) const;
    Outcome unreachable(const Error &error) const;
    // The upstream failed to answer lately: ask it nothing for a while.
    // Lock-free: also asked with m_mutex held.
    bool upstreamResting() const;
    void upstreamFailed(const Error &error); // rests it if it could not be reached
    static std::optional<HttpResponse> answer(const Outcome &outcome);

    RegistryContext &m_context;
    MirrorUpstream m_options;
    upstream::UpstreamClient m_client;

    mutable std::mutex m_mutex;
    std::condition_variable m_filled;
    std::set<std::string> m_filling;                              // manifests being filled
    std::map<std::string, std::shared_ptr<BlobFill>> m_blobFills; // "name@digest" → its fill
    std::atomic<int> &m_busy; // request workers waiting for an upstream
    StoredBytes m_stored;
    // steady_clock ticks until which the upstream is left alone (read without the lock)
    std::atomic<std::chrono::steady_clock::rep> m_upstreamDownUntil{0};
    std::map<std::string, Outcome> m_lastOutcome; // of the fill just ended
    std::map<std::string, std::chrono::steady_clock::time_point> m_resolved; // "name:tag" → when
    std::atomic<bool> m_closing{false};
    std::unique_ptr<WorkerPool> m_fillers; // blob fills run here, not on request workers
};

} // namespace berth::server
