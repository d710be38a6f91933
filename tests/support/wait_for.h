#pragma once

// Waiting, without an event loop, for what another process or thread
// reports (a filesystem's counter, a process's state): true once `done`
// holds, false after `limit`. A bounded wait for an observed event, not a
// clock standing in for one.

#include <chrono>
#include <functional>
#include <thread>

namespace berth::test {

inline bool waitFor(const std::function<bool()> &done,
                    std::chrono::milliseconds limit = std::chrono::seconds(20))
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

} // namespace berth::test
