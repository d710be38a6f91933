// HttpServer's connection budget: who may stay when connections run out
// (admit), how many libmicrohttpd may hold, and the reaper that bounds how
// long a request head may take.
#include "server/http_server.h"
#include "server/http_server_tracked.h"

#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <mutex>

namespace berth::server {

// libmicrohttpd's own limit for `threads` request threads, within the open
// file limit (raised to its hard limit if need be); the budget shrinks to
// fit under it.
unsigned HttpServer::connectionLimit(unsigned threads)
{
    const rlim_t wanted = rlim_t{m_options.maxConnections + 64} * threads + 256;
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < wanted) {
        files.rlim_cur = std::min(files.rlim_max, wanted);
        ::setrlimit(RLIMIT_NOFILE, &files);
        ::getrlimit(RLIMIT_NOFILE, &files);
    }
    const rlim_t usable = files.rlim_cur > 512 ? files.rlim_cur - 256 : 256;
    m_budget = static_cast<unsigned>(
        std::min<rlim_t>(m_options.maxConnections, usable > 64 ? usable - 64 : 1));
    return static_cast<unsigned>(std::min<rlim_t>(usable, wanted - 256));
}

// A new connection over the budget (in all, or from its address) makes room
// by cutting an idle one: one that never sent a request first, then the
// longest idle. Busy connections are never cut; when all are busy, the
// newcomer's first request gets 503. Called with m_trackedMutex held.
void HttpServer::admit(Tracked &newcomer)
{
    std::size_t live = 0;
    std::size_t fromAddress = 0;
    for (const Tracked *t : m_tracked) {
        if (t->cut)
            continue;
        ++live;
        fromAddress += t->address == newcomer.address ? 1 : 0;
    }
    const bool addressFull = fromAddress > m_options.connectionsPerAddress;
    if (!addressFull && live <= m_budget)
        return;
    Tracked *victim = nullptr;
    const auto idler = [](const Tracked *a, const Tracked *b) {
        if ((a->requests == 0) != (b->requests == 0))
            return a->requests == 0;
        return a->since < b->since;
    };
    for (Tracked *t : m_tracked) {
        if (t == &newcomer || t->cut || !t->awaitingHead || t->fd < 0)
            continue;
        if (addressFull && t->address != newcomer.address)
            continue;
        if (!victim || idler(t, victim))
            victim = t;
    }
    if (!victim) {
        newcomer.refuse = true;
        return;
    }
    ::shutdown(victim->fd, SHUT_RDWR); // libmicrohttpd sees the end and closes it
    victim->cut = true;
}

void HttpServer::reapSlowHeaders()
{
    // libmicrohttpd's timeout is an idle timeout: a client trickling a byte
    // a second never trips it. This bounds the time a request head may take
    // (and an idle keep-alive connection's wait for its next one): the
    // head timeout, or a shorter one while more than three quarters of the
    // connection budget is in use.
    const auto normal = std::chrono::seconds(std::max(1u, m_options.headerTimeoutSeconds));
    const auto pressed = std::min<std::chrono::seconds>(
        normal, std::chrono::seconds(std::max(1u, m_options.headerTimeoutUnderPressureSeconds)));
    std::unique_lock lock(m_reaperMutex);
    while (!m_reaperStop) {
        m_reaperWake.wait_for(lock, std::chrono::milliseconds(250));
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard guard(m_trackedMutex);
        const auto live = static_cast<std::size_t>(std::count_if(
            m_tracked.begin(), m_tracked.end(), [](const Tracked *t) { return !t->cut; }));
        const auto limit = live * 4 > std::size_t{m_budget} * 3 ? pressed : normal;
        for (Tracked *t : m_tracked) {
            if (t->awaitingHead && !t->cut && t->fd >= 0 && now - t->since > limit) {
                // libmicrohttpd sees the end of the stream and closes it.
                ::shutdown(t->fd, SHUT_RDWR);
                t->cut = true;
            }
        }
    }
}

} // namespace berth::server
