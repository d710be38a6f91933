// HttpServer's blob bodies over real sockets, both ways they leave: copied in
// 32 KiB blocks (loopback clients) and sendfile (everyone else; forced here
// with sendfileOnLoopback). Whole blobs, ranges, HEAD and a blob that spans
// many blocks must come out byte for byte.
#include "raw_http.h"
#include "test_server.h"

#include "oci/digest.h"

#include <algorithm>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

class HttpServerBodies : public ::testing::TestWithParam<bool>
{
protected:
    void SetUp() override
    {
        m_server = std::make_unique<TestServer>(GetParam());
        ASSERT_TRUE(m_server->start());
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
    std::string blobPath() const { return "/v2/team/app/blobs/" + m_digest; }

    std::unique_ptr<TestServer> m_server;
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

// Refusals reach the client over a real connection: libmicrohttpd can only
// answer after the request head or after the whole body, so an answer known
// from the head goes out at once (without waiting for the body) and one found
// mid-body waits until the body is read. Both used to drop the connection
// without any answer (the conformance suite's out-of-order chunk checks).
class HttpServerRefusals : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_server.start()); }
    std::uint16_t port() const { return m_server.port(); }

    TestServer m_server{false};
};

TEST_F(HttpServerRefusals, OutOfOrderAndRepeatedChunksGet416AndTheUploadGoesOn)
{
    const Reply started = exchange(port(), "POST", "/v2/app/blobs/uploads/");
    ASSERT_EQ(started.status, 202);
    const std::string location = started.headers.at("location");
    const std::string first = "0123456789abcdefghijkl"; // 22 bytes
    const std::string second = "the rest of the blob";
    const auto patch = [&](const std::string &range, const std::string &chunk) {
        return exchange(
            port(), "PATCH", location,
            "Content-Type: application/octet-stream\r\nContent-Range: " + range + "\r\n", chunk);
    };

    const Reply ahead = patch("22-41", second); // nothing written yet
    EXPECT_EQ(ahead.status, 416);
    EXPECT_EQ(errorCode(ahead), "BLOB_UPLOAD_INVALID") << ahead.body;
    ASSERT_EQ(patch("0-21", first).status, 202);
    Reply again = patch("0-21", first); // a retry of a chunk already taken
    EXPECT_EQ(again.status, 416);
    EXPECT_EQ(again.headers["range"], "0-21");
    ASSERT_EQ(patch("22-41", second).status, 202);

    const std::string digest = oci::Digest::sha256Of(first + second).toString();
    const Reply closed = exchange(port(), "PUT", location + "?digest=" + digest);
    ASSERT_EQ(closed.status, 201) << closed.body;
    EXPECT_EQ(exchange(port(), "GET", "/v2/app/blobs/" + digest).body, first + second);
}

TEST_F(HttpServerRefusals, AnAnswerKnownFromTheHeadDoesNotWaitForTheBody)
{
    // Heads that promise a body which never comes: only an answer given from
    // the head alone arrives (the client's 20 s deadline fails the rest).
    // The client waits for "100 Continue" before it sends a body, as curl
    // does for large ones; without it, a body over 16 MiB is not waited for.
    const auto headOnly = [&](const std::string &method, const std::string &target,
                              std::size_t length, const std::string &extra = {}) {
        return roundTrip(port(), method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                     "Content-Length: " + std::to_string(length) + "\r\n" + extra +
                                     "Expect: 100-continue\r\n\r\n");
    };
    const Reply tooLarge = headOnly("PUT", "/v2/app/manifests/latest", 5 * 1024 * 1024,
                                    "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n");
    EXPECT_EQ(tooLarge.status, 413);
    EXPECT_EQ(errorCode(tooLarge), "SIZE_INVALID");
    const Reply badName = headOnly("POST", "/v2/UPPER/blobs/uploads/", 10 * 1024 * 1024);
    EXPECT_EQ(badName.status, 400);
    EXPECT_EQ(errorCode(badName), "NAME_INVALID");
    const Reply location = exchange(port(), "POST", "/v2/app/blobs/uploads/");
    ASSERT_EQ(location.status, 202);
    const Reply outOfOrder = headOnly("PATCH", location.headers.at("location"), 10 * 1024 * 1024,
                                      "Content-Range: 5-10485764\r\n");
    EXPECT_EQ(outOfOrder.status, 416);
    const Reply huge = roundTrip(port(), "PUT /v2/app/manifests/latest HTTP/1.1\r\n"
                                         "Host: 127.0.0.1\r\nContent-Length: 33554432\r\n\r\n");
    EXPECT_EQ(huge.status, 413);
}

