#pragma once

#include "storage/garbage_collector.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace berth::server {

class RegistryApi;

// distribution's upload purging for a serving registry: every `interval`
// (the first time after a minute, or `interval` if shorter), uploads
// untouched for the API's purge age are removed. Stops when destroyed.
class UploadPurger
{
public:
    using Report = std::function<void(const Result<storage::GcReport> &)>;

    UploadPurger(RegistryApi &api, std::chrono::milliseconds interval, bool dryRun, Report report);
    ~UploadPurger();
    UploadPurger(const UploadPurger &) = delete;
    UploadPurger &operator=(const UploadPurger &) = delete;

private:
    void run();

    RegistryApi &m_api;
    std::chrono::milliseconds m_interval;
    bool m_dryRun;
    Report m_report;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread; // last: starts once everything above is set
};

} // namespace berth::server
