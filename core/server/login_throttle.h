#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace berth::server {

// Failed logins counted per client address and per user name in a fixed
// window. Past a limit, further password checks wait for the window to end
// (the registry answers 429 with Retry-After and spends no bcrypt on them).
// A login that was accepted recently is never throttled (the registry
// checks that first), so a guesser cannot lock a working client out; the
// per-user limit is higher than the per-address one, so that guessing from
// many addresses slows down without one address locking a user out.
// Thread-safe.
class LoginThrottle
{
public:
    using Clock = std::chrono::steady_clock;

    struct Limits
    {
        unsigned failuresPerAddress = 20;
        unsigned failuresPerUser = 100;
        std::chrono::seconds window{60};
        std::size_t maxTracked = 10000; // keys kept; beyond, expired ones go first
    };

    explicit LoginThrottle(Limits limits);

    // How long a password check for `user` from `address` must wait; zero:
    // check it now.
    std::chrono::seconds retryAfter(std::string_view address, std::string_view user,
                                    Clock::time_point now) const;
    // `user` empty: not one of the registry's users (guessing names needs
    // no protection, and must not fill the table with made-up names).
    void recordFailure(std::string_view address, std::string_view user, Clock::time_point now);

private:
    struct Window
    {
        Clock::time_point start;
        unsigned failures = 0;
    };
    std::chrono::seconds waitFor(const std::string &key, unsigned limit,
                                 Clock::time_point now) const;
    void count(const std::string &key, Clock::time_point now);
    void prune(Clock::time_point now);

    Limits m_limits;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Window> m_windows; // "a:<address>" / "u:<user>"
};

} // namespace berth::server
