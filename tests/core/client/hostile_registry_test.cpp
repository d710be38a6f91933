// The client against a scripted peer that misbehaves on purpose: what a
// real registry will not do on demand (redirects to other hosts, rate
// limits, endless bodies, silence, lies about digests, token flows).
#include "support/await.h"
#include "support/scripted_http_server.h"

#include "authenticator.h"
#include "blob_job.h"
#include "list_page_job.h"
#include "manifest_job.h"
#include "ping_job.h"
#include "registry_session.h"

#include <QUrlQuery>

using namespace berth::client;
using berth::test::await;
using berth::test::ScriptedHttpServer;
using berth::test::ScriptedReply;
using berth::test::ScriptedRequest;

namespace {

const QByteArray kEmptyJson = "{}";
const QString kEmptyJsonDigest =
    QStringLiteral("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

RegistryEndpoint endpointFor(const QString &url)
{
    auto endpoint = RegistryEndpoint::fromUserInput(url).value();
    endpoint.retryBaseDelay = std::chrono::milliseconds(1);
    return endpoint;
}

CredentialProvider login(const char *user, const char *password)
{
    return [user, password] {
        return std::optional<Credentials>(
            Credentials{QString::fromLatin1(user), QString::fromLatin1(password)});
    };
}

ScriptedReply json(int status, const QByteArray &body)
{
    return ScriptedReply{status, {{"Content-Type", "application/json"}}, body, 0, false};
}

// A registry's 401 that sends the client to a token server.
ScriptedReply bearerChallenge(const QByteArray &realm, const QByteArray &service)
{
    return ScriptedReply{401,
                         {{"WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"" +
                                                   service + "\",scope=\"repository:a/b:pull\""}},
                         {},
                         0,
                         false};
}

} // namespace

TEST(HostileRegistry, RedirectToAnotherHostNeverCarriesAuthorization)
{
    ScriptedHttpServer *serverPtr = nullptr;
    ScriptedHttpServer server([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/storage/"))
            return ScriptedReply{200, {}, kEmptyJson, 0, false};
        if (r.headers.value("authorization").isEmpty())
            return ScriptedReply{401, {{"WWW-Authenticate", "Basic realm=\"test\""}}, {}, 0, false};
        // Blob storage on "another host": same port, other name.
        return ScriptedReply{
            307,
            {{"Location", serverPtr->urlViaLocalhost().toUtf8() + "/storage/blob"}},
            {},
            0,
            false};
    });
    serverPtr = &server;
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()), login("alice", "pw"));
    const auto result = await(
        session.getBlob(QStringLiteral("a/b"),
                        berth::oci::Digest::parse(kEmptyJsonDigest.toStdString()).value(), 1024),
        &BlobJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    ASSERT_EQ(server.requests().size(), 3);
    EXPECT_TRUE(server.requests()[0].headers.value("authorization").isEmpty());
    EXPECT_TRUE(server.requests()[1].headers.value("authorization").startsWith("Basic "));
    EXPECT_EQ(server.requests()[2].target, QByteArray("/storage/blob"));
    EXPECT_TRUE(server.requests()[2].headers.value("authorization").isEmpty())
        << "Authorization followed a redirect to another host";
}

