// Where serve listens (http.addr as registry:2 writes it, IPv6 in
// brackets) and how a peer is counted (IPv4-mapped IPv6 as IPv4).
#include "server/listen_address.h"
#include "server/peer_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

using berth::server::ListenAddress;
using berth::server::PeerAddress;

TEST(ListenAddress, TakesIpv4Ipv6AndPortOnly)
{
    const struct
    {
        const char *addr;
        const char *host;
        unsigned port;
        bool ipv6;
        bool loopback;
        const char *hostPort;
    } cases[] = {
        {"127.0.0.1:5000", "127.0.0.1", 5000, false, true, "127.0.0.1:5000"},
        {":5000", "127.0.0.1", 5000, false, true, "127.0.0.1:5000"},
        {"localhost:5001", "127.0.0.1", 5001, false, true, "127.0.0.1:5001"},
        {"5002", "127.0.0.1", 5002, false, true, "127.0.0.1:5002"},
        {"0.0.0.0:80", "0.0.0.0", 80, false, false, "0.0.0.0:80"},
        {"[::1]:5000", "::1", 5000, true, true, "[::1]:5000"},
        {"[::]:0", "::", 0, true, false, "[::]:0"},
        {"[2001:db8::7]:443", "2001:db8::7", 443, true, false, "[2001:db8::7]:443"},
    };
    for (const auto &c : cases) {
        const auto parsed = ListenAddress::parse(c.addr);
        ASSERT_TRUE(parsed.ok()) << c.addr << ": " << parsed.error().message;
        EXPECT_EQ(parsed->host, c.host) << c.addr;
        EXPECT_EQ(parsed->port, c.port) << c.addr;
        EXPECT_EQ(parsed->isIpv6(), c.ipv6) << c.addr;
        EXPECT_EQ(parsed->isLoopback(), c.loopback) << c.addr;
        EXPECT_EQ(parsed->hostPort(), c.hostPort) << c.addr;
    }
}

TEST(ListenAddress, RefusesWhatItCannotListenOnInWords)
{
    const struct
    {
        const char *addr;
        const char *says;
    } cases[] = {
        {"::1:5000", "without brackets"},
        {"[::1]5000", "is not [IPv6 address]:port"},
        {"[::1]", "is not [IPv6 address]:port"},
        {"[::1:5000", "is not [IPv6 address]:port"},
        {"[127.0.0.1]:5000", "does not hold an IPv6 address"},
        {"[]:5000", "does not hold an IPv6 address"},
        {"registry.example.com:5000", "does not name an IP address"},
        {"127.0.0.1:", "has no valid port"},
        {"127.0.0.1:65536", "has no valid port"},
        {"127.0.0.1:50x", "has no valid port"},
        {"127.0.0.1:-1", "has no valid port"},
        {"", "has no valid port"},
        {"[::1]:", "has no valid port"},
        {"999.1.1.1:5000", "does not name an IP address"},
    };
    for (const auto &c : cases) {
        const auto parsed = ListenAddress::parse(c.addr);
        ASSERT_FALSE(parsed.ok()) << c.addr;
        EXPECT_EQ(parsed.error().code, "CONFIG_INVALID") << c.addr;
        EXPECT_NE(parsed.error().message.find(c.says), std::string::npos)
            << c.addr << ": " << parsed.error().message;
    }
}

namespace {

// The peer of a connection from `address` (an IPv4 or IPv6 literal).
PeerAddress peer(const char *address)
{
    sockaddr_storage storage{};
    if (auto *v4 = reinterpret_cast<sockaddr_in *>(&storage);
        ::inet_pton(AF_INET, address, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
    } else {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        v6->sin6_family = AF_INET6;
        EXPECT_EQ(::inet_pton(AF_INET6, address, &v6->sin6_addr), 1) << address;
    }
    return PeerAddress::of(reinterpret_cast<const sockaddr *>(&storage));
}

} // namespace

TEST(PeerAddress, CountsAMappedIpv4ClientAsIpv4AndIpv6ByItsSlash64)
{
    const PeerAddress a = peer("127.0.0.9");
    const PeerAddress b = peer("::ffff:127.0.0.9");
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.key.size(), 4u);
    EXPECT_EQ(b.text, "127.0.0.9");
    EXPECT_TRUE(a.loopback && b.loopback);

    const PeerAddress c = peer("::1");
    EXPECT_EQ(c.key.size(), 8u);
    EXPECT_EQ(c.text, "::/64");
    EXPECT_TRUE(c.loopback);
    const PeerAddress d = peer("2001:db8::1");
    EXPECT_FALSE(d.loopback);
    EXPECT_EQ(d.text, "2001:db8::/64");
    EXPECT_NE(c.key, d.key);
    EXPECT_TRUE(PeerAddress::of(nullptr).key.empty());

    // One host rotating addresses inside its /64 is one peer; the next /64
    // is another.
    EXPECT_EQ(peer("2001:db8::dead:beef").key, d.key);
    EXPECT_NE(peer("2001:db8:0:1::1").key, d.key);
}
