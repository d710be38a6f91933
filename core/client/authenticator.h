#pragma once

#include "client/auth_challenge.h"
#include "client/client_error.h"
#include "client/credentials.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace berth::client {

class RegistrySession;
class TokenFetch;

// The session's login state: which scheme the registry asked for, the Basic
// header, and Bearer tokens cached per scope set until they expire. One
// token request per scope set is in flight at a time; others wait on it.
class Authenticator : public QObject
{
    Q_OBJECT

public:
    enum class Scheme
    {
        Unknown,
        None,
        Basic,
        Bearer
    };

    Authenticator(RegistrySession *session, CredentialProvider credentials);
    ~Authenticator() override;

    Scheme scheme() const { return m_scheme; }
    QString schemeName() const;
    QUrl realm() const { return m_realm; }
    QString service() const { return m_service; }
    bool hasCredentials() const;

    // The Authorization value to send for `scopes` without a round trip, or
    // an empty array when none is known (yet).
    QByteArray authorizationFor(const QStringList &scopes);

    // True when a token must be fetched before a request for `scopes`.
    bool needsToken(const QStringList &scopes);

    // Learns from a 401's WWW-Authenticate value. Returns the scopes the
    // challenge named (Bearer), or an error when nothing can answer it.
    ClientResult<QStringList> learn(const QByteArray &wwwAuthenticate);

    // Shared in-flight token request for these scopes.
    TokenFetch *fetchToken(const QStringList &scopes);

    // Drops a cached token (after the registry refused it).
    void forget(const QStringList &scopes);

    void markAnonymous() { m_scheme = Scheme::None; }

    // For TokenFetch.
    void storeToken(const QString &key, const QByteArray &token, std::chrono::seconds lifetime);
    std::optional<Credentials> credentials() const;

    static QString scopeKey(const QStringList &scopes);
    static QByteArray basicAuthorization(const Credentials &credentials);

private:
    struct CachedToken
    {
        QByteArray authorization;
        std::chrono::steady_clock::time_point expires;
    };

    RegistrySession *m_session;
    CredentialProvider m_credentials;
    Scheme m_scheme = Scheme::Unknown;
    QUrl m_realm;
    QString m_service;
    QHash<QString, CachedToken> m_tokens;
    QHash<QString, QPointer<TokenFetch>> m_inFlight;
};

} // namespace berth::client
