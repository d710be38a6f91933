#include "server/listen_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>

namespace berth::server {

namespace {

Error invalid(std::string_view httpAddr, const std::string &why)
{
    return {"CONFIG_INVALID", "http.addr: '" + std::string(httpAddr.substr(0, 200)) + "' " + why};
}

} // namespace

Result<ListenAddress> ListenAddress::parse(std::string_view httpAddr)
{
    ListenAddress out;
    std::string_view host;
    std::string_view port;
    if (!httpAddr.empty() && httpAddr.front() == '[') {
        const auto close = httpAddr.find(']');
        if (close == std::string_view::npos || close + 1 >= httpAddr.size() ||
            httpAddr[close + 1] != ':')
            return invalid(httpAddr, "is not [IPv6 address]:port");
        host = httpAddr.substr(1, close - 1);
        port = httpAddr.substr(close + 2);
        in6_addr v6{};
        if (::inet_pton(AF_INET6, std::string(host).c_str(), &v6) != 1)
            return invalid(httpAddr, "does not hold an IPv6 address in its brackets");
    } else {
        // A bare number is a port, as serve has always taken it.
        const auto colon = httpAddr.rfind(':');
        host = colon == std::string_view::npos ? std::string_view() : httpAddr.substr(0, colon);
        port = colon == std::string_view::npos ? httpAddr : httpAddr.substr(colon + 1);
        if (host.find(':') != std::string_view::npos)
            return invalid(httpAddr, "has an IPv6 address without brackets: write [::1]:5000");
        if (host.empty() || host == "localhost")
            host = "127.0.0.1";
        in_addr v4{};
        if (::inet_pton(AF_INET, std::string(host).c_str(), &v4) != 1)
            return invalid(httpAddr, "does not name an IP address (Berth does not resolve names)");
    }
    unsigned number = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number > 65535)
        return invalid(httpAddr, "has no valid port");
    out.host = std::string(host);
    out.port = static_cast<std::uint16_t>(number);
    return out;
}

bool ListenAddress::isIpv6() const
{
    return host.find(':') != std::string::npos;
}

bool ListenAddress::isLoopback() const
{
    if (isIpv6()) {
        in6_addr v6{};
        return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
    }
    return host.rfind("127.", 0) == 0;
}

std::string ListenAddress::hostPort() const
{
    return (isIpv6() ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace berth::server