// Blob storage behind presigned URLs (S3, GCS, Azure): the signature is in
// the query. Neither the request log nor an error the user sees hands it on.
TEST(HostileRegistry, PresignedRedirectSignaturesNeverReachTheLogOrErrors)
{
    const QByteArray signature = "sig-0f9e8d7c6b5a-do-not-log";
    ScriptedHttpServer server([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/storage/ok"))
            return ScriptedReply{200, {}, kEmptyJson, 0, false};
        if (r.target.startsWith("/storage/"))
            return ScriptedReply{403, {}, "<Error>SignatureDoesNotMatch</Error>", 0, false};
        const QByteArray where = r.target.contains(kEmptyJsonDigest.toUtf8()) ? "ok" : "denied";
        return ScriptedReply{307,
                             {{"Location", "/storage/" + where +
                                               "?X-Amz-Credential=AKIA&"
                                               "X-Amz-Signature=" +
                                               signature}},
                             {},
                             0,
                             false};
    });
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()));
    QStringList logged;
    QObject::connect(&session, &RegistrySession::requestLogged, &session,
                     [&](const RequestLogEntry &e) { logged << e.url << e.error; });
    const auto ok = await(
        session.getBlob(QStringLiteral("a/b"),
                        berth::oci::Digest::parse(kEmptyJsonDigest.toStdString()).value(), 1024),
        &BlobJob::finished);
    ASSERT_TRUE(ok && ok->ok()) << ok->error().message.toStdString();
    const auto denied =
        await(session.getBlob(QStringLiteral("a/b"), berth::oci::Digest::sha256Of("other"), 1024),
              &BlobJob::finished);
    ASSERT_TRUE(denied && !denied->ok());
    const QString shown = denied->error().message + denied->error().detail;
    EXPECT_FALSE(shown.contains(QString::fromLatin1(signature))) << shown.toStdString();
    ASSERT_GE(logged.size(), 4);
    const QString log = logged.join(u'\n');
    EXPECT_FALSE(log.contains(QString::fromLatin1(signature))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("/storage/ok?X-Amz-Credential=…&X-Amz-Signature=…")))
        << log.toStdString();
}

TEST(HostileRegistry, RedirectOnSameHostKeepsAuthorizationAndLoopsAreCapped)
{
    ScriptedHttpServer server([](const ScriptedRequest &r) -> ScriptedReply {
        if (r.headers.value("authorization").isEmpty())
            return ScriptedReply{401, {{"WWW-Authenticate", "Basic realm=\"test\""}}, {}, 0, false};
        if (r.target.startsWith("/v2/loop"))
            return ScriptedReply{302, {{"Location", "/v2/loop/again"}}, {}, 0, false};
        if (r.target.startsWith("/v2/a/b/blobs/"))
            return ScriptedReply{302, {{"Location", "/data/blob"}}, {}, 0, false};
        return ScriptedReply{200, {}, kEmptyJson, 0, false};
    });
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()), login("alice", "pw"));
    const auto digest = berth::oci::Digest::parse(kEmptyJsonDigest.toStdString()).value();
    const auto ok = await(session.getBlob(QStringLiteral("a/b"), digest, 1024), &BlobJob::finished);
    ASSERT_TRUE(ok && ok->ok());
    EXPECT_FALSE(server.requests().constLast().headers.value("authorization").isEmpty());

    const auto looped =
        await(session.getBlob(QStringLiteral("loop"), digest, 1024), &BlobJob::finished);
    ASSERT_TRUE(looped && !looped->ok());
    EXPECT_TRUE(looped->error().message.contains(QStringLiteral("redirect")));
}

TEST(HostileRegistry, RateLimitIsRetriedHonouringRetryAfter)
{
    int calls = 0;
    ScriptedHttpServer server([&](const ScriptedRequest &) -> ScriptedReply {
        if (++calls <= 2)
            return ScriptedReply{429, {{"Retry-After", "0"}}, {}, 0, false};
        return ScriptedReply{
            200, {{"Docker-Distribution-Api-Version", "registry/2.0"}}, kEmptyJson, 0, false};
    });
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()));
    const auto result = await(session.ping(), &PingJob::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    EXPECT_EQ(calls, 3);
}

TEST(HostileRegistry, PersistentServerErrorEndsAfterBoundedRetries)
{
    ScriptedHttpServer server([](const ScriptedRequest &) {
        return json(503, R"({"errors":[{"code":"UNAVAILABLE","message":"down for maintenance"}]})");
    });
    ASSERT_TRUE(server.listen());
    auto endpoint = endpointFor(server.urlVia127());
    endpoint.maxRetries = 2;
    RegistrySession session(endpoint);
    const auto result = await(session.ping(), &PingJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(server.requests().size(), 3);
    EXPECT_EQ(result->error().httpStatus, 503);
    EXPECT_TRUE(result->error().message.contains(QStringLiteral("down for maintenance")))
        << result->error().message.toStdString();
}

TEST(HostileRegistry, EndlessBodyIsCutAtTheCap)
{
    ScriptedHttpServer server([](const ScriptedRequest &) {
        ScriptedReply reply = json(200, R"({"repositories":["a","b","c","d","e","f","g","h"],)");
        reply.repeatBodyBytes = 64 * 1024 * 1024;
        return reply;
    });
    ASSERT_TRUE(server.listen());
    auto endpoint = endpointFor(server.urlVia127());
    endpoint.maxJsonBytes = 1024 * 1024;
    RegistrySession session(endpoint);
    const auto result = await(session.listRepositories(), &ListPageJob::finished, 60000);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::TooLarge);
}

