#include "server/http_server.h"
#include "server/http_server_tracked.h"
#include "server/listen_address.h"
#include "server/peer_address.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace berth::server {

// One request. While its connection is suspended (work on a worker
// thread), only that worker touches it; resuming hands it back.
struct HttpServer::Connection
{
    MHD_Connection *mhd = nullptr;
    std::unique_ptr<RegistryApi::Exchange> exchange;
    AccessLogEntry log;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    bool responded = false;
    bool fromLoopback = false;
    // Refused mid-body: the answer waits until the body is read (and thrown
    // away), because libmicrohttpd only answers after the head or the body.
    std::optional<HttpResponse> refusal;
    std::uint64_t discarded = 0;
    // Work done on a worker: libmicrohttpd calls again once the connection
    // is resumed, and the answer (if any) goes out from that call.
    std::optional<HttpResponse> ready;
    bool headPending = false; // begin() deferred: the head's call comes again
};

namespace {

// After a mid-body refusal, at most this much more body is read (and thrown
// away) so that the client gets the answer; beyond it the connection closes.
constexpr std::uint64_t kMaxDiscardedBody = 16 * 1024 * 1024;

// A request refused at its head whose body is declared up to this size has
// the body read and dropped before the answer, so that the client, still
// sending, reads the answer rather than a reset connection, and the
// connection stays usable. A larger body, one of unknown length, or one the
// client waits to send (Expect: 100-continue) is not read at all: the answer
// goes out at once and the connection closes. (libmicrohttpd itself refuses
// a Content-Length that is no number.)
constexpr std::uint64_t kReadRefusedBodyUpTo = kMaxDiscardedBody;

// The request's headers, collected once: names lower-cased, and the
// framing checked on the way (RFC 9112 6.3: Transfer-Encoding together
// with Content-Length, or Content-Length values that differ, is a framing
// error - the way requests are smuggled past a proxy that reads the other).
struct HeaderCollector
{
    std::map<std::string, std::string> &headers;
    bool framingConflict = false;
};

MHD_Result collectHeader(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    auto *collector = static_cast<HeaderCollector *>(cls);
    std::string name = key ? key : "";
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string v = value ? value : "";
    auto &headers = collector->headers;
    if (name == "content-length" && headers.contains(name) && headers[name] != v)
        collector->framingConflict = true;
    headers[name] = v;
    if (headers.contains("content-length") && headers.contains("transfer-encoding"))
        collector->framingConflict = true;
    return MHD_YES;
}

MHD_Result collectQuery(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    auto *query = static_cast<std::multimap<std::string, std::string> *>(cls);
    query->emplace(key ? key : "", value ? value : "");
    return MHD_YES;
}

bool answerBeforeBody(const HttpRequest &request)
{
    if (request.header("transfer-encoding"))
        return true;
    const auto length = request.contentLength();
    if (!length || *length == 0)
        return false;
    const auto expect = request.header("expect");
    return *length > kReadRefusedBodyUpTo || (expect && expect->find("100") == 0);
}

} // namespace

