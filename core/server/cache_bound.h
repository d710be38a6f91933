#pragma once

#include "server/cache_report.h"
#include "server/mirror_routing.h"
#include "server/registry_api_options.h"

#include "storage/garbage_collector.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace berth::server {

struct RegistryContext;

// A mirror's cache kept under proxy.maxsize. Every blob in the store
// counts (local ones too: they take the same disk), but only mirrored
// manifests are ever given up: the least recently pulled first, down to
// 90 % of the bound, then online garbage collection removes the blobs no
// manifest keeps (it never deletes untagged manifests, so local pushes by
// digest stay). Content pulled within the last hour is kept: online GC
// keeps blobs that recent anyway (a push may still be on its way), so
// evicting their manifests would free nothing.
//
// Measured exactly at start and at each check; the mirror's fills add to
// the count in between (stored()), and a check runs on this object's
// thread when the count passes the bound. An evicted image is fetched
// from its upstream again when next pulled.
class CacheBound
{
public:
    using Collect = std::function<Result<storage::GcReport>(storage::GcOptions)>;
    static constexpr std::chrono::hours kKeptRecent{1};

    CacheBound(RegistryContext &context, const MirrorOptions &options, Collect collect);
    ~CacheBound(); // waits for a check in progress
    CacheBound(const CacheBound &) = delete;
    CacheBound &operator=(const CacheBound &) = delete;

    // A fill stored this many bytes (any thread).
    void stored(std::uintmax_t bytes);

private:
    void run();
    CacheReport check();
    // One round: evict enough for `need` bytes, then collect. False: nothing to evict.
    bool evictRound(std::uintmax_t need, CacheReport &report);
    std::uintmax_t measure() const;

    RegistryContext &m_context;
    MirrorRouting m_routing;
    std::uintmax_t m_bound;
    Collect m_collect;
    std::function<void(const CacheReport &)> m_report;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::uintmax_t m_counted = 0; // blobs in the store, as last measured plus fills since
    bool m_due = true;            // a check is wanted (the first one at start)
    std::chrono::steady_clock::time_point m_restUntil; // no check before (still over)
    bool m_stop = false;
    std::thread m_thread; // last: starts once everything above is set
};

} // namespace berth::server