TEST(HostileRegistry, SilentServerTimesOut)
{
    ScriptedHttpServer server([](const ScriptedRequest &) {
        return ScriptedReply{200, {}, {}, 0, true};
    });
    ASSERT_TRUE(server.listen());
    auto endpoint = endpointFor(server.urlVia127());
    endpoint.timeout = std::chrono::milliseconds(300);
    RegistrySession session(endpoint);
    const auto result = await(session.ping(), &PingJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::Timeout);
}

TEST(HostileRegistry, LyingDigestHeaderIsDetected)
{
    const QByteArray manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]})";
    ScriptedHttpServer server([&](const ScriptedRequest &) {
        return ScriptedReply{
            200,
            {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"},
             {"Docker-Content-Digest",
              "sha256:1111111111111111111111111111111111111111111111111111111111111111"}},
            manifest,
            0,
            false};
    });
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()));
    const auto result = await(session.getManifest(QStringLiteral("a/b"), QStringLiteral("latest")),
                              &ManifestJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::DigestMismatch);
}

TEST(HostileRegistry, MalformedListsAreTypedErrorsAndBadNamesAreSkipped)
{
    QByteArray body;
    ScriptedHttpServer server([&](const ScriptedRequest &) { return json(200, body); });
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()));
    for (const QByteArray &bad : {QByteArray("{\"repositories\": [\"a\""), QByteArray("[1,2]"),
                                  QByteArray("{\"repositories\": 42}"), QByteArray("\xff\xfe")}) {
        body = bad;
        const auto result = await(session.listRepositories(), &ListPageJob::finished);
        ASSERT_TRUE(result && !result->ok()) << bad.constData();
        EXPECT_EQ(result->error().kind, ClientErrorKind::InvalidResponse) << bad.constData();
    }
    body = R"({"repositories": ["good/one", "../../etc", "UPPER", 7, "ok"]})";
    const auto result = await(session.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(result && result->ok());
    EXPECT_EQ((*result)->items, (QStringList{QStringLiteral("good/one"), QStringLiteral("ok")}));
    EXPECT_EQ((*result)->rejected, 3);
}

TEST(HostileRegistry, NoCatalogIsSaidPlainly)
{
    ScriptedHttpServer server(
        [](const ScriptedRequest &) { return json(404, "404 page not found\n"); });
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()));
    const auto result = await(session.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::CatalogUnavailable);
}

TEST(HostileRegistry, BearerTokenIsFetchedOncePerScopeAndCached)
{
    int tokenRequests = 0;
    QByteArray lastTokenQuery;
    QByteArray lastTokenAuth;
    ScriptedHttpServer *serverPtr = nullptr;
    ScriptedHttpServer server([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/token")) {
            ++tokenRequests;
            lastTokenQuery = r.target;
            lastTokenAuth = r.headers.value("authorization");
            if (lastTokenAuth != "Basic " + QByteArray("bob:pw").toBase64())
                return json(401, R"({"details":"bad credentials"})");
            return json(200, R"({"access_token":"tok-123","expires_in":300})");
        }
        if (r.headers.value("authorization") != "Bearer tok-123") {
            return bearerChallenge(serverPtr->urlVia127().toUtf8() + "/token", "test-svc");
        }
        return json(200, R"({"name":"a/b","tags":["x","y"]})");
    });
    serverPtr = &server;
    ASSERT_TRUE(server.listen());

    RegistrySession session(endpointFor(server.urlVia127()), login("bob", "pw"));
    for (int i = 0; i < 3; ++i) {
        const auto result = await(session.listTags(QStringLiteral("a/b")), &ListPageJob::finished);
        ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
        EXPECT_EQ((*result)->items, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
    }
    EXPECT_EQ(tokenRequests, 1);
    EXPECT_TRUE(lastTokenQuery.contains("service=test-svc"));
    EXPECT_TRUE(lastTokenQuery.contains("scope=repository:a/b:pull") ||
                lastTokenQuery.contains("scope=repository%3Aa%2Fb%3Apull"))
        << lastTokenQuery.constData();

    RegistrySession wrong(endpointFor(server.urlVia127()), login("bob", "wrong"));
    const auto refused = await(wrong.listTags(QStringLiteral("a/b")), &ListPageJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::Unauthorized);
    EXPECT_TRUE(refused->error().message.contains(QStringLiteral("wrong username or password")));
}

