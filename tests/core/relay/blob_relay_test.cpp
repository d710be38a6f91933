// relay::relayBlob between two real docker-registry 2.8.2 instances: the
// bytes arrive whole and checked, and whatever goes wrong — a damaged
// source, an unknown blob, a wrong size, a cancel — leaves nothing at the
// target. Scripted stand-ins (named as such) only where no real registry
// shows the behaviour: a redirect to another host, and a source that
// stops sending (GatedRelay holding a real registry's answer).
#include "support/await.h"
#include "support/gated_relay.h"
#include "support/registry_fixture.h"
#include "support/scripted_http_server.h"

#include "oci/digest.h"
#include "relay/blob_relay.h"

#include <QDir>
#include <QFile>

#include <curl/curl.h>

#include <future>

using berth::relay::RelayFailure;
using berth::relay::RelayRequest;
using berth::relay::RelayResult;

namespace {

std::size_t keepLocation(char *data, std::size_t size, std::size_t count, void *out)
{
    const std::string line(data, size * count);
    if (line.size() > 9 && strncasecmp(line.c_str(), "location:", 9) == 0) {
        std::string value = line.substr(9);
        value.erase(0, value.find_first_not_of(' '));
        value.erase(value.find_last_not_of("\r\n ") + 1);
        *static_cast<std::string *>(out) = value;
    }
    return size * count;
}

std::size_t dropBody(char *, std::size_t size, std::size_t count, void *)
{
    return size * count;
}

// POST /v2/<repository>/blobs/uploads/ → the upload's absolute URL.
std::string openUpload(const berth::test::RegistryFixture &registry, const std::string &repository)
{
    const std::string base = registry.baseUrl().toStdString();
    std::string location;
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, (base + "/v2/" + repository + "/blobs/uploads/").c_str());
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, keepLocation);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &location);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, dropBody);
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    if (location.rfind("http", 0) != 0)
        location = base + location;
    return location + (location.find('?') == std::string::npos ? "?" : "&");
}

// The status of HEAD /v2/<repository>/blobs/<digest>.
long blobStatus(const berth::test::RegistryFixture &registry, const std::string &repository,
                const std::string &digest)
{
    CURL *curl = curl_easy_init();
    const std::string url =
        registry.baseUrl().toStdString() + "/v2/" + repository + "/blobs/" + digest;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    long status = 0;
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    return status;
}

// relayBlob on a thread of its own while this one runs the event loop (the
// scripted peers and the gated relay live on it).
RelayResult relayWhileServing(const RelayRequest &request, std::atomic<bool> &cancelled,
                              const berth::relay::RelayProgress &progress = {})
{
    auto future = std::async(std::launch::async, [&request, &cancelled, progress] {
        return berth::relay::relayBlob(request, cancelled, progress);
    });
    EXPECT_TRUE(berth::test::pollUntil([&future] {
        return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }));
    return future.get();
}

