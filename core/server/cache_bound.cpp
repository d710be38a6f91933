#include "server/cache_bound.h"

#include "server/registry_context.h"

#include "storage/eviction_plan.h"

#include <shared_mutex>

namespace berth::server {

namespace {

// A check runs at most this many evict-and-collect rounds: each plans from
// what the last one left, and one that frees nothing ends it.
constexpr int kRounds = 4;
constexpr std::chrono::minutes kRest{5};

} // namespace

CacheBound::CacheBound(RegistryContext &context, const MirrorOptions &options, Collect collect)
    : m_context(context)
    , m_routing(options)
    , m_bound(options.maxSize.value_or(0))
    , m_collect(std::move(collect))
    , m_report(options.cacheReport)
    , m_thread([this] { run(); })
{
}

CacheBound::~CacheBound()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void CacheBound::stored(std::uintmax_t bytes)
{
    {
        std::lock_guard lock(m_mutex);
        m_counted += bytes;
        if (m_counted <= m_bound)
            return;
        m_due = true;
    }
    m_wake.notify_all();
}

void CacheBound::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_due; });
        // A cache the last check left over its bound is looked at again
        // after a while, not after every fill.
        m_wake.wait_until(lock, m_restUntil, [this] { return m_stop; });
        if (m_stop)
            return;
        m_due = false;
        m_counted = 0; // fills from now on; counted twice at worst (safe)
        lock.unlock();
        const CacheReport report = check();
        if (report.bytesBefore > m_bound && m_report)
            m_report(report);
        lock.lock();
        m_counted += report.bytesAfter;
        // Still over: looked at again after the rest, fills or not.
        m_due = m_due || report.stillOver;
        m_restUntil = report.stillOver ? std::chrono::steady_clock::now() + kRest
                                       : std::chrono::steady_clock::time_point{};
    }
}

CacheReport CacheBound::check()
{
    CacheReport report;
    report.bound = m_bound;
    report.bytesBefore = report.bytesAfter = measure();
    if (report.bytesBefore <= m_bound)
        return report;
    // Down to 90 %: a cache that just passed its bound does not collect
    // garbage again on the next fill.
    const std::uintmax_t lowWater = m_bound - m_bound / 10;
    for (int round = 0; round < kRounds && report.bytesAfter > lowWater; ++round) {
        const std::uintmax_t before = report.bytesAfter;
        if (!evictRound(before - lowWater, report))
            break;
        report.bytesAfter = measure();
        if (report.bytesAfter >= before)
            break; // what it evicted shares its blobs with what stays, or is recent
    }
    report.stillOver = report.bytesAfter > m_bound;
    return report;
}

bool CacheBound::evictRound(std::uintmax_t need, CacheReport &report)
{
    std::vector<std::string> mirrored;
    for (std::string &repository : m_context.store.repositories()) {
        if (m_routing.ownerOf(repository))
            mirrored.push_back(std::move(repository));
    }
    const auto plan = storage::EvictionPlan::make(m_context.store, mirrored, need,
                                                  std::chrono::system_clock::now() - kKeptRecent);
    if (plan.manifests.empty())
        return false;
    std::size_t evicted = 0;
    {
        std::shared_lock gate(m_context.gcGate);
        for (const auto &manifest : plan.manifests) {
            // Its tags go with it; a pull of it again fetches it again.
            auto s = m_context.writer.deleteManifest(manifest.repository, manifest.digest);
            if (s.ok())
                ++evicted;
            else if (s.error().code != "MANIFEST_UNKNOWN") // gone meanwhile: nothing to do
                report.error = s.error();
        }
    }
    report.manifestsEvicted += evicted;
    if (evicted == 0)
        return false;
    // Collected even after an error: what was evicted frees its space now.
    storage::GcOptions options;
    options.dryRun = false;
    auto collected = m_collect(options);
    if (!collected.ok()) {
        report.error = collected.error();
        return false;
    }
    report.bytesReclaimed += collected->bytesToReclaim;
    return !report.error;
}

std::uintmax_t CacheBound::measure() const
{
    std::uintmax_t total = 0;
    for (const storage::BlobEntry &blob : m_context.store.blobs())
        total += blob.size;
    return total;
}

} // namespace berth::server