TEST(HostileRegistry, IdentityTokenIsExchangedByTheOAuth2RefreshGrant)
{
    // docker keeps an identity token (username "<token>") for registries
    // with OAuth2 token servers: it is exchanged by a POST of a form, never
    // sent as a password. Base64 characters must survive form encoding.
    const QByteArray identity = "id+tok/en=";
    int posts = 0;
    QByteArray lastForm;
    QByteArray lastTokenAuth;
    ScriptedHttpServer *serverPtr = nullptr;
    ScriptedHttpServer server([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/oauth2/token")) {
            if (r.method != "POST")
                return json(405, R"({"error":"unsupported"})");
            ++posts;
            lastForm = r.body;
            lastTokenAuth = r.headers.value("authorization");
            const QUrlQuery form(QString::fromUtf8(r.body));
            if (r.headers.value("content-type") != "application/x-www-form-urlencoded" ||
                form.queryItemValue(QStringLiteral("grant_type")) !=
                    QLatin1String("refresh_token") ||
                form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded) !=
                    QString::fromLatin1(identity))
                return json(400, R"({"error":"invalid_grant"})");
            return json(200, R"({"access_token":"acc-1","refresh_token":"new","expires_in":300})");
        }
        if (r.headers.value("authorization") != "Bearer acc-1") {
            return bearerChallenge(serverPtr->urlVia127().toUtf8() + "/oauth2/token",
                                   "reg.example");
        }
        return json(200, R"({"name":"a/b","tags":["x"]})");
    });
    serverPtr = &server;
    ASSERT_TRUE(server.listen());

    RegistrySession session(endpointFor(server.urlVia127()),
                            login("<token>", identity.constData()));
    for (int i = 0; i < 2; ++i) {
        const auto result = await(session.listTags(QStringLiteral("a/b")), &ListPageJob::finished);
        ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
        EXPECT_EQ((*result)->items, QStringList{QStringLiteral("x")});
    }
    EXPECT_EQ(posts, 1) << "the access token is cached like any other";
    EXPECT_TRUE(lastTokenAuth.isEmpty()) << "the identity token went out as a password too";
    const QUrlQuery form(QString::fromUtf8(lastForm));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("service")), QStringLiteral("reg.example"));
    EXPECT_EQ(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
              QStringLiteral("repository:a/b:pull"));
    EXPECT_FALSE(lastForm.contains("id+tok"))
        << "'+' would arrive as a space: " << lastForm.constData();

    // A dead identity token: said in words, typed as a refused login.
    RegistrySession expired(endpointFor(server.urlVia127()), login("<token>", "expired"));
    const auto refused = await(expired.listTags(QStringLiteral("a/b")), &ListPageJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::Unauthorized);
    EXPECT_TRUE(refused->error().message.contains(QStringLiteral("identity token")))
        << refused->error().message.toStdString();

    // A token server that redirects: the form holds the token, so it is not
    // sent on anywhere (HttpExchange only strips headers on redirects).
    int forwarded = 0;
    ScriptedHttpServer *redirectingPtr = nullptr;
    ScriptedHttpServer redirecting([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/oauth2/token"))
            return ScriptedReply{307, {{"Location", "/elsewhere"}}, {}, 0, false};
        if (r.target.startsWith("/elsewhere")) {
            ++forwarded;
            return json(200, R"({"access_token":"stolen"})");
        }
        return bearerChallenge(redirectingPtr->urlVia127().toUtf8() + "/oauth2/token", "s");
    });
    redirectingPtr = &redirecting;
    ASSERT_TRUE(redirecting.listen());
    RegistrySession redirected(endpointFor(redirecting.urlVia127()),
                               login("<token>", identity.constData()));
    const auto stopped = await(redirected.listTags(QStringLiteral("a/b")), &ListPageJob::finished);
    ASSERT_TRUE(stopped && !stopped->ok());
    EXPECT_EQ(forwarded, 0) << "the identity token followed a redirect";
}

