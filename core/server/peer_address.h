#pragma once

#include <string>

struct sockaddr;

namespace berth::server {

// A connection's peer as the server counts it (per-address budget, login
// throttle, loopback-only endpoints). An IPv4-mapped IPv6 address (a client
// of a dual-stack listener) is its IPv4 address, so one client is one key;
// an IPv6 peer counts by its /64, the smallest network a host is given, so
// rotating addresses inside it gains nothing.
struct PeerAddress
{
    std::string key;       // 4 bytes (IPv4) or 8 (an IPv6 /64); empty: unknown
    std::string text;      // "127.0.0.1", "2001:db8:1:2::/64"
    bool loopback = false; // 127.0.0.0/8 or ::1

    static PeerAddress of(const sockaddr *address);
};

} // namespace berth::server
