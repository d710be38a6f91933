#pragma once

#include <string>

struct sockaddr;

namespace berth::server {

// A connection's peer as the server counts it (per-address budget, login
// throttle, loopback-only endpoints): an IPv4-mapped IPv6 address (a client
// of a dual-stack listener) is its IPv4 address, so one client is one key.
struct PeerAddress
{
    std::string key;       // the address's bytes: 4 (IPv4) or 16 (IPv6); empty: unknown
    std::string text;      // "127.0.0.1", "::1"
    bool loopback = false; // 127.0.0.0/8 or ::1

    static PeerAddress of(const sockaddr *address);
};

} // namespace berth::server