TEST(HostileRegistry, ConcurrentCallsShareOneTokenRequest)
{
    int tokenRequests = 0;
    ScriptedHttpServer *serverPtr = nullptr;
    ScriptedHttpServer server([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/token")) {
            ++tokenRequests;
            return json(200, R"({"token":"t"})");
        }
        if (r.headers.value("authorization") != "Bearer t") {
            return bearerChallenge(serverPtr->urlVia127().toUtf8() + "/token", "s");
        }
        return json(200, R"({"name":"a/b","tags":["x"]})");
    });
    serverPtr = &server;
    ASSERT_TRUE(server.listen());
    RegistrySession session(endpointFor(server.urlVia127()));
    // Learn the scheme first, then fire several calls at once.
    ASSERT_TRUE(await(session.listTags(QStringLiteral("a/b")), &ListPageJob::finished)->ok());
    tokenRequests = 0;
    session.authenticator()->forget({QStringLiteral("repository:a/b:pull")});
    std::vector<ListPageJob *> jobs;
    int done = 0;
    for (int i = 0; i < 5; ++i) {
        auto *job = session.listTags(QStringLiteral("a/b"));
        QObject::connect(job, &ListPageJob::finished, &session,
                         [&](const ClientResult<ListPage> &r) {
                             EXPECT_TRUE(r.ok());
                             ++done;
                         });
    }
    ASSERT_TRUE(berth::test::pollUntil([&] { return done == 5; }));
    EXPECT_EQ(tokenRequests, 1);
}

TEST(HostileRegistry, ASessionDestroyedMidFlightTakesItsJobsAndTokenFetchesAlong)
{
    // Every request hangs: a plain job, one waiting for a token, and the
    // token fetch itself are all in flight when the session goes. Its
    // members die in a fixed order (jobs, authenticator, managers); ASan
    // reports any reply aborted through a manager already gone.
    ScriptedHttpServer *serverPtr = nullptr;
    ScriptedHttpServer server([&](const ScriptedRequest &r) -> ScriptedReply {
        if (r.target.startsWith("/v2/a/b/tags/list") && !r.headers.contains("authorization"))
            return bearerChallenge(serverPtr->urlVia127().toUtf8() + "/token", "svc");
        return ScriptedReply{200, {}, {}, 0, true};
    });
    serverPtr = &server;
    ASSERT_TRUE(server.listen());

    auto session =
        std::make_unique<RegistrySession>(endpointFor(server.urlVia127()), login("bob", "pw"));
    QPointer<PingJob> ping = session->ping();
    QPointer<ListPageJob> tags = session->listTags(QStringLiteral("a/b"), 10);
    QPointer<BlobJob> blob =
        session->getBlob(QStringLiteral("a/b"),
                         berth::oci::Digest::parse(kEmptyJsonDigest.toStdString()).value(), 1024);
    int finishedSignals = 0;
    QObject::connect(ping, &PingJob::finished, &server, [&] { ++finishedSignals; });
    QObject::connect(tags, &ListPageJob::finished, &server, [&] { ++finishedSignals; });
    QObject::connect(blob, &BlobJob::finished, &server, [&] { ++finishedSignals; });
    ASSERT_TRUE(berth::test::pollUntil([&] {
        int tokenRequests = 0;
        for (const ScriptedRequest &r : server.requests())
            tokenRequests += r.target.startsWith("/token") ? 1 : 0;
        return tokenRequests == 1 && server.requests().size() >= 4;
    }));

    session.reset();
    EXPECT_TRUE(ping.isNull());
    EXPECT_TRUE(tags.isNull());
    EXPECT_TRUE(blob.isNull());
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    EXPECT_EQ(finishedSignals, 0) << "a destroyed job must not report";
}
