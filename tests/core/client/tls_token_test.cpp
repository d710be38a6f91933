// TLS and Docker-token auth against a real docker-registry: a test CA, and a
// token server started here that signs real RS256 JWTs the registry verifies.
#include "support/await.h"
#include "support/pki_environment.h"
#include "support/registry_fixture.h"
#include "support/scripted_http_server.h"
#include "support/token_server.h"

#include "delete_tag_job.h"
#include "image_job.h"
#include "list_page_job.h"
#include "ping_job.h"
#include "registry_session.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace berth::client;
using berth::test::await;
using berth::test::TokenServer;

namespace {

CredentialProvider login(const QString &user, const QString &password)
{
    return [user, password] {
        return std::optional<Credentials>(Credentials{user, password});
    };
}

// docker-registry with auth.token trusting the test signing certificate.
berth::test::RegistryFixture::Options tokenAuthOptions(const QString &realm)
{
    return berth::test::tokenAuthOptions(realm, berth::test::pki().tokenCert());
}

bool pushOneImage(berth::test::RegistryFixture &registry, const QString &repoAndTag,
                  berth::test::ImageTruth *truth = nullptr)
{
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), 5);
    const auto image = layout.addImage(QStringLiteral("2024-02-02T02:02:02Z"),
                                       QStringLiteral("amd64"), {1000, 2000});
    layout.tag(QStringLiteral("img"), image.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    if (truth)
        *truth = image;
    return registry.push(dir.path(), QStringLiteral("img"), repoAndTag);
}

} // namespace

TEST(Tls, VerifiesWithCustomCaRefusesUnknownAuthorityAndAllowsExplicitInsecure)
{
    berth::test::RegistryFixture::Options options;
    options.tlsCertificate = berth::test::pki().serverCert();
    options.tlsKey = berth::test::pki().serverKey();
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    auto endpoint = RegistryEndpoint::fromUserInput(registry.baseUrl()).value();
    endpoint.dockerCertsDir.clear();

    RegistrySession untrusted(endpoint);
    const auto refused = await(untrusted.ping(), &PingJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::Tls);
    EXPECT_TRUE(refused->error().message.contains(QStringLiteral("unknown authority")))
        << refused->error().message.toStdString();

    auto withCa = endpoint;
    withCa.tlsMode = TlsMode::CustomCa;
    withCa.caFile = berth::test::pki().caCert();
    RegistrySession trusted(withCa);
    const auto ok = await(trusted.ping(), &PingJob::finished);
    ASSERT_TRUE(ok && ok->ok()) << ok->error().message.toStdString();
    EXPECT_EQ((*ok)->apiVersion, QStringLiteral("registry/2.0"));
    EXPECT_TRUE((*ok)->tlsSummary.contains(QStringLiteral("Berth Test CA")))
        << (*ok)->tlsSummary.toStdString();

    auto insecure = endpoint;
    insecure.tlsMode = TlsMode::Insecure;
    RegistrySession unchecked(insecure);
    const auto accepted = await(unchecked.ping(), &PingJob::finished);
    ASSERT_TRUE(accepted && accepted->ok()) << accepted->error().message.toStdString();

    // Like docker: <certs.d>/<host:port>/ca.crt is trusted for that registry.
    QTemporaryDir certsD;
    QDir().mkpath(certsD.path() + QLatin1Char('/') + registry.hostPort());
    ASSERT_TRUE(QFile::copy(berth::test::pki().caCert(), certsD.path() + QLatin1Char('/') +
                                                             registry.hostPort() +
                                                             QStringLiteral("/ca.crt")));
    auto dockerStyle = endpoint;
    dockerStyle.dockerCertsDir = certsD.path();
    RegistrySession viaCertsD(dockerStyle);
    const auto viaDocker = await(viaCertsD.ping(), &PingJob::finished);
    ASSERT_TRUE(viaDocker && viaDocker->ok()) << viaDocker->error().message.toStdString();

    // Plain HTTP to the HTTPS port: said in words.
    auto plain =
        RegistryEndpoint::fromUserInput(QStringLiteral("http://") + registry.hostPort()).value();
    RegistrySession wrongScheme(plain);
    const auto mismatch = await(wrongScheme.ping(), &PingJob::finished);
    ASSERT_TRUE(mismatch && !mismatch->ok());
    EXPECT_TRUE(mismatch->error().message.contains(QStringLiteral("speaks HTTPS")))
        << mismatch->error().message.toStdString();
}

