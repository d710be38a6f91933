#include "client/authenticator.h"

#include "client/registry_session.h"
#include "client/token_fetch.h"

#include <algorithm>

namespace berth::client {

Authenticator::Authenticator(RegistrySession *session, CredentialProvider credentials)
    : m_session(session)
    , m_credentials(std::move(credentials))
{
}

Authenticator::~Authenticator() = default;

QString Authenticator::schemeName() const
{
    switch (m_scheme) {
    case Scheme::Unknown:
        return QStringLiteral("unknown");
    case Scheme::None:
        return QStringLiteral("none");
    case Scheme::Basic:
        return QStringLiteral("basic");
    case Scheme::Bearer:
        return QStringLiteral("bearer");
    }
    return {};
}

std::optional<Credentials> Authenticator::credentials() const
{
    if (!m_credentials)
        return std::nullopt;
    auto creds = m_credentials();
    if (creds && creds->username.isEmpty() && creds->secret.isEmpty())
        return std::nullopt;
    return creds;
}

bool Authenticator::hasCredentials() const
{
    return credentials().has_value();
}

QString Authenticator::scopeKey(const QStringList &scopes)
{
    QStringList sorted = scopes;
    sorted.removeDuplicates();
    std::sort(sorted.begin(), sorted.end());
    return sorted.join(QLatin1Char(' '));
}

QByteArray Authenticator::basicAuthorization(const Credentials &credentials)
{
    QByteArray pair = credentials.username.toUtf8();
    pair += ':';
    pair += credentials.secret.toUtf8();
    return QByteArray("Basic ") + pair.toBase64();
}

QByteArray Authenticator::authorizationFor(const QStringList &scopes)
{
    if (m_scheme == Scheme::Basic) {
        const auto creds = credentials();
        if (!creds)
            return {};
        return basicAuthorization(*creds);
    }
    if (m_scheme == Scheme::Bearer) {
        const auto it = m_tokens.constFind(scopeKey(scopes));
        if (it != m_tokens.constEnd() && it->expires > std::chrono::steady_clock::now())
            return it->authorization;
    }
    return {};
}

bool Authenticator::needsToken(const QStringList &scopes)
{
    return m_scheme == Scheme::Bearer && authorizationFor(scopes).isEmpty();
}

ClientResult<QStringList> Authenticator::learn(const QByteArray &wwwAuthenticate)
{
    const QList<AuthChallenge> challenges = AuthChallenge::parse(wwwAuthenticate);
    // Prefer Bearer (scoped, short-lived) over Basic when both are offered.
    const AuthChallenge *bearer = nullptr;
    const AuthChallenge *basic = nullptr;
    for (const AuthChallenge &c : challenges) {
        if (c.isBearer() && !bearer)
            bearer = &c;
        else if (c.isBasic() && !basic)
            basic = &c;
    }
    if (bearer) {
        const QUrl realm(bearer->param(QStringLiteral("realm")), QUrl::StrictMode);
        if (!realm.isValid() || realm.host().isEmpty() ||
            (realm.scheme() != QLatin1String("https") && realm.scheme() != QLatin1String("http"))) {
            return ClientError{
                ClientErrorKind::InvalidResponse,
                tr("The registry asked for a token but named no usable token server."),
                401,
                {},
                bearer->param(QStringLiteral("realm")).left(200)};
        }
        m_scheme = Scheme::Bearer;
        m_realm = realm;
        m_service = bearer->param(QStringLiteral("service"));
        QStringList scopes =
            bearer->param(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        return scopes;
    }
    if (basic) {
        m_scheme = Scheme::Basic;
        return QStringList{};
    }
    return ClientError{
        ClientErrorKind::Unauthorized,
        tr("The registry requires a login Berth does not support (%1).")
            .arg(challenges.isEmpty() ? tr("no challenge") : challenges.first().scheme),
        401,
        {},
        {}};
}

TokenFetch *Authenticator::fetchToken(const QStringList &scopes)
{
    const QString key = scopeKey(scopes);
    if (auto existing = m_inFlight.value(key))
        return existing;
    auto *fetch = new TokenFetch(m_session, this, m_realm, m_service, scopes, key);
    m_inFlight.insert(key, fetch);
    fetch->start();
    return fetch;
}

void Authenticator::forget(const QStringList &scopes)
{
    m_tokens.remove(scopeKey(scopes));
}

void Authenticator::storeToken(const QString &key, const QByteArray &token,
                               std::chrono::seconds lifetime)
{
    // Refresh a little before the server's expiry.
    const auto margin = std::min(std::chrono::seconds(10), lifetime / 4);
    m_tokens.insert(key, CachedToken{QByteArray("Bearer ") + token,
                                     std::chrono::steady_clock::now() + lifetime - margin});
}

} // namespace berth::client