// libmicrohttpd's callbacks: a nested class of HttpServer, so they reach
// its state without any of it being public.
struct HttpServer::Callbacks
{
    static void onConnection(void *cls, MHD_Connection *connection, void **socketContext,
                             MHD_ConnectionNotificationCode code)
    {
        auto *server = static_cast<HttpServer *>(cls);
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            auto *tracked = new HttpServer::Tracked;
            if (const MHD_ConnectionInfo *info =
                    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD))
                tracked->fd = info->connect_fd;
            if (const MHD_ConnectionInfo *info =
                    MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS))
                tracked->address = PeerAddress::of(info->client_addr).key;
            *socketContext = tracked;
            std::lock_guard guard(server->m_trackedMutex);
            server->m_tracked.insert(tracked);
            server->admit(*tracked);
        } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
            // Called before libmicrohttpd closes the socket: the reaper can never
            // shut down a descriptor that was reused.
            auto *tracked = static_cast<HttpServer::Tracked *>(*socketContext);
            if (!tracked)
                return;
            {
                std::lock_guard guard(server->m_trackedMutex);
                server->m_tracked.erase(tracked);
            }
            delete tracked;
            *socketContext = nullptr;
        }
    }

    static HttpServer::Tracked *trackedOf(MHD_Connection *connection)
    {
        const MHD_ConnectionInfo *info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        return info ? static_cast<HttpServer::Tracked *>(info->socket_context) : nullptr;
    }

    // libmicrohttpd's own %HH decoding, and a note when it yields a control
    // character: C strings end at %00, which would cut a path short
    // ("latest%00.bak" read as "latest").
    static size_t onUnescape(void *, MHD_Connection *connection, char *text)
    {
        const size_t length = MHD_http_unescape(text);
        const bool control = std::any_of(text, text + length, [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u < 0x20 || u == 0x7f;
        });
        if (control) {
            if (HttpServer::Tracked *tracked = trackedOf(connection))
                tracked->controlInTarget = true;
        }
        return length;
    }

    // A head refused before it reaches the API: the connection closes.
    static std::optional<HttpResponse> refusedHead(MHD_Connection *connection, bool framingConflict)
    {
        std::optional<HttpResponse> refusal;
        HttpServer::Tracked *tracked = trackedOf(connection);
        if (tracked && tracked->refuse.load()) {
            refusal = RegistryApi::error(503, "UNAVAILABLE",
                                         "too many connections are busy; try again shortly");
            refusal->addHeader("Retry-After", "1");
        } else if (tracked && tracked->controlInTarget.exchange(false))
            refusal =
                RegistryApi::error(400, "UNSUPPORTED", "control character in the request target");
        else if (framingConflict)
            refusal = RegistryApi::error(
                400, "UNSUPPORTED",
                "conflicting Content-Length or Transfer-Encoding headers (RFC 9112 6.3)");
        if (refusal)
            refusal->addHeader("Connection", "close");
        return refusal;
    }

    static void markHead(HttpServer &server, MHD_Connection *connection, bool awaiting)
    {
        HttpServer::Tracked *tracked = trackedOf(connection);
        if (!tracked)
            return;
        std::lock_guard guard(server.m_trackedMutex);
        tracked->awaitingHead = awaiting;
        tracked->since = std::chrono::steady_clock::now();
        if (!awaiting)
            ++tracked->requests;
    }

    static MHD_Result sendResponse(HttpServer &server, MHD_Connection *connection,
                                   HttpServer::Connection &ctx, HttpResponse response)
    {
        MHD_Response *r = nullptr;
        if (response.stream) {
            r = HttpServer::StreamReader::respond(server, connection, response);
            ctx.log.bytesOut = response.fileLength;
        } else if (response.fileFd >= 0) {
            r = fileBody(response, ctx.fromLoopback && !server.m_options.sendfileOnLoopback);
            ctx.log.bytesOut = response.fileLength;
        } else {
            r = MHD_create_response_from_buffer(response.body.size(), response.body.data(),
                                                MHD_RESPMEM_MUST_COPY);
            ctx.log.bytesOut = response.body.size();
        }
        if (!r)
            return MHD_NO;
        MHD_add_response_header(r, "Docker-Distribution-Api-Version", "registry/2.0");
        for (const auto &[name, value] : response.headers)
            MHD_add_response_header(r, name.c_str(), value.c_str());
        for (const auto &[name, value] : server.m_options.extraHeaders)
            MHD_add_response_header(r, name.c_str(), value.c_str());
        ctx.log.status = response.status;
        ctx.responded = true;
        const MHD_Result result =
            MHD_queue_response(connection, static_cast<unsigned>(response.status), r);
        MHD_destroy_response(r);
        return result;
    }

    static MHD_Result sendReady(HttpServer &server, HttpServer::Connection &ctx)
    {
        HttpResponse response = std::move(*ctx.ready);
        ctx.ready.reset();
        return sendResponse(server, ctx.mhd, ctx, std::move(response));
    }

    static HttpRequest requestOf(MHD_Connection *connection, const char *url, const char *method,
                                 bool *framingConflict)
    {
        HttpRequest request;
        request.method = method ? method : "";
        request.path = url ? url : "";
        HeaderCollector headers{request.headers};
        MHD_get_connection_values(connection, MHD_HEADER_KIND, collectHeader, &headers);
        *framingConflict = headers.framingConflict;
        MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collectQuery, &request.query);
        if (const MHD_ConnectionInfo *info =
                MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
            PeerAddress peer = PeerAddress::of(info->client_addr);
            request.fromLoopback = peer.loopback;
            request.clientAddress = std::move(peer.text);
        }
        return request;
    }

    // Runs `work` on a worker while the connection waits, suspended; the
    // worker resumes it. Called from a request callback only. A callback
    // that suspends must leave *uploadDataSize as it was: libmicrohttpd
    // feeds the next chunk at once if this one was consumed, suspended or
    // not. False: the server is stopping; the connection is to be closed.
    static bool defer(HttpServer &server, HttpServer::Connection &ctx, std::function<void()> work)
    {
        if (!server.suspend(ctx))
            return false;
        server.m_workers->post([&server, &ctx, work = std::move(work)] {
            try {
                work();
            } catch (const std::exception &) {
                // Out of memory or a library's surprise: an answer, and the
                // connection goes on (never left suspended).
                ctx.ready = RegistryApi::error(500, "UNKNOWN", "internal error");
            }
            server.resume(ctx);
        });
        return true;
    }

    // The request's head: begin(), on a worker if it may wait.
    static MHD_Result onHead(HttpServer &server, HttpServer::Connection &ctx, HttpRequest request)
    {
        // Known from the head (an error, a body that would be ignored):
        // answered now if the body is large, of unknown length or not sent
        // yet (libmicrohttpd then reads no body and closes the connection);
        // otherwise the body is read and dropped first (onBody).
        const bool mayBlock = server.m_api.beginMayBlock(request);
        const auto begin = [&server, &ctx, request = std::move(request)] {
            ctx.exchange = server.m_api.begin(request);
            if (ctx.exchange->answeredByHead() && answerBeforeBody(request))
                ctx.ready = ctx.exchange->finish();
        };
        if (mayBlock) {
            ctx.headPending = true; // libmicrohttpd repeats the head's call
            return defer(server, ctx, begin) ? MHD_YES : MHD_NO;
        }
        begin();
        return ctx.ready ? sendReady(server, ctx) : MHD_YES;
    }

    static MHD_Result onBody(HttpServer &server, HttpServer::Connection &ctx, const char *data,
                             size_t *size)
    {
        if (ctx.refusal || ctx.responded) {
            ctx.log.bytesIn += *size;
            ctx.discarded += *size;
            *size = 0;
            // A client that keeps sending after the refusal is cut off.
            return ctx.discarded > kMaxDiscardedBody ? MHD_NO : MHD_YES;
        }
        ApiExchange &exchange = *ctx.exchange;
        if (!exchange.roomFor(*size)) {
            // The disk is behind: the connection waits (and its client with
            // it, through TCP) instead of this thread. The same bytes come
            // again once it is resumed.
            if (!server.suspend(ctx))
                return MHD_NO;
            HttpServer *self = &server;
            HttpServer::Connection *waiting = &ctx;
            if (!exchange.wakeWhenRoom(*size, [self, waiting] { self->resume(*waiting); }))
                server.resume(ctx); // room came meanwhile
            return MHD_YES;
        }
        if (!exchange.onBody(data, *size)) {
            // Refused, too large, a write failed: answered after the body.
            // Deferred, this chunk stays unconsumed and comes back to the
            // discarding branch above once the refusal is known.
            if (exchange.mayBlock())
                return defer(server, ctx, [&ctx] { ctx.refusal = ctx.exchange->finish(); })
                           ? MHD_YES
                           : MHD_NO;
            ctx.refusal = exchange.finish();
            ctx.discarded += *size;
        }
        ctx.log.bytesIn += *size;
        *size = 0;
        return MHD_YES;
    }

    // The whole request is in: its answer.
    static MHD_Result onEnd(HttpServer &server, HttpServer::Connection &ctx)
    {
        if (ctx.refusal)
            return sendResponse(server, ctx.mhd, ctx, std::move(*ctx.refusal));
        ApiExchange &exchange = *ctx.exchange;
        if (!exchange.answerReady()) {
            // Its connection waits, suspended, and this call comes again
            // once it is resumed.
            if (!server.suspend(ctx))
                return MHD_NO;
            HttpServer *self = &server;
            HttpServer::Connection *waiting = &ctx;
            if (!exchange.wakeWhenReady([self, waiting] { self->resume(*waiting); }))
                server.resume(ctx); // ready meanwhile
            return MHD_YES;
        }
        if (exchange.mayBlock())
            return defer(server, ctx, [&ctx] { ctx.ready = ctx.exchange->finish(); }) ? MHD_YES
                                                                                      : MHD_NO;
        return sendResponse(server, ctx.mhd, ctx, exchange.finish());
    }

    static MHD_Result onRequest(void *cls, MHD_Connection *connection, const char *url,
                                const char *method, const char *, const char *uploadData,
                                size_t *uploadDataSize, void **conCls)
    {
        auto *server = static_cast<HttpServer *>(cls);
        auto *ctx = static_cast<HttpServer::Connection *>(*conCls);
        if (!ctx) {
            ctx = new HttpServer::Connection;
            *conCls = ctx;
            ++server->m_inFlight;
            markHead(*server, connection, false);
            ctx->mhd = connection;
            bool framingConflict = false;
            HttpRequest request = requestOf(connection, url, method, &framingConflict);
            ctx->fromLoopback = request.fromLoopback;
            ctx->log.method = request.method;
            ctx->log.path = request.path;
            if (auto refusal = refusedHead(connection, framingConflict))
                return sendResponse(*server, connection, *ctx, std::move(*refusal));
            return onHead(*server, *ctx, std::move(request));
        }
        const bool headAgain = std::exchange(ctx->headPending, false);
        if (ctx->ready) // worked out on a worker while the connection waited
            return sendReady(*server, *ctx);
        if (headAgain)
            return MHD_YES; // the head's call again, after begin() ran elsewhere
        if (*uploadDataSize > 0)
            return onBody(*server, *ctx, uploadData, uploadDataSize);
        if (ctx->responded)
            return MHD_YES;
        return onEnd(*server, *ctx);
    }

    static void onCompleted(void *cls, MHD_Connection *connection, void **conCls,
                            MHD_RequestTerminationCode code)
    {
        auto *server = static_cast<HttpServer *>(cls);
        auto *ctx = static_cast<HttpServer::Connection *>(*conCls);
        if (!ctx)
            return;
        markHead(*server, connection, true); // a keep-alive connection waits for the next head
        *conCls = nullptr;
        ctx->log.durationMs = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - ctx->started)
                                  .count();
        if (code != MHD_REQUEST_TERMINATED_COMPLETED_OK && ctx->log.status == 0)
            ctx->log.status = 499; // client went away or timed out
        if (server->m_options.accessLog)
            server->m_options.accessLog(ctx->log);
        if (ctx->exchange && ctx->exchange->mayBlock()) {
            // Its destructor may wait (an upload's writes): on a worker. An
            // unfinished upload stays resumable.
            server->m_workers->post([ctx, server] {
                delete ctx;
                --server->m_inFlight;
            });
            return;
        }
        delete ctx;
        --server->m_inFlight;
    }
};

