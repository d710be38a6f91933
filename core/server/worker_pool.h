#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace berth::server {

// A few threads for the work a request may wait on (fsync, the GC gate, a
// password hash, a resumed upload's rehash), so that libmicrohttpd's request
// threads never do: one stalled disk write then holds one worker, not every
// connection that shares its request thread.
class WorkerPool
{
public:
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool(); // runs what is queued, then joins
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    void post(std::function<void()> task);
    // Blocks until nothing is queued or running (shutdown only).
    void waitIdle();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<std::function<void()>> m_queue;
    std::size_t m_running = 0;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace berth::server