TEST_F(HttpServerRefusals, AManifestFoundTooLargeMidBodyIsStillAnswered)
{
    // Chunked: the size shows only as the body streams in.
    const Reply huge = chunkedExchange(port(), "PUT", "/v2/app/manifests/latest",
                                       std::string(5 * 1024 * 1024, ' '));
    EXPECT_EQ(huge.status, 413);
    EXPECT_EQ(errorCode(huge), "SIZE_INVALID");
    EXPECT_EQ(exchange(port(), "GET", "/v2/app/manifests/latest").status, 404);
}

TEST_F(HttpServerRefusals, ASmallRefusedBodyLeavesTheConnectionOpen)
{
    // Clients reuse connections (Go's, skopeo's, wrk): a refusal of a small
    // chunk and every plain request keep theirs, so the request after them
    // on the same connection is answered too.
    const Reply started = exchange(port(), "POST", "/v2/app/blobs/uploads/");
    ASSERT_EQ(started.status, 202);
    const std::string location = started.headers.at("location");
    const std::string chunk = "0123456789";
    const std::string keepAlive = " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const std::string pipelined = "GET /v2/" + keepAlive + "\r\n" + //
                                  "PATCH " + location + keepAlive +
                                  "Content-Range: 5-14\r\nContent-Length: " +             //
                                  std::to_string(chunk.size()) + "\r\n\r\n" + chunk +     //
                                  "GET /v2/app/manifests/.INVALID" + keepAlive + "\r\n" + //
                                  "GET /v2/app/tags/list" + keepAlive + "Connection: close\r\n\r\n";
    const Reply all = roundTrip(port(), pipelined);
    // roundTrip parses the first answer; the rest of the stream holds the others.
    EXPECT_EQ(all.status, 200);
    std::vector<int> statuses;
    const std::string raw = all.body;
    for (auto at = raw.find("HTTP/1.1 "); at != std::string::npos;
         at = raw.find("HTTP/1.1 ", at + 1))
        statuses.push_back(std::stoi(raw.substr(at + 9, 3)));
    EXPECT_EQ(statuses, (std::vector<int>{416, 404, 404})) << raw;
}

TEST(HttpServerDescriptors, AClientThatLeavesBeforeItsAnswerLeavesNoBlobOpen)
{
    // A blob GET opens the blob with the request head. One that promises a
    // small body and never sends it gets no answer; when its connection ends
    // (the client leaves, or the idle timeout cuts it) the blob's descriptor
    // must be closed too. The clients hold their connections until every
    // head has been read, so each descriptor is seen open before it must go.
    TestServer server(false, {}, 2);
    ASSERT_TRUE(server.start());
    const std::string blob = "a small blob";
    const std::string digest = oci::Digest::sha256Of(blob).toString();
    ASSERT_EQ(
        exchange(server.port(), "POST", "/v2/app/blobs/uploads/?digest=" + digest, {}, blob).status,
        201);
    const auto blobsOpen = [] {
        std::size_t n = 0;
        for (const auto &entry : fs::directory_iterator("/proc/self/fd")) {
            std::error_code ec;
            const auto target = fs::read_symlink(entry.path(), ec).string();
            n += target.find("/blobs/sha256/") != std::string::npos ? 1 : 0;
        }
        return n;
    };
    ASSERT_EQ(blobsOpen(), 0u);
    constexpr std::size_t kClients = 10;
    std::vector<ScopedSocket> clients;
    for (std::size_t i = 0; i < kClients; ++i) {
        clients.emplace_back(server.port());
        ASSERT_TRUE(clients.back().valid());
        const std::string head = "GET /v2/app/blobs/" + digest +
                                 " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n";
        ASSERT_TRUE(clients.back().sendAll(head));
    }
    // Polled with deadlines far past the 2 s idle timeout: on time they
    // wait for the server, never for a clock.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (blobsOpen() < kClients && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(blobsOpen(), kClients) << "every head is read while its client waits";
    clients.erase(clients.begin() + kClients / 2, clients.end()); // the rest wait for the timeout
    while (blobsOpen() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(blobsOpen(), 0u) << "blob descriptors outlived their connections";
}
