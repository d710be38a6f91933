// The mirror's upstream client (libcurl) against real docker-registry
// upstreams: anonymous, htpasswd over TLS with the test CA, and Docker's
// token flow with real RS256 JWTs. Only the redirect test uses a scripted
// stand-in: no real registry here redirects blobs to another host.
#include "support/await.h"
#include "support/pki_environment.h"
#include "support/registry_fixture.h"
#include "support/scripted_http_server.h"
#include "support/token_server.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"
#include "protocol/registry_error_body.h"
#include "upstream/upstream_client.h"

#include <QTemporaryDir>

#include <future>

using berth::upstream::BodySink;
using berth::upstream::UpstreamClient;
using berth::upstream::UpstreamRequest;
using berth::upstream::UpstreamResponse;
using berth::upstream::UpstreamSettings;

namespace {

bool pushImage(berth::test::RegistryFixture &registry, const QString &repoAndTag,
               berth::test::ImageTruth &truth)
{
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), 9);
    truth = layout.addImage(QStringLiteral("2024-02-02T02:02:02Z"), QStringLiteral("amd64"),
                            {300000, 2000});
    layout.tag(QStringLiteral("img"), truth.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    return registry.push(dir.path(), QStringLiteral("img"), repoAndTag);
}

UpstreamSettings upstream(const QString &url, const std::string &user = {},
                          const std::string &password = {})
{
    UpstreamSettings settings;
    settings.url = url.toStdString();
    settings.username = user;
    settings.password = password;
    return settings;
}

UpstreamRequest manifestRequest(const std::string &repository, const std::string &reference)
{
    UpstreamRequest r;
    r.path = "/v2/" + repository + "/manifests/" + reference;
    r.scope = "repository:" + repository + ":pull";
    r.headers = {{"Accept", "application/vnd.oci.image.manifest.v1+json"}};
    return r;
}

// fetch() on a thread of its own while this one runs the event loop: the
// token server and the scripted peers live on it.
berth::Result<UpstreamResponse> fetchWhileServing(UpstreamClient &client,
                                                  const UpstreamRequest &request,
                                                  std::string *body = nullptr)
{
    auto future = std::async(std::launch::async, [&client, request, body] {
        const BodySink sink = [body](std::string_view chunk) {
            if (body)
                body->append(chunk);
            return true;
        };
        return client.fetch(request, sink);
    });
    EXPECT_TRUE(berth::test::pollUntil([&future] {
        return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }));
    return future.get();
}

} // namespace

