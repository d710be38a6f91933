#pragma once

// HttpServer's records shared by its parts: one open connection, for its
// callbacks (http_server.cpp) and its connection budget
// (http_server_connections.cpp); one streamed body (http_server_bodies.cpp).
#include "server/http_server.h"

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

struct MHD_Connection;
struct MHD_Response;

namespace berth::server {

struct HttpServer::Tracked
{
    int fd = -1;
    std::string address;   // PeerAddress::key: IPv4 (also when mapped) or IPv6 bytes
    unsigned requests = 0; // heads received on this connection
    bool awaitingHead = true;
    bool cut = false;
    // Over the budget with no idle connection to make room: its first
    // request is answered 503 with Retry-After, and it closes.
    std::atomic<bool> refuse{false};
    // The request target decoded to a control character (%00, %0A, ...):
    // set while libmicrohttpd parses the head, answered 400 at the head.
    std::atomic<bool> controlInTarget{false};
    std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();
};

// A response body read from a BodyStream as it arrives. With nothing new
// to send, its connection is parked (suspended: no thread waits, no busy
// loop) until the stream wakes it, or stop() does.
struct HttpServer::StreamReader
{
    HttpServer *server = nullptr;
    MHD_Connection *mhd = nullptr;
    std::shared_ptr<BodyStream> stream;
    std::uint64_t offset = 0;
    bool parked = false; // under server->m_suspendMutex

    // The response reading `response.stream` (taken from it); nullptr if
    // libmicrohttpd could not make one.
    static MHD_Response *respond(HttpServer &server, MHD_Connection *connection,
                                 HttpResponse &response);
    // libmicrohttpd's content callback and its release.
    static ssize_t read(void *cls, std::uint64_t pos, char *buffer, std::size_t max);
    static void release(void *cls);
};

// A file region's response: sent with sendfile, or copied 32 KiB at a
// time (`copy`: to loopback clients). Takes the response's descriptor:
// libmicrohttpd closes it with the response.
MHD_Response *fileBody(HttpResponse &response, bool copy);

} // namespace berth::server
