// The request threads never wait for the disk: a write or fsync stuck in
// the filesystem (berth-test-fs, a FUSE stand-in for a stalled disk) holds
// a worker or suspends its own connection, while every other client is
// answered. With one request thread, any wait on it would stop them all.

#include "raw_http.h"

#include "server/http_server.h"
#include "server/registry_api.h"

#include "oci/digest.h"
#include "support/temp_dir.h"
#include "support/test_fs_mount.h"

#include <gtest/gtest.h>

#include <linux/tcp.h>
#include <netinet/in.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace berth;
using namespace berth::test;

namespace {

const std::string kConfig =
    R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";

std::string manifestFor(const std::string &config, const std::string &note)
{
    return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
           R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
           oci::Digest::sha256Of(config).toString() + R"(","size":)" +
           std::to_string(config.size()) + R"(},"layers":[],"annotations":{"note":")" + note +
           R"("}})";
}

Reply putManifest(std::uint16_t port, const std::string &tag, const std::string &manifest)
{
    return exchange(port, "PUT", "/v2/app/manifests/" + tag,
                    "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n", manifest);
}

// A request sent on its own thread (its answer waits for the disk);
// joined, with its answer, when the test asks or ends.
class Pending
{
public:
    template <typename F>
    explicit Pending(F send)
        : m_thread([this, send] { m_reply = send(); })
    {
    }
    ~Pending()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    Reply wait()
    {
        m_thread.join();
        return m_reply;
    }

private:
    Reply m_reply;
    std::thread m_thread;
};

class HttpServerThreads : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_fs = std::make_unique<TestFsMount>(BERTH_TEST_FS_BINARY, m_backing.path(),
                                             m_mountPoint.path());
        ASSERT_TRUE(m_fs->mounted()) << "berth-test-fs did not mount (needs /dev/fuse)";
        m_api = std::make_unique<server::RegistryApi>(m_fs->path() / "store",
                                                      server::RegistryApi::Options{});
        server::HttpServer::Options options;
        options.port = 0;
        options.threads = 1; // one request thread: a wait on it stops everyone
        m_server = std::make_unique<server::HttpServer>(*m_api, options);
        ASSERT_TRUE(m_server->start().ok());
        const std::string digest = oci::Digest::sha256Of(kConfig).toString();
        ASSERT_EQ(
            exchange(port(), "POST", "/v2/app/blobs/uploads/?digest=" + digest, {}, kConfig).status,
            201);
        ASSERT_EQ(putManifest(port(), "latest", manifestFor(kConfig, "first")).status, 201);
    }
    void TearDown() override
    {
        if (m_fs)
            m_fs->release();
    }

    std::uint16_t port() const { return m_server->port(); }

    // Waits (bounded) until at least `n` calls are stuck in the filesystem.
    bool stuckCalls(int n) const
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (m_fs->stalled() < n && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return m_fs->stalled() >= n;
    }

    void expectOthersAnswered()
    {
        EXPECT_EQ(exchange(port(), "GET", "/v2/").status, 200);
        const Reply manifest = exchange(port(), "GET", "/v2/app/manifests/latest");
        EXPECT_EQ(manifest.status, 200);
        EXPECT_NE(manifest.body.find("first"), std::string::npos);
        EXPECT_GE(m_fs->stalled(), 1) << "answered only after the disk went on";
    }

    TempDir m_backing;
    TempDir m_mountPoint;
    std::unique_ptr<TestFsMount> m_fs; // outlives the server: stopped first
    std::unique_ptr<server::RegistryApi> m_api;
    std::unique_ptr<server::HttpServer> m_server;
};

TEST_F(HttpServerThreads, AStuckManifestWriteStopsNoOtherClient)
{
    // 50 clients trickle upload bodies and keep their connections.
    std::vector<ScopedSocket> tricklers;
    for (int i = 0; i < 50; ++i) {
        const Reply started = exchange(port(), "POST", "/v2/app/blobs/uploads/");
        ASSERT_EQ(started.status, 202);
        tricklers.emplace_back(port());
        ASSERT_TRUE(tricklers.back().sendAll("PATCH " + started.header("location") +
                                             " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                             "Content-Length: 1000\r\n\r\n0123456789"));
    }
    ASSERT_TRUE(m_fs->stall());
    Pending put(
        [port = port()] { return putManifest(port, "next", manifestFor(kConfig, "next")); });
    ASSERT_TRUE(stuckCalls(1)) << "the manifest's write never reached the filesystem";
    expectOthersAnswered();
    for (const ScopedSocket &client : tricklers)
        EXPECT_TRUE(client.sendAll("0123456789"));
    EXPECT_EQ(exchange(port(), "GET", "/v2/app/tags/list").status, 200);
    ASSERT_TRUE(m_fs->release());
    EXPECT_EQ(put.wait().status, 201);
    EXPECT_EQ(exchange(port(), "GET", "/v2/app/manifests/next").status, 200);
}

TEST_F(HttpServerThreads, AnUploadWhoseDiskStallsWaitsAloneAndCompletesIntact)
{
    // 32 MiB: far more than the writer's blocks and the socket buffers
    // hold, so the upload must wait for the stuck disk — with its
    // connection, not the request thread.
    std::string blob(32 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < blob.size(); ++i)
        blob[i] = static_cast<char>((i * 2654435761u) >> 13);
    const std::string digest = oci::Digest::sha256Of(blob).toString();
    const Reply started = exchange(port(), "POST", "/v2/app/blobs/uploads/");
    ASSERT_EQ(started.status, 202);
    ASSERT_TRUE(m_fs->stall()); // the upload's first block write sticks
    const ScopedSocket uploader(port());
    ASSERT_TRUE(uploader.valid());
    Pending upload([&uploader, &blob, location = started.header("location") + "?digest=" + digest] {
        uploader.sendAll(requestText("PUT", location, {}, blob));
        return readReply(uploader);
    });
    ASSERT_TRUE(stuckCalls(1)) << "the upload's write never reached the filesystem";
    // The server has stopped reading the upload when it advertises a zero
    // window: its blocks are full, and the old code's request thread would
    // now be waiting for the disk.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    tcp_info info{};
    socklen_t length = sizeof info;
    while (std::chrono::steady_clock::now() < deadline &&
           (::getsockopt(uploader.fd(), IPPROTO_TCP, TCP_INFO, &info, &length) != 0 ||
            info.tcpi_snd_wnd != 0))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(info.tcpi_snd_wnd, 0u) << "the server never stopped reading the upload";
    expectOthersAnswered();
    ASSERT_TRUE(m_fs->release());
    const Reply done = upload.wait();
    EXPECT_EQ(done.status, 201);
    const Reply back = exchange(port(), "GET", "/v2/app/blobs/" + digest);
    EXPECT_EQ(back.status, 200);
    EXPECT_TRUE(back.body == blob) << "the blob came back different";
}

} // namespace