TEST(UpstreamClient, AnonymousManifestHeadAndStreamedBlob)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::ImageTruth image;
    ASSERT_TRUE(pushImage(registry, QStringLiteral("team/app:v1"), image))
        << registry.lastOutput().toStdString();
    UpstreamClient client(upstream(registry.baseUrl()));

    std::string manifest;
    auto r = fetchWhileServing(client, manifestRequest("team/app", "v1"), &manifest);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("docker-content-digest"), image.manifestDigest.toStdString());
    EXPECT_EQ(berth::oci::Digest::sha256Of(manifest).toString(),
              image.manifestDigest.toStdString());

    UpstreamRequest head = manifestRequest("team/app", "v1");
    head.method = "HEAD";
    std::string none;
    r = fetchWhileServing(client, head, &none);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_TRUE(none.empty());

    // The biggest layer arrives in pieces, hashed as it comes.
    const berth::test::LayerTruth &layer = image.layers[0];
    UpstreamRequest blob;
    blob.path = "/v2/team/app/blobs/" + layer.digest.toStdString();
    blob.scope = "repository:team/app:pull";
    berth::oci::DigestHasher hasher;
    int chunks = 0;
    std::int64_t bytes = 0;
    const auto streamed = client.fetch(blob, [&](std::string_view chunk) {
        hasher.update(chunk.data(), chunk.size());
        bytes += static_cast<std::int64_t>(chunk.size());
        ++chunks;
        return true;
    });
    ASSERT_TRUE(streamed.ok()) << streamed.error().message;
    EXPECT_EQ(bytes, layer.size);
    EXPECT_GT(chunks, 1);
    EXPECT_EQ(hasher.finish().toString(), layer.digest.toStdString());

    // A sink that stops stops the transfer.
    const auto stopped = client.fetch(blob, [](std::string_view) { return false; });
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error().code, "UPSTREAM_ABORTED");

    // Unknown content is an answer with the registry's reason.
    r = fetchWhileServing(client, manifestRequest("team/app", "nope"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(berth::protocol::RegistryErrorBody::parse(r->errorBody).code, "MANIFEST_UNKNOWN");
}

TEST(UpstreamClient, HtpasswdOverTlsNeedsTheCaAndTheRightLogin)
{
    berth::test::RegistryFixture::Options options;
    options.htpasswdUser = QStringLiteral("mirror");
    options.htpasswdPassword = QStringLiteral("s3cret");
    options.tlsCertificate = berth::test::pki().serverCert();
    options.tlsKey = berth::test::pki().serverKey();
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::ImageTruth image;
    ASSERT_TRUE(pushImage(registry, QStringLiteral("app:v1"), image))
        << registry.lastOutput().toStdString();

    UpstreamSettings settings = upstream(registry.baseUrl(), "mirror", "s3cret");
    {
        UpstreamClient untrusting(settings); // system CAs only: the test CA is unknown
        const auto r = fetchWhileServing(untrusting, manifestRequest("app", "v1"));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, "UPSTREAM_UNREACHABLE");
    }
    settings.caFile = berth::test::pki().caCert().toStdString();
    UpstreamClient client(settings);
    std::string manifest;
    const auto r = fetchWhileServing(client, manifestRequest("app", "v1"), &manifest);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(berth::oci::Digest::sha256Of(manifest).toString(),
              image.manifestDigest.toStdString());

    settings.password = "wrong";
    UpstreamClient wrong(settings);
    const auto refused = fetchWhileServing(wrong, manifestRequest("app", "v1"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "UPSTREAM_UNAUTHORIZED");
    EXPECT_NE(refused.error().message.find("mirror"), std::string::npos) << refused.error().message;
}

TEST(UpstreamClient, DockerTokenFlowGetsOneTokenPerScopeAndReusesIt)
{
    berth::test::TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    berth::test::RegistryFixture registry(
        berth::test::tokenAuthOptions(tokens.realm(), berth::test::pki().tokenCert()));
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::ImageTruth image;
    // skopeo pushes through the same token server (the event loop serves it).
    auto pushed = std::async(std::launch::async, [&] {
        return pushImage(registry, QStringLiteral("lib/app:v1"), image);
    });
    ASSERT_TRUE(berth::test::pollUntil(
        [&] { return pushed.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
        60000));
    ASSERT_TRUE(pushed.get()) << registry.lastOutput().toStdString();

    UpstreamClient client(upstream(registry.baseUrl(), "bob", "pw"));
    const int before = tokens.requests();
    for (int i = 0; i < 3; ++i) {
        const auto r = fetchWhileServing(client, manifestRequest("lib/app", "v1"));
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->status, 200);
    }
    EXPECT_EQ(tokens.requests() - before, 1); // cached for its scope

    UpstreamClient anonymous(upstream(registry.baseUrl()));
    const auto refused = fetchWhileServing(anonymous, manifestRequest("lib/app", "v1"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "UPSTREAM_UNAUTHORIZED");
}

// Scripted stand-in: a registry whose blob redirects to another host (a
// CDN). The login goes to the registry only.
TEST(UpstreamClient, AuthorizationNeverFollowsARedirectToAnotherHost)
{
    berth::test::ScriptedHttpServer cdn([](const berth::test::ScriptedRequest &) {
        return berth::test::ScriptedReply{200, {}, "blob bytes", 0, false};
    });
    ASSERT_TRUE(cdn.listen());
    const QByteArray location =
        (cdn.urlViaLocalhost() + QStringLiteral("/data?X-Sig=secret")).toUtf8();
    berth::test::ScriptedHttpServer registry([location](const berth::test::ScriptedRequest &r) {
        if (r.headers.value("authorization").isEmpty())
            return berth::test::ScriptedReply{
                401, {{"WWW-Authenticate", R"(Basic realm="r")"}}, {}, 0, false};
        return berth::test::ScriptedReply{307, {{"Location", location}}, {}, 0, false};
    });
    ASSERT_TRUE(registry.listen());
    UpstreamClient client(upstream(registry.urlVia127(), "u", "p"));
    UpstreamRequest blob;
    blob.path = "/v2/a/blobs/sha256:" + std::string(64, 'a');
    std::string body;
    const auto r = fetchWhileServing(client, blob, &body);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(body, "blob bytes");
    ASSERT_EQ(cdn.requests().size(), 1);
    EXPECT_FALSE(cdn.requests()[0].headers.contains("authorization"));
    EXPECT_FALSE(registry.requests().last().headers.value("authorization").isEmpty());
}