class BlobRelay : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_source.start()) << m_source.error().toStdString();
        ASSERT_TRUE(m_target.start()) << m_target.error().toStdString();
        QTemporaryDir dir;
        berth::test::OciLayoutWriter layout(dir.path(), 21);
        m_image = layout.addImage(QStringLiteral("2024-03-03T03:03:03Z"), QStringLiteral("amd64"),
                                  {3 * 1024 * 1024 + 17, 4000});
        layout.tag(QStringLiteral("img"), m_image.manifestDigest,
                   QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        layout.save();
        ASSERT_TRUE(m_source.push(dir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
            << m_source.lastOutput().toStdString();
        m_layer = m_image.layers[0];
    }

    RelayRequest request(const std::string &sourceUrl = {})
    {
        RelayRequest r;
        r.digest = m_layer.digest.toStdString();
        r.size = m_layer.size;
        r.source.url = sourceUrl.empty()
                           ? m_source.baseUrl().toStdString() + "/v2/team/app/blobs/" + r.digest
                           : sourceUrl;
        r.target.url = openUpload(m_target, "copied/app") + "digest=" + r.digest;
        r.userAgent = "berth-test";
        r.stallTimeout = std::chrono::seconds(20);
        return r;
    }

    // The layer's file in the source's store (registry:2's layout).
    QString layerFile() const
    {
        const QString hex = m_layer.digest.mid(7);
        return m_source.rootDir() +
               QStringLiteral("/docker/registry/v2/blobs/sha256/%1/%2/data").arg(hex.left(2), hex);
    }

    QByteArray layerBytes() const
    {
        QFile file(layerFile());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The source's copy of the layer is damaged on its disk: same size,
    // one byte changed, and distribution serves it as it is.
    void damageSourceLayer()
    {
        QFile data(layerFile());
        ASSERT_TRUE(data.open(QIODevice::ReadWrite));
        data.seek(m_layer.size / 2);
        const char flipped = static_cast<char>(data.peek(1).at(0) ^ 0x5a);
        data.write(&flipped, 1);
    }

    long targetHas() const
    {
        return blobStatus(m_target, "copied/app", m_layer.digest.toStdString());
    }

    berth::test::RegistryFixture m_source;
    berth::test::RegistryFixture m_target;
    berth::test::ImageTruth m_image;
    berth::test::LayerTruth m_layer;
};

} // namespace

TEST_F(BlobRelay, MovesABlobWholeAndTheTargetHasIt)
{
    std::atomic<bool> cancelled{false};
    std::int64_t lastReported = 0;
    int reports = 0;
    const auto result = berth::relay::relayBlob(request(), cancelled, [&](std::int64_t sent) {
        EXPECT_GE(sent, lastReported);
        lastReported = sent;
        ++reports;
    });
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->bytes, m_layer.size);
    EXPECT_EQ(result->answer.status, 201);
    EXPECT_EQ(lastReported, m_layer.size);
    EXPECT_GT(reports, 1);
    EXPECT_EQ(targetHas(), 200);
    // Both requests are told for the log.
    ASSERT_EQ(result->exchanges.size(), 2u);
    for (const auto &e : result->exchanges) {
        EXPECT_EQ(e.method, e.atTarget ? "PUT" : "GET");
        EXPECT_EQ(e.status, e.atTarget ? 201 : 200);
        EXPECT_EQ(e.bytes, m_layer.size);
        EXPECT_TRUE(e.error.empty());
    }
}

TEST_F(BlobRelay, BytesThatDoNotMatchTheirDigestNeverCompleteTheUpload)
{
    damageSourceLayer();
    std::atomic<bool> cancelled{false};
    const auto result = berth::relay::relayBlob(request(), cancelled);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::DigestMismatch) << result.error().message;
    EXPECT_EQ(result.error().received, m_layer.size);
    EXPECT_EQ(targetHas(), 404);
}

TEST_F(BlobRelay, TheUploadsLastByteWaitsUntilTheSourceEndedAndWasChecked)
{
    // Scripted, both sides: a source that sends every byte of the blob but
    // never says that the body ended (no Content-Length, the connection
    // kept open), and a target that would take any complete body (a real
    // registry checks ?digest= itself, so none shows what the relay holds
    // back); it records a request only once the whole body is in.
    const QByteArray bytes = layerBytes();
    ASSERT_EQ(bytes.size(), m_layer.size);
    berth::test::ScriptedHttpServer endless([&bytes](const berth::test::ScriptedRequest &) {
        berth::test::ScriptedReply reply;
        reply.body = bytes;
        reply.holdOpen = true;
        return reply;
    });
    berth::test::ScriptedHttpServer careless([](const berth::test::ScriptedRequest &) {
        berth::test::ScriptedReply reply;
        reply.status = 201;
        return reply;
    });
    ASSERT_TRUE(endless.listen());
    ASSERT_TRUE(careless.listen());
    RelayRequest r = request(endless.urlVia127().toStdString() + "/blob");
    r.target.url = careless.urlVia127().toStdString() + "/upload?digest=" + r.digest;
    r.stallTimeout = std::chrono::milliseconds(500);
    std::atomic<bool> cancelled{false};
    const auto result = relayWhileServing(r, cancelled);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::Network) << result.error().message;
    EXPECT_EQ(result.error().received, m_layer.size);
    EXPECT_TRUE(careless.requests().isEmpty()) << "the target got the whole body";
}

TEST_F(BlobRelay, AnUnknownBlobIsTheSourcesAnswer)
{
    RelayRequest r = request();
    const std::string unknown = berth::oci::Digest::sha256Of("not there").toString();
    r.source.url = m_source.baseUrl().toStdString() + "/v2/team/app/blobs/" + unknown;
    std::atomic<bool> cancelled{false};
    const auto result = berth::relay::relayBlob(r, cancelled);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::SourceAnswer);
    EXPECT_EQ(result.error().answer.status, 404);
    EXPECT_NE(result.error().answer.body.find("BLOB_UNKNOWN"), std::string::npos)
        << result.error().answer.body;
    EXPECT_EQ(targetHas(), 404);
}

