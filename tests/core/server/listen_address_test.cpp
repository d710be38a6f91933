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

TEST(PeerAddress, CountsAMappedIpv4ClientAsIpv4AndIpv6ByItsSlash64)
{
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    ASSERT_EQ(::inet_pton(AF_INET, "127.0.0.9", &v4.sin_addr), 1);
    sockaddr_in6 mapped{};
    mapped.sin6_family = AF_INET6;
    ASSERT_EQ(::inet_pton(AF_INET6, "::ffff:127.0.0.9", &mapped.sin6_addr), 1);
    sockaddr_in6 loop6{};
    loop6.sin6_family = AF_INET6;
    loop6.sin6_addr = in6addr_loopback;
    sockaddr_in6 other{};
    other.sin6_family = AF_INET6;
    ASSERT_EQ(::inet_pton(AF_INET6, "2001:db8::1", &other.sin6_addr), 1);

    const PeerAddress a = PeerAddress::of(reinterpret_cast<const sockaddr *>(&v4));
    const PeerAddress b = PeerAddress::of(reinterpret_cast<const sockaddr *>(&mapped));
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.key.size(), 4u);
    EXPECT_EQ(b.text, "127.0.0.9");
    EXPECT_TRUE(a.loopback && b.loopback);

    const PeerAddress c = PeerAddress::of(reinterpret_cast<const sockaddr *>(&loop6));
    EXPECT_EQ(c.key.size(), 8u);
    EXPECT_EQ(c.text, "::/64");
    EXPECT_TRUE(c.loopback);
    const PeerAddress d = PeerAddress::of(reinterpret_cast<const sockaddr *>(&other));
    EXPECT_FALSE(d.loopback);
    EXPECT_EQ(d.text, "2001:db8::/64");
    EXPECT_NE(c.key, d.key);
    EXPECT_TRUE(PeerAddress::of(nullptr).key.empty());

    // One host rotating addresses inside its /64 is one peer; the next /64
    // is another.
    sockaddr_in6 sameNetwork{};
    sameNetwork.sin6_family = AF_INET6;
    ASSERT_EQ(::inet_pton(AF_INET6, "2001:db8::dead:beef", &sameNetwork.sin6_addr), 1);
    sockaddr_in6 nextNetwork{};
    nextNetwork.sin6_family = AF_INET6;
    ASSERT_EQ(::inet_pton(AF_INET6, "2001:db8:0:1::1", &nextNetwork.sin6_addr), 1);
    EXPECT_EQ(PeerAddress::of(reinterpret_cast<const sockaddr *>(&sameNetwork)).key, d.key);
    EXPECT_NE(PeerAddress::of(reinterpret_cast<const sockaddr *>(&nextNetwork)).key, d.key);
}
