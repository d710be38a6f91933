#pragma once

#include "support/registry_fixture.h"
#include "support/scripted_http_server.h"
#include "support/token_signer.h"

#include <QStringList>

namespace berth::test {

// A Docker token server (the token spec's flow, as Docker Hub's): Basic
// login bob:pw, grants the scopes asked for (minus `denied`), signs real
// RS256 JWTs with the test key that docker-registry's auth.token trusts.
// With `anonymousPull`, a request without a login gets a token too, for
// the pull actions of the scopes asked for only (anonymous browsing).
class TokenServer
{
public:
    TokenServer(const QString &key, const QString &cert);
    bool ok() const { return m_ok; }
    QString realm() const { return m_server.urlVia127() + QStringLiteral("/token"); }
    int requests() const { return static_cast<int>(m_server.requests().size()); }
    QStringList denied;
    bool anonymousPull = false;

private:
    ScriptedReply handle(const ScriptedRequest &r);

    TokenSigner m_signer;
    ScriptedHttpServer m_server;
    bool m_ok = false;
};

// A docker-registry with auth.token: tokens from `realm`, signed by the key
// of `trustedCert`'s pair; skopeo pushes log in as bob.
inline RegistryFixture::Options tokenAuthOptions(const QString &realm, const QString &trustedCert)
{
    RegistryFixture::Options options;
    options.tokenRealm = realm;
    options.tokenService = QStringLiteral("berth-test-registry");
    options.tokenIssuer = QStringLiteral("berth-test-issuer");
    options.tokenRootCertBundle = trustedCert;
    options.pushCredentials = QStringLiteral("bob:pw");
    return options;
}

} // namespace berth::test