HttpServer::HttpServer(RegistryApi &api, Options options)
    : m_api(api)
    , m_options(std::move(options))
{
}

HttpServer::~HttpServer()
{
    stop();
}

Status HttpServer::start()
{
    // IPv4, or IPv6; "::" serves IPv4 clients too where the system allows
    // dual stack (net.ipv6.bindv6only = 0, Linux's default).
    sockaddr_in addr{};
    sockaddr_in6 addr6{};
    const ListenAddress listen{m_options.address, m_options.port};
    const bool ipv6 = listen.isIpv6();
    if (ipv6) {
        addr6.sin6_family = AF_INET6;
        addr6.sin6_port = htons(m_options.port);
        if (::inet_pton(AF_INET6, m_options.address.c_str(), &addr6.sin6_addr) != 1)
            return makeError("CONFIG_INVALID",
                             "http.addr: '" + m_options.address + "' is not an IPv6 address");
    } else {
        addr.sin_family = AF_INET;
        addr.sin_port = htons(m_options.port);
        if (::inet_pton(AF_INET, m_options.address.c_str(), &addr.sin_addr) != 1)
            return makeError("CONFIG_INVALID",
                             "http.addr: '" + m_options.address + "' is not an IPv4 address");
    }
    const bool dualStack = ipv6 && IN6_IS_ADDR_UNSPECIFIED(&addr6.sin6_addr);
    const bool tls = !m_options.tlsCertificatePem.empty() && !m_options.tlsKeyPem.empty();
    if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return makeError("UNSUPPORTED", "this libmicrohttpd has no TLS support");
    // ITC: lets stop() quiesce the listening socket while requests finish.
    // ITC also wakes a request thread when a worker resumes a connection.
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
    if (tls)
        flags |= MHD_USE_TLS;
    if (ipv6)
        flags |= dualStack ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
    const unsigned threads = std::max(1u, m_options.threads);
    const auto hardLimit = static_cast<intptr_t>(connectionLimit(threads));
    std::vector<MHD_OptionItem> options = {
        {MHD_OPTION_SOCK_ADDR, 0, ipv6 ? static_cast<void *>(&addr6) : static_cast<void *>(&addr)},
        {MHD_OPTION_THREAD_POOL_SIZE, threads, nullptr},
        {MHD_OPTION_CONNECTION_TIMEOUT, m_options.connectionTimeoutSeconds, nullptr},
        // libmicrohttpd refuses past its limit without a word, and splits it
        // between its threads: it sits far above the budget that admit()
        // keeps by closing idle connections, for bursts that arrive faster
        // than closed ones are cleared. (No per-address limit of its own:
        // admit() keeps that one too.)
        {MHD_OPTION_CONNECTION_LIMIT, hardLimit, nullptr},
        // Each connection's buffer. libmicrohttpd zeroes all of it between
        // requests, so every kept-alive connection holds it whole: 64 KiB
        // (256 KiB made 900 open uploads hold 230 MB; 16 KiB, the default,
        // slows uploads down).
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, nullptr},
        {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&Callbacks::onCompleted), this},
        {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&Callbacks::onConnection), this},
        {MHD_OPTION_UNESCAPE_CALLBACK, reinterpret_cast<intptr_t>(&Callbacks::onUnescape), this},
    };
    if (tls) {
        options.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0,
                           const_cast<char *>(m_options.tlsCertificatePem.c_str())});
        options.push_back(
            {MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char *>(m_options.tlsKeyPem.c_str())});
    }
    options.push_back({MHD_OPTION_END, 0, nullptr});
    try {
        m_workers = std::make_unique<WorkerPool>(m_options.workerThreads);
    } catch (const std::system_error &e) {
        return makeError("IO",
                         std::string("cannot start the server's worker threads: ") + e.what());
    }
    m_daemon = MHD_start_daemon(flags, m_options.port, nullptr, nullptr, &Callbacks::onRequest,
                                this, MHD_OPTION_ARRAY, options.data(), MHD_OPTION_END);
    if (!m_daemon)
        m_workers.reset();
    if (!m_daemon)
        return makeError("IO", "cannot listen on " + listen.hostPort() +
                                   (tls ? " (in use, not allowed, or the TLS certificate or key "
                                          "does not load)"
                                        : " (in use, or not allowed)"));
    const MHD_DaemonInfo *info = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT);
    m_port = info ? info->port : m_options.port;
    m_reaperStop = false;
    m_reaper = std::thread([this] { reapSlowHeaders(); });
    return Ok{};
}

