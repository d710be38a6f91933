#include "server/upload_purger.h"

#include "server/registry_api.h"

#include <algorithm>

namespace berth::server {

UploadPurger::UploadPurger(RegistryApi &api, std::chrono::milliseconds interval, bool dryRun,
                           Report report)
    : m_api(api)
    , m_interval(interval)
    , m_dryRun(dryRun)
    , m_report(std::move(report))
    , m_thread([this] { run(); })
{
}

UploadPurger::~UploadPurger()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void UploadPurger::run()
{
    auto next = std::chrono::steady_clock::now() +
                std::min<std::chrono::milliseconds>(m_interval, std::chrono::minutes(1));
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_until(lock, next, [this] { return m_stop; })) {
        lock.unlock();
        const auto report = m_api.purgeUploads(m_dryRun);
        if (m_report)
            m_report(report);
        lock.lock();
        next = std::chrono::steady_clock::now() + m_interval;
    }
}

} // namespace berth::server
