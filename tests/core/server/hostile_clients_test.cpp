// What a hostile or broken client sends over a real socket: framing that
// would smuggle a second request past a proxy, control characters hidden in
// the target, odd ranges, bodies behind a refusal. Each is answered per RFC
// 9110/9112 and the OCI spec, and nothing is stored.
#include "raw_http.h"
#include "test_server.h"

#include "oci/digest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace berth;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

class HostileClients : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_server.start()); }
    std::uint16_t port() const { return m_server.port(); }

    // Upload folders of `repository` left on disk.
    std::size_t uploadsLeft(const std::string &repository) const
    {
        const fs::path uploads =
            m_server.root() / "docker/registry/v2/repositories" / repository / "_uploads";
        std::error_code ec;
        std::size_t n = 0;
        for (fs::directory_iterator it(uploads, ec), end; !ec && it != end; it.increment(ec))
            ++n;
        return n;
    }

    std::string pushBlob(const std::string &repository, const std::string &content)
    {
        const std::string digest = oci::Digest::sha256Of(content).toString();
        const Reply r = exchange(
            port(), "POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, {}, content);
        EXPECT_EQ(r.status, 201) << r.body;
        return digest;
    }

    // Statuses of every answer in a stream (the first parsed, the rest raw).
    static std::vector<int> statuses(const Reply &first)
    {
        std::vector<int> out;
        if (first.status)
            out.push_back(first.status);
        for (auto at = first.body.find("HTTP/1.1 "); at != std::string::npos;
             at = first.body.find("HTTP/1.1 ", at + 1))
            out.push_back(std::stoi(first.body.substr(at + 9, 3)));
        return out;
    }

    TestServer m_server{false};
};

const std::string kSmuggled = "GET /v2/_catalog HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

} // namespace

TEST_F(HostileClients, ContentLengthsThatDisagreeAreRefusedAndNothingIsSmuggled)
{
    // A proxy reading the first length forwards one request; one reading
    // the second sees two. RFC 9112 6.3: a framing error, 400, closed.
    const Reply r =
        roundTrip(port(), "POST /v2/app/blobs/uploads/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Length: 0\r\nContent-Length: " +
                              std::to_string(kSmuggled.size()) + "\r\n\r\n" + kSmuggled);
    EXPECT_EQ(statuses(r), std::vector<int>{400}) << r.body;
    EXPECT_EQ(r.header("connection"), "close");
    EXPECT_EQ(uploadsLeft("app"), 0u);
}

TEST_F(HostileClients, ContentLengthWithTransferEncodingIsRefused)
{
    const Reply r = roundTrip(port(), "POST /v2/app/blobs/uploads/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                                      "0\r\n\r\n" +
                                          kSmuggled);
    EXPECT_EQ(statuses(r), std::vector<int>{400}) << r.body;
    EXPECT_EQ(uploadsLeft("app"), 0u);
}

TEST_F(HostileClients, ControlCharactersInTheTargetAreRefused)
{
    const std::string config = pushBlob("app", "{}");
    const std::string manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        config + R"(","size":2},"layers":[]})";
    ASSERT_EQ(exchange(port(), "PUT", "/v2/app/manifests/latest",
                       "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n", manifest)
                  .status,
              201);
    EXPECT_EQ(exchange(port(), "GET", "/v2/app/manifests/latest").status, 200);
    // Read as a C string, %00 would turn these into "latest" and "app".
    for (const char *target :
         {"/v2/app/manifests/latest%00.bak", "/v2/app%00/tags/list", "/v2/app/manifests/latest%0A",
          "/v2/app/tags/list?n=1%00", "/v2/app/manifests/latest%7f"}) {
        const Reply r = exchange(port(), "GET", target);
        EXPECT_EQ(r.status, 400) << target;
    }
    EXPECT_EQ(exchange(port(), "GET", "/v2/app/manifests/latest").status, 200);
}

TEST_F(HostileClients, RangesAreServedAsRfc9110SaysOrIgnored)
{
    const std::string blob = "0123456789abcdefghij";
    const std::string path = "/v2/app/blobs/" + pushBlob("app", blob);
    const auto get = [&](const std::string &range) {
        return exchange(port(), "GET", path, "Range: " + range + "\r\n");
    };
    const Reply suffix = get("bytes=-5");
    EXPECT_EQ(suffix.status, 206);
    EXPECT_EQ(suffix.body, "fghij");
    EXPECT_EQ(suffix.header("content-range"), "bytes 15-19/20");
    EXPECT_EQ(get("bytes=-50").body, blob); // longer than the blob: all of it
    EXPECT_EQ(get("bytes=-50").status, 206);
    EXPECT_EQ(get("bytes=-0").status, 416);
    EXPECT_EQ(get("bytes=25-").status, 416);
    EXPECT_EQ(get("bytes=5-30").body, blob.substr(5)); // clamped
    // Several ranges, another unit, no range at all: the whole body, never
    // a silent part of what was asked.
    for (const char *ignored : {"bytes=0-1,5-6", "bytes=0-1, 5-6", "BYTES=0-1", "items=0-1",
                                "bytes=abc", "bytes=5-2", "bytes=1-2-3", "bytes=+1-2"}) {
        const Reply r = get(ignored);
        EXPECT_EQ(r.status, 200) << ignored;
        EXPECT_EQ(r.body, blob) << ignored;
    }
}

TEST_F(HostileClients, AMonolithicUploadThatIsRefusedLeavesNoUploadBehind)
{
    const std::string body = "some layer bytes";
    const Reply invalid =
        exchange(port(), "POST", "/v2/app/blobs/uploads/?digest=sha256:zzz", {}, body);
    EXPECT_EQ(invalid.status, 400);
    EXPECT_EQ(errorCode(invalid), "DIGEST_INVALID") << invalid.body;
    const Reply mismatch = exchange(
        port(), "POST",
        "/v2/app/blobs/uploads/?digest=" + oci::Digest::sha256Of("other").toString(), {}, body);
    EXPECT_EQ(mismatch.status, 400);
    EXPECT_EQ(errorCode(mismatch), "DIGEST_INVALID") << mismatch.body;
    EXPECT_EQ(uploadsLeft("app"), 0u);
}

TEST_F(HostileClients, ARefusedBodyTheClientIsStillSendingGetsItsAnswer)
{
    // A manifest just over 4 MiB, sent whole without waiting (no Expect):
    // the 413 must reach the client, not a reset, and the connection goes
    // on to answer the request pipelined after it.
    const std::string big(4 * 1024 * 1024 + 1, ' ');
    const std::string keepAlive = " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const Reply r =
        roundTrip(port(), "PUT /v2/app/manifests/latest" + keepAlive +
                              "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n"
                              "Content-Length: " +
                              std::to_string(big.size()) + "\r\n\r\n" + big + "GET /v2/" +
                              keepAlive + "Connection: close\r\n\r\n");
    EXPECT_EQ(statuses(r), (std::vector<int>{413, 200}));
    EXPECT_EQ(errorCode(r), "SIZE_INVALID");
}