TEST_F(BlobRelay, ASizeOtherThanTheManifestsIsRefused)
{
    RelayRequest r = request();
    r.size += 1;
    std::atomic<bool> cancelled{false};
    const auto result = berth::relay::relayBlob(r, cancelled);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::WrongSize) << result.error().message;
    EXPECT_EQ(targetHas(), 404);
}

TEST_F(BlobRelay, CancelStopsBothSidesAndStoresNothing)
{
    std::atomic<bool> cancelled{false};
    const auto result = berth::relay::relayBlob(request(), cancelled, [&](std::int64_t sent) {
        if (sent > 0)
            cancelled = true;
    });
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::Cancelled);
    EXPECT_LT(result.error().received, m_layer.size);
    EXPECT_EQ(targetHas(), 404);
}

TEST_F(BlobRelay, ASourceThatStopsSendingIsANetworkFailure)
{
    // Scripted: a relay in front of the real source that passes 64 KiB of
    // its answer and holds the rest.
    berth::test::GatedRelay gate(m_source.port());
    ASSERT_TRUE(gate.listen());
    gate.holdAfter(64 * 1024);
    RelayRequest r =
        request(gate.url().toStdString() + "/v2/team/app/blobs/" + m_layer.digest.toStdString());
    r.stallTimeout = std::chrono::milliseconds(300);
    std::atomic<bool> cancelled{false};
    const auto result = relayWhileServing(r, cancelled);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::Network) << result.error().message;
    EXPECT_NE(result.error().message.find("nothing moved"), std::string::npos)
        << result.error().message;
    EXPECT_EQ(targetHas(), 404);
}

TEST_F(BlobRelay, TheLoginStaysWithTheSourceAlongARedirectToAnotherHost)
{
    // Scripted: a blob store behind a redirect (no registry here redirects
    // to another host); 127.0.0.1 and localhost are two origins.
    const QByteArray bytes = layerBytes();
    ASSERT_EQ(bytes.size(), m_layer.size);
    berth::test::ScriptedHttpServer *server = nullptr;
    berth::test::ScriptedHttpServer peer([&](const berth::test::ScriptedRequest &request) {
        berth::test::ScriptedReply reply;
        if (request.target.startsWith("/v2/")) {
            reply.status = 307;
            reply.headers.append({"Location", (server->urlViaLocalhost() +
                                               QStringLiteral("/store/blob?X-Sig=secret"))
                                                  .toUtf8()});
            return reply;
        }
        reply.body = bytes;
        return reply;
    });
    server = &peer;
    ASSERT_TRUE(peer.listen());
    RelayRequest r = request(peer.urlVia127().toStdString() + "/v2/team/app/blobs/" +
                             m_layer.digest.toStdString());
    r.source.authorization = "Bearer source-token";
    std::atomic<bool> cancelled{false};
    const auto result = relayWhileServing(r, cancelled);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(targetHas(), 200);
    ASSERT_EQ(peer.requests().size(), 2);
    EXPECT_EQ(peer.requests().at(0).headers.value("authorization"), "Bearer source-token");
    EXPECT_FALSE(peer.requests().at(1).headers.contains("authorization"));
    ASSERT_EQ(result->exchanges.size(), 3u); // GET, GET along the redirect, PUT
    EXPECT_EQ(result->exchanges.at(0).status, 307);
}

TEST_F(BlobRelay, RedirectsWithoutEndAreRefused)
{
    // Scripted: a source that redirects to itself for ever.
    berth::test::ScriptedHttpServer *server = nullptr;
    berth::test::ScriptedHttpServer peer([&](const berth::test::ScriptedRequest &) {
        berth::test::ScriptedReply reply;
        reply.status = 302;
        reply.headers.append(
            {"Location", (server->urlVia127() + QStringLiteral("/again")).toUtf8()});
        return reply;
    });
    server = &peer;
    ASSERT_TRUE(peer.listen());
    RelayRequest r = request(peer.urlVia127().toStdString() + "/start");
    r.maxRedirects = 3;
    std::atomic<bool> cancelled{false};
    const auto result = relayWhileServing(r, cancelled);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, RelayFailure::Redirect) << result.error().message;
    EXPECT_EQ(peer.requests().size(), 4);
    EXPECT_EQ(targetHas(), 404);
}
