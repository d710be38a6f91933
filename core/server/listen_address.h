#pragma once

#include "oci/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace berth::server {

// Where `serve` listens, from http.addr as registry:2 writes it:
// "host:port", "[v6]:port" or ":port". An empty host or "localhost" is the
// IPv4 loopback (Berth listens on every interface only when told: 0.0.0.0,
// or [::] for both IPv6 and IPv4 where the system allows dual stack).
struct ListenAddress
{
    std::string host; // an IP literal, IPv6 without brackets
    std::uint16_t port = 0;

    static Result<ListenAddress> parse(std::string_view httpAddr);
    bool isIpv6() const;
    bool isLoopback() const;
    // "127.0.0.1:5000", "[::1]:5000".
    std::string hostPort() const;
};

} // namespace berth::server
