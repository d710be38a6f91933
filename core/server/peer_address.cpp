#include "server/peer_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace berth::server {

namespace {

PeerAddress ipv4(const in_addr &address)
{
    PeerAddress peer;
    peer.key.assign(reinterpret_cast<const char *>(&address), sizeof address);
    peer.loopback = (ntohl(address.s_addr) >> 24) == 127;
    char text[INET_ADDRSTRLEN] = {};
    if (::inet_ntop(AF_INET, &address, text, sizeof text))
        peer.text = text;
    return peer;
}

} // namespace

PeerAddress PeerAddress::of(const sockaddr *address)
{
    if (!address)
        return {};
    if (address->sa_family == AF_INET) {
        sockaddr_in in{};
        std::memcpy(&in, address, sizeof in);
        return ipv4(in.sin_addr);
    }
    if (address->sa_family != AF_INET6)
        return {};
    sockaddr_in6 in6{};
    std::memcpy(&in6, address, sizeof in6);
    if (IN6_IS_ADDR_V4MAPPED(&in6.sin6_addr)) {
        in_addr v4{};
        std::memcpy(&v4, in6.sin6_addr.s6_addr + 12, sizeof v4);
        return ipv4(v4);
    }
    PeerAddress peer;
    peer.loopback = IN6_IS_ADDR_LOOPBACK(&in6.sin6_addr);
    in6_addr network{};
    std::memcpy(network.s6_addr, in6.sin6_addr.s6_addr, 8);
    peer.key.assign(reinterpret_cast<const char *>(network.s6_addr), 8);
    char text[INET6_ADDRSTRLEN] = {};
    if (::inet_ntop(AF_INET6, &network, text, sizeof text))
        peer.text = std::string(text) + "/64";
    return peer;
}

} // namespace berth::server
