#pragma once

// HttpServer's record of one open connection, shared by its callbacks
// (http_server.cpp) and its connection budget (http_server_connections.cpp).
#include "server/http_server.h"

#include <atomic>
#include <chrono>
#include <cstdint>

namespace berth::server {

struct HttpServer::Tracked
{
    int fd = -1;
    std::uint32_t address = 0; // IPv4, host order
    unsigned requests = 0;     // heads received on this connection
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

} // namespace berth::server
