#pragma once

// HTTP/1.1 spoken by hand over a loopback socket, for tests of the server's
// HTTP layer: requests exactly as written (pipelined, chunked, heads without
// their body), answers read to the end of the connection.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

namespace berth::test {

struct Reply
{
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;

    // A header's value, empty if the answer has none.
    std::string header(const std::string &lowerName) const
    {
        const auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A loopback client connection, closed when it goes out of scope. A send or
// receive that makes no progress for 20 s fails. `from`: the local address
// to connect from (any of 127.0.0.0/8), to look like another client.
class ScopedSocket
{
public:
    explicit ScopedSocket(std::uint16_t port, const char *from = nullptr)
        : m_fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        const timeval deadline{20, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &deadline, sizeof deadline);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &deadline, sizeof deadline);
        if (from) {
            sockaddr_in local{};
            local.sin_family = AF_INET;
            ::inet_pton(AF_INET, from, &local.sin_addr);
            if (::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
                ::close(m_fd);
                m_fd = -1;
                return;
            }
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_fd >= 0 && ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ScopedSocket(ScopedSocket &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    ScopedSocket &operator=(ScopedSocket &&other) noexcept
    {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    ScopedSocket(const ScopedSocket &) = delete;
    ScopedSocket &operator=(const ScopedSocket &) = delete;
    ~ScopedSocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool valid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }

    bool sendAll(const std::string &bytes) const
    {
        for (std::size_t sent = 0; sent < bytes.size();) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

private:
    int m_fd;
};

// Reads an answer to the end of the connection. A server that does not
// answer within 20 s gets an empty Reply.
inline Reply readReply(const ScopedSocket &socket)
{
    Reply reply;
    std::string raw;
    char buffer[65536];
    for (ssize_t n; (n = ::recv(socket.fd(), buffer, sizeof buffer, 0)) > 0;)
        raw.append(buffer, static_cast<std::size_t>(n));
    const auto headEnd = raw.find("\r\n\r\n");
    if (raw.compare(0, 9, "HTTP/1.1 ") != 0 || headEnd == std::string::npos)
        return reply;
    reply.status = std::stoi(raw.substr(9, 3));
    std::size_t line = raw.find("\r\n") + 2;
    while (line < headEnd) {
        const auto end = raw.find("\r\n", line);
        const auto colon = raw.find(':', line);
        if (colon < end) {
            std::string name = raw.substr(line, colon - line);
            for (char &c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            reply.headers[name] = raw.substr(colon + 2, end - colon - 2);
        }
        line = end + 2;
    }
    reply.body = raw.substr(headEnd + 4);
    return reply;
}

// Sends `request` as it is on its own connection and reads the answer.
inline Reply roundTrip(std::uint16_t port, const std::string &request)
{
    const ScopedSocket socket(port);
    if (!socket.valid())
        return {};
    socket.sendAll(request);
    return readReply(socket);
}

// A request's text ("Connection: close") with a Content-Length body.
inline std::string requestText(const std::string &method, const std::string &target,
                               const std::string &extraHeaders = {}, const std::string &body = {})
{
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
           "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
           extraHeaders + "\r\n" + body;
}

// One request ("Connection: close") with a Content-Length body.
inline Reply exchange(std::uint16_t port, const std::string &method, const std::string &target,
                      const std::string &extraHeaders = {}, const std::string &body = {})
{
    return roundTrip(port, requestText(method, target, extraHeaders, body));
}

// The same with a chunked body (no length known in advance), 64 KiB chunks.
inline Reply chunkedExchange(std::uint16_t port, const std::string &method,
                             const std::string &target, const std::string &body)
{
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                          "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
    constexpr std::size_t kChunk = 64 * 1024;
    for (std::size_t at = 0; at < body.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, body.size() - at);
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", n);
        request += size;
        request.append(body, at, n);
        request += "\r\n";
    }
    return roundTrip(port, request + "0\r\n\r\n");
}

inline std::string errorCode(const Reply &reply)
{
    const auto at = reply.body.find("\"code\":\"");
    if (at == std::string::npos)
        return {};
    return reply.body.substr(at + 8, reply.body.find('"', at + 8) - at - 8);
}

} // namespace berth::test