TEST(TokenAuth, RealJwtFlowListsDescribesAndDeletesWithScopedTokens)
{
    TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    auto options = tokenAuthOptions(tokens.realm());
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    berth::test::ImageTruth image;
    ASSERT_TRUE(pushOneImage(registry, QStringLiteral("team/app:v1"), &image))
        << registry.lastOutput().toStdString();
    ASSERT_TRUE(pushOneImage(registry, QStringLiteral("team/app:v1-copy")))
        << registry.lastOutput().toStdString();

    const auto endpoint = RegistryEndpoint::fromUserInput(registry.baseUrl()).value();
    RegistrySession session(endpoint, login(QStringLiteral("bob"), QStringLiteral("pw")));
    const auto ping = await(session.ping(), &PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();
    EXPECT_EQ((*ping)->authScheme, QStringLiteral("bearer"));
    EXPECT_TRUE((*ping)->loggedIn);

    const auto catalog = await(session.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(catalog && catalog->ok()) << catalog->error().message.toStdString();
    EXPECT_EQ((*catalog)->items, QStringList{QStringLiteral("team/app")});

    const int before = tokens.requests();
    const auto described = await(session.describe(QStringLiteral("team/app"), QStringLiteral("v1")),
                                 &ImageJob::finished);
    ASSERT_TRUE(described && described->ok()) << described->error().message.toStdString();
    EXPECT_EQ((*described)->size, image.size);
    // A second call with the same scope reuses the cached token.
    const auto again =
        await(session.describe(QStringLiteral("team/app"), QStringLiteral("v1-copy")),
              &ImageJob::finished);
    ASSERT_TRUE(again && again->ok());
    EXPECT_EQ(tokens.requests(), before + 1);

    // Tag-only delete needs push and delete scopes: the token flow provides them.
    const auto deleted = await(
        session.deleteTag(QStringLiteral("team/app"), QStringLiteral("v1"),
                          berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
        &DeleteTagJob::finished);
    ASSERT_TRUE(deleted && deleted->ok()) << deleted->error().message.toStdString();
    const auto tags = await(session.listTags(QStringLiteral("team/app")), &ListPageJob::finished);
    ASSERT_TRUE(tags && tags->ok());
    EXPECT_EQ((*tags)->items, QStringList{QStringLiteral("v1-copy")});

    RegistrySession wrong(endpoint, login(QStringLiteral("bob"), QStringLiteral("nope")));
    const auto refused = await(wrong.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::Unauthorized);
}

TEST(TokenAuth, RegistryRefusesTokensSignedByAnotherKey)
{
    TokenServer rogue(berth::test::pki().rogueKey(), berth::test::pki().rogueCert());
    ASSERT_TRUE(rogue.ok());
    auto options = tokenAuthOptions(rogue.realm()); // trusts the real signing key only
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    RegistrySession session(RegistryEndpoint::fromUserInput(registry.baseUrl()).value(),
                            login(QStringLiteral("bob"), QStringLiteral("pw")));
    const auto result = await(session.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::Unauthorized);
}

TEST(TokenAuth, CatalogScopeDeniedIsReportedAsNoCatalog)
{
    TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    tokens.denied = {QStringLiteral("registry:catalog:*")};
    auto options = tokenAuthOptions(tokens.realm());
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    RegistrySession session(RegistryEndpoint::fromUserInput(registry.baseUrl()).value(),
                            login(QStringLiteral("bob"), QStringLiteral("pw")));
    const auto result = await(session.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, ClientErrorKind::CatalogUnavailable)
        << result->error().message.toStdString();
}
