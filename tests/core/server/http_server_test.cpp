// HttpServer's blob bodies over real sockets, both ways they leave: copied in
// 32 KiB blocks (loopback clients) and sendfile (everyone else; forced here
// with sendfileOnLoopback). Whole blobs, ranges, HEAD and a blob that spans
// many blocks must come out byte for byte.
#include "oci/digest.h"
#include "server/http_server.h"
#include "server/registry_api.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>

using namespace berth;
using namespace berth::server;
namespace fs = std::filesystem;

namespace {

struct Reply
{
    int status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
};

// One request on its own connection ("Connection: close"), read to the end.
Reply exchange(std::uint16_t port, const std::string &method, const std::string &target,
               const std::string &extraHeaders = {}, const std::string &body = {})
{
    Reply reply;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return reply;
    }
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                          "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\n" + extraHeaders + "\r\n" + body;
    for (std::size_t sent = 0; sent < request.size();) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += static_cast<std::size_t>(n);
    }
    std::string raw;
    char buffer[65536];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        raw.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
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

class HttpServerBodies : public ::testing::TestWithParam<bool>
{
protected:
    void SetUp() override
    {
        m_root =
            fs::temp_directory_path() / ("berth-http-test-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        m_api = std::make_unique<RegistryApi>(m_root, RegistryApi::Options{});
        HttpServer::Options options;
        options.port = 0;
        options.threads = 2;
        options.sendfileOnLoopback = GetParam();
        m_server = std::make_unique<HttpServer>(*m_api, options);
        ASSERT_TRUE(m_server->start().ok());
        // 1 MiB + 123: many 32 KiB blocks and a ragged end.
        std::mt19937 random(7);
        m_blob.resize(1024 * 1024 + 123);
        for (char &c : m_blob)
            c = static_cast<char>(random());
        m_digest = oci::Digest::sha256Of(m_blob).toString();
        const Reply put =
            exchange(m_server->port(), "POST", "/v2/team/app/blobs/uploads/?digest=" + m_digest,
                     "Content-Type: application/octet-stream\r\n", m_blob);
        ASSERT_EQ(put.status, 201) << put.body;
    }
    void TearDown() override
    {
        m_server.reset();
        m_api.reset();
        std::error_code ec;
        fs::remove_all(m_root, ec);
    }
    std::string blobPath() const { return "/v2/team/app/blobs/" + m_digest; }

    fs::path m_root;
    std::unique_ptr<RegistryApi> m_api;
    std::unique_ptr<HttpServer> m_server;
    std::string m_blob;
    std::string m_digest;
};

} // namespace

TEST_P(HttpServerBodies, WholeBlobComesOutByteForByte)
{
    Reply r = exchange(m_server->port(), "GET", blobPath());
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-length"], std::to_string(m_blob.size()));
    EXPECT_EQ(r.headers["docker-content-digest"], m_digest);
    EXPECT_TRUE(r.body == m_blob) << "body differs (" << r.body.size() << " bytes)";
}

TEST_P(HttpServerBodies, RangesComeOutExactly)
{
    // Inside one block, across block edges, the last byte, an open end.
    const std::pair<std::size_t, std::size_t> ranges[] = {
        {0, 0}, {10, 100}, {32767, 32768}, {5000, 700000}, {m_blob.size() - 1, m_blob.size() - 1}};
    for (const auto &[first, last] : ranges) {
        const Reply r =
            exchange(m_server->port(), "GET", blobPath(),
                     "Range: bytes=" + std::to_string(first) + "-" + std::to_string(last) + "\r\n");
        ASSERT_EQ(r.status, 206) << first << "-" << last;
        EXPECT_TRUE(r.body == m_blob.substr(first, last - first + 1)) << first << "-" << last;
    }
    Reply open = exchange(m_server->port(), "GET", blobPath(), "Range: bytes=1000000-\r\n");
    ASSERT_EQ(open.status, 206);
    EXPECT_TRUE(open.body == m_blob.substr(1000000));
}

TEST_P(HttpServerBodies, HeadSendsTheLengthAndNoBody)
{
    Reply r = exchange(m_server->port(), "HEAD", blobPath());
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-length"], std::to_string(m_blob.size()));
    EXPECT_TRUE(r.body.empty());
}

INSTANTIATE_TEST_SUITE_P(CopiedAndSendfile, HttpServerBodies, ::testing::Values(false, true),
                         [](const auto &param) { return param.param ? "Sendfile" : "Copied"; });