bool HttpServer::suspendHeld(MHD_Connection *mhd)
{
    if (m_stopping)
        return false;
    MHD_suspend_connection(mhd);
    ++m_suspended;
    return true;
}

void HttpServer::resumeConnection(MHD_Connection *mhd)
{
    MHD_resume_connection(mhd);
    --m_suspended; // after: stop() must not see 0 while one is suspended
}

bool HttpServer::suspend(Connection &ctx)
{
    std::lock_guard guard(m_suspendMutex);
    return suspendHeld(ctx.mhd);
}

void HttpServer::resume(Connection &ctx)
{
    resumeConnection(ctx.mhd);
}

std::size_t HttpServer::stop()
{
    if (!m_daemon)
        return 0;
    // Stop accepting, then give requests in flight up to drainTimeout. A
    // bounded poll: this runs once, at shutdown, on the main thread.
    const MHD_socket listening = MHD_quiesce_daemon(m_daemon);
    const auto deadline = std::chrono::steady_clock::now() + m_options.drainTimeout;
    while (m_inFlight.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::size_t unfinished = m_inFlight.load();
    // libmicrohttpd must not stop with a connection suspended: work on the
    // workers ends by resuming its connection, and a connection waiting for
    // its upload's disk writes is resumed as they complete. (A disk that
    // never completes a write holds the process anyway.)
    {
        // From here no connection is suspended again: libmicrohttpd's
        // threads run until MHD_stop_daemon, and a request resumed now must
        // not park its connection behind this check.
        std::lock_guard guard(m_suspendMutex);
        m_stopping = true;
        // Bodies still arriving are not waited for: woken now, they send
        // what they have and are cut (park() refuses from here on).
        for (StreamReader *reader : m_parked) {
            reader->parked = false;
            resumeConnection(reader->mhd);
        }
        m_parked.clear();
    }
    // Work waiting on an upstream ends now: its connections are answered
    // (or cut) instead of waiting out the upstream's timeouts.
    m_api.abandonOutsideWork();
    m_workers->waitIdle();
    while (m_suspended.load() > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    {
        std::lock_guard guard(m_reaperMutex);
        m_reaperStop = true;
    }
    m_reaperWake.notify_all();
    if (m_reaper.joinable())
        m_reaper.join();
    MHD_stop_daemon(m_daemon);
    m_daemon = nullptr;
    m_workers.reset(); // runs what closing the connections handed over
    m_stopping = false;
    if (listening != MHD_INVALID_SOCKET)
        ::close(listening);
    return unfinished;
}

} // namespace berth::server
