#include "server/login_throttle.h"

#include <algorithm>

namespace berth::server {

namespace {

std::string addressKey(std::string_view address)
{
    return "a:" + std::string(address);
}

std::string userKey(std::string_view user)
{
    return "u:" + std::string(user);
}

} // namespace

LoginThrottle::LoginThrottle(Limits limits)
    : m_limits(limits)
{
}

std::chrono::seconds LoginThrottle::waitFor(const std::string &key, unsigned limit,
                                            Clock::time_point now) const
{
    const auto it = m_windows.find(key);
    if (it == m_windows.end() || it->second.failures < limit)
        return std::chrono::seconds(0);
    const auto end = it->second.start + m_limits.window;
    if (now >= end)
        return std::chrono::seconds(0);
    // Rounded up: a client that waits exactly this long is let through.
    return std::chrono::ceil<std::chrono::seconds>(end - now);
}

std::chrono::seconds LoginThrottle::retryAfter(std::string_view address, std::string_view user,
                                               Clock::time_point now) const
{
    std::lock_guard lock(m_mutex);
    return std::max(waitFor(addressKey(address), m_limits.failuresPerAddress, now),
                    waitFor(userKey(user), m_limits.failuresPerUser, now));
}

void LoginThrottle::recordFailure(std::string_view address, std::string_view user,
                                  Clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    if (m_windows.size() + 2 > m_limits.maxTracked)
        prune(now);
    count(addressKey(address), now);
    if (!user.empty())
        count(userKey(user), now);
}

void LoginThrottle::count(const std::string &key, Clock::time_point now)
{
    if (m_windows.size() >= m_limits.maxTracked && !m_windows.contains(key))
        return; // 10,000 addresses failing at once: newcomers go uncounted
    Window &w = m_windows[key];
    if (w.failures == 0 || now >= w.start + m_limits.window)
        w = Window{now, 0};
    ++w.failures;
}

void LoginThrottle::prune(Clock::time_point now)
{
    std::erase_if(m_windows,
                  [&](const auto &entry) { return now >= entry.second.start + m_limits.window; });
}

} // namespace berth::server
