#pragma once

#include "server/registry_api.h"
#include "server/worker_pool.h"

#include "oci/result.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

struct MHD_Daemon;
struct MHD_Connection;

namespace berth::server {

struct AccessLogEntry
{
    std::string method;
    std::string path;
    int status = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    double durationMs = 0;
};

// The registry's HTTP front: libmicrohttpd with a thread pool, streamed
// request bodies, sendfile for blobs, per-connection timeouts. No HTTP is
// parsed here; requests go to RegistryApi. The request threads never wait:
// work that may (RegistryApi::beginMayBlock, ApiExchange::mayBlock) runs on
// a worker pool while its connection is suspended, an upload whose disk
// is behind suspends its connection until there is room, and so does a
// response whose body (a BodyStream) has not arrived yet.
class HttpServer
{
public:
    struct Options
    {
        std::string address = "127.0.0.1";
        std::uint16_t port = 5000;              // 0: any free port
        unsigned threads = 4;                   // request threads (network, reads)
        unsigned workerThreads = 8;             // writes, fsyncs, the GC gate, bcrypt
        unsigned connectionTimeoutSeconds = 30; // idle clients are dropped
        // A request's head (request line and headers) must arrive within
        // this time, however slowly it trickles in (slow-header clients);
        // an idle keep-alive connection is closed after it too.
        unsigned headerTimeoutSeconds = 20;
        // Connection budget, in all and per client address. A connection
        // past it makes room by closing an idle one (never-used first, then
        // the longest idle); if every connection is busy, it is answered
        // 503 with Retry-After. Idle connections are also given
        // headerTimeoutUnderPressureSeconds instead of the head timeout while
        // three quarters of the budget are used.
        unsigned maxConnections = 1000;
        unsigned connectionsPerAddress = 64;
        unsigned headerTimeoutUnderPressureSeconds = 2;
        std::function<void(const AccessLogEntry &)> accessLog;
        // Both set (PEM text): HTTPS only (GnuTLS inside libmicrohttpd).
        std::string tlsCertificatePem;
        std::string tlsKeyPem;
        // Added to every response (config.yml's http.headers).
        std::vector<std::pair<std::string, std::string>> extraHeaders;
        // stop(): how long requests in flight may take to finish.
        std::chrono::milliseconds drainTimeout{10'000};
        // Blobs go out with sendfile, except to loopback clients, who get
        // them copied 32 KiB at a time (faster there; see http_server.cpp).
        // True: sendfile to loopback clients too (tests of that path).
        bool sendfileOnLoopback = false;
    };

    HttpServer(RegistryApi &api, Options options);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    Status start();
    // Stops accepting new connections, lets requests in flight finish for at
    // most drainTimeout, then closes everything. Returns how many requests
    // were still running when the time was up (0: a clean drain).
    std::size_t stop();
    std::uint16_t port() const { return m_port; }

private:
    struct Callbacks;    // libmicrohttpd's C callbacks (http_server.cpp)
    struct Connection;   // one request in flight
    struct Tracked;      // a connection, for the slow-head reaper
    struct StreamReader; // a response body read from a BodyStream

    RegistryApi &m_api;
    Options m_options;
    void reapSlowHeaders();
    void admit(Tracked &newcomer); // with m_trackedMutex held
    unsigned connectionLimit(unsigned threads);
    // The one place connections are suspended and resumed, counted for
    // stop(); suspendHeld with m_suspendMutex held, false once stopping.
    bool suspendHeld(MHD_Connection *mhd);
    void resumeConnection(MHD_Connection *mhd);
    bool suspend(Connection &ctx); // from its request callback; false once stopping
    void resume(Connection &ctx);  // from any thread
    // A streamed body with nothing new to send: its connection waits,
    // suspended, until unpark (the stream's wake, or stop()).
    bool park(StreamReader &reader); // from its content callback; false once stopping
    void unpark(StreamReader &reader);

    MHD_Daemon *m_daemon = nullptr;
    std::uint16_t m_port = 0;
    unsigned m_budget = 0; // maxConnections, or less if the open file limit is lower
    std::atomic<std::size_t> m_inFlight{0};
    std::atomic<std::size_t> m_suspended{0};
    std::mutex m_suspendMutex;
    bool m_stopping = false;           // under m_suspendMutex
    std::set<StreamReader *> m_parked; // under m_suspendMutex
    std::unique_ptr<WorkerPool> m_workers;
    std::thread m_reaper;
    std::mutex m_reaperMutex;
    std::condition_variable m_reaperWake;
    bool m_reaperStop = false;
    std::mutex m_trackedMutex;
    std::set<Tracked *> m_tracked; // open connections; the reaper cuts slow heads
};

} // namespace berth::server
