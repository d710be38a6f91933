#include "client/token_fetch.h"

#include "client/authenticator.h"
#include "client/http_exchange.h"
#include "client/registry_error_body.h"
#include "client/registry_session.h"
#include "protocol/token_response.h"

#include <QHostAddress>
#include <QUrlQuery>

namespace berth::client {

namespace {

constexpr qint64 kMaxTokenResponse = 256 * 1024;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

} // namespace

TokenFetch::TokenFetch(RegistrySession *session, Authenticator *auth, QUrl realm, QString service,
                       QStringList scopes, QString cacheKey)
    : QObject(auth)
    , m_session(session)
    , m_auth(auth)
    , m_realm(std::move(realm))
    , m_service(std::move(service))
    , m_scopes(std::move(scopes))
    , m_cacheKey(std::move(cacheKey))
{
}

void TokenFetch::start()
{
    const auto creds = m_auth->credentials();
    m_identityToken = creds && creds->isIdentityToken();
    QUrl url = m_realm;
    HttpRequestSpec spec;
    spec.auth = HttpRequestSpec::Auth::None;
    spec.maxBodyBytes = kMaxTokenResponse;
    if (m_identityToken) {
        // OAuth2 refresh-token grant (RFC 6749 §6; docker's identity tokens):
        // scopes space-separated, every value percent-encoded ('+' included).
        QByteArray form;
        const auto field = [&form](const char *name, const QString &value) {
            if (!form.isEmpty())
                form += '&';
            form += name;
            form += '=';
            form += QUrl::toPercentEncoding(value);
        };
        field("grant_type", QStringLiteral("refresh_token"));
        field("refresh_token", creds->secret);
        if (!m_service.isEmpty())
            field("service", m_service);
        if (!m_scopes.isEmpty())
            field("scope", m_scopes.join(QLatin1Char(' ')));
        field("client_id", QStringLiteral("berth"));
        spec.method = "POST";
        spec.body = form;
        spec.followRedirects = false; // the body holds the token: it goes nowhere else
        spec.addHeader(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    } else {
        QUrlQuery query(url);
        if (!m_service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), m_service);
        for (const QString &scope : std::as_const(m_scopes))
            query.addQueryItem(QStringLiteral("scope"), scope);
        url.setQuery(query);
    }
    spec.url = url;
    if (creds) {
        // A password never travels in clear text to a machine other than this one.
        if (url.scheme() != QLatin1String("https") && !isLoopbackHost(url.host())) {
            // Deferred so the caller can connect to finished() first.
            QMetaObject::invokeMethod(
                this,
                [this, url] {
                    finish(ClientError{ClientErrorKind::Tls,
                                       tr("The token server %1 is plain HTTP; Berth "
                                          "will not send your password to it.")
                                           .arg(url.host()),
                                       0,
                                       {},
                                       {}});
                },
                Qt::QueuedConnection);
            return;
        }
        if (!m_identityToken)
            spec.addHeader(QByteArray("Authorization"), Authenticator::basicAuthorization(*creds));
    }
    auto *exchange = m_session->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this, &TokenFetch::onResponse);
    exchange->start();
}

void TokenFetch::onResponse(const ClientResult<HttpReply> &result)
{
    if (!result.ok()) {
        ClientError error = result.error();
        error.message =
            tr("Could not reach the token server %1: %2").arg(m_realm.host(), error.message);
        finish(error);
        return;
    }
    const HttpReply &response = result.value();
    if (m_identityToken && (response.status == 400 || response.status == 401)) {
        // OAuth2 errors (RFC 6749 §5.2): a dead refresh token is
        // invalid_grant; other codes mean the server takes no such grant.
        const QString code = QString::fromStdString(protocol::oauthErrorCode(
            std::string_view(response.body.constData(), std::size_t(response.body.size()))));
        const bool expired = code == QLatin1String("invalid_grant") || response.status == 401;
        finish(ClientError{ClientErrorKind::Unauthorized,
                           expired ? tr("%1 — the token server refused the identity token; it may "
                                        "have expired. Log in again (docker login) and import the "
                                        "login, or enter a new token.")
                                         .arg(response.status)
                                   : tr("%1 — the token server does not take identity tokens (%2); "
                                        "log in with a username and password instead.")
                                         .arg(response.status)
                                         .arg(code.isEmpty() ? tr("no reason given") : code),
                           response.status,
                           code,
                           {}});
        return;
    }
    if (response.status == 401) {
        finish(ClientError{ClientErrorKind::Unauthorized,
                           m_auth->credentials() ? tr("401 — wrong username or password.")
                                                 : tr("401 — this registry needs a login."),
                           401,
                           RegistryErrorBody::parse(response.body).code,
                           {}});
        return;
    }
    if (response.status == 403) {
        finish(ClientError{ClientErrorKind::Denied,
                           tr("403 — the token server refused access for this login."),
                           403,
                           RegistryErrorBody::parse(response.body).code,
                           {}});
        return;
    }
    if (!response.isSuccess()) {
        finish(ClientError{ClientErrorKind::Http,
                           tr("The token server answered HTTP %1.").arg(response.status),
                           response.status,
                           {},
                           QString::fromUtf8(response.body.left(200))});
        return;
    }
    const auto parsed = protocol::TokenResponse::parse(
        std::string_view(response.body.constData(), std::size_t(response.body.size())));
    if (!parsed.ok()) {
        const bool notJson = parsed.error().code == "TOKEN_RESPONSE_INVALID";
        finish(ClientError{ClientErrorKind::InvalidResponse,
                           notJson ? tr("The token server sent something that is not a token "
                                        "response.")
                                   : tr("The token server's answer holds no usable token."),
                           response.status,
                           {},
                           notJson ? QString::fromStdString(parsed.error().message) : QString()});
        return;
    }
    const QByteArray tokenBytes = QByteArray::fromStdString(parsed->token);
    m_auth->storeToken(m_cacheKey, tokenBytes, parsed->expiresIn);
    finish(QByteArray(QByteArray("Bearer ") + tokenBytes));
}

void TokenFetch::finish(const ClientResult<QByteArray> &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace berth::client
