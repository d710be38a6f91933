#include "client/http_exchange.h"

#include "client/url_redaction.h"

#include "client/authenticator.h"
#include "client/registry_session.h"
#include "client/token_fetch.h"

#include "berth_version.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

#include <algorithm>

namespace berth::client {

namespace {

int defaultPort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           defaultPort(a) == defaultPort(b);
}

bool isRetryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

QString hostPortOf(const QUrl &url)
{
    // The authority as a reference writes it: an IPv6 literal in brackets.
    return url.adjusted(QUrl::RemoveUserInfo).authority();
}

} // namespace

HttpExchange::HttpExchange(RegistrySession *session, HttpRequestSpec spec, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_spec(std::move(spec))
    , m_url(m_spec.url)
    , m_bodyFromDevice(!m_spec.bodyDevice.isNull())
{
    m_cap = m_spec.maxBodyBytes >= 0 ? m_spec.maxBodyBytes : session->endpoint().maxJsonBytes;
}

HttpExchange::~HttpExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void HttpExchange::start()
{
    authorizeAndSend(m_spec.scopes);
}

void HttpExchange::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    finish(ClientError{ClientErrorKind::Cancelled, QStringLiteral("Cancelled."), 0, {}, {}});
}

void HttpExchange::authorizeAndSend(const QStringList &scopes)
{
    if (m_spec.auth == HttpRequestSpec::Auth::None) {
        send();
        return;
    }
    Authenticator *auth = m_session->authenticator();
    const QByteArray header = auth->authorizationFor(scopes);
    if (!header.isEmpty()) {
        m_authorization = header;
        send();
        return;
    }
    if (!auth->needsToken(scopes)) {
        send();
        return;
    }
    TokenFetch *fetch = auth->fetchToken(scopes);
    connect(fetch, &TokenFetch::finished, this, [this](const ClientResult<QByteArray> &token) {
        if (m_done)
            return;
        if (!token.ok()) {
            finish(token.error());
            return;
        }
        m_authorization = token.value();
        send();
    });
}

void HttpExchange::send()
{
    if (m_done)
        return;
    QNetworkRequest request(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // A paced download waits for its reader (an upload to another registry)
    // without a byte moving: that upload's own timeout watches the pair.
    request.setTransferTimeout(
        m_spec.sinkPacer ? 0 : static_cast<int>(m_session->endpoint().timeout.count()));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Berth/" BERTH_VERSION_STRING));
    if (m_url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_session->sslConfiguration());
    // Authorization only ever goes to the origin the request was made for:
    // never along a redirect to another host (blob storage, CDNs).
    const bool home = sameOrigin(m_url, m_spec.url);
    for (const auto &[name, value] : std::as_const(m_spec.headers)) {
        if (!home && name.compare("Authorization", Qt::CaseInsensitive) == 0)
            continue;
        request.setRawHeader(name, value);
    }
    if (home && !m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);

    m_body.clear();
    m_tooLarge = false;
    m_sinkStopped = false;
    m_clock.start();
    QNetworkAccessManager *nam = m_session->network();
    QNetworkReply *reply = nullptr;
    if (m_bodyFromDevice) {
        if (!m_spec.bodyDevice) { // its owner went away: nothing left to send
            finish(ClientError{
                ClientErrorKind::Cancelled, tr("The upload's data went away."), 0, {}, {}});
            return;
        }
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_spec.bodySize);
        // Sent as it is read: without this Qt reads the whole device first.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        reply = nam->sendCustomRequest(request, m_spec.method, m_spec.bodyDevice.data());
    } else if (m_spec.method == "GET")
        reply = nam->get(request);
    else if (m_spec.method == "HEAD")
        reply = nam->head(request);
    else if (m_spec.method == "PUT")
        reply = nam->put(request, m_spec.body);
    else if (m_spec.method == "POST")
        reply = nam->post(request, m_spec.body);
    else
        reply = nam->sendCustomRequest(request, m_spec.method, m_spec.body);
    reply->setParent(this);
    m_reply = reply;
    if (m_spec.sinkPacer) {
        // A full pacer leaves the answer in Qt's buffer, and this bounds it.
        reply->setReadBufferSize(BodyPipe::kReplyBuffer);
        connect(m_spec.sinkPacer, &BodyPipe::roomAvailable, this, &HttpExchange::onReadyRead,
                Qt::UniqueConnection);
    }
    connect(reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    if (m_bodyFromDevice)
        connect(reply, &QNetworkReply::uploadProgress, this, &HttpExchange::uploaded);
    connect(reply, &QNetworkReply::finished, this, &HttpExchange::onReplyFinished);
}

bool HttpExchange::sinking() const
{
    if (!m_spec.bodySink || !m_reply)
        return false;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status >= 200 && status < 300;
}

void HttpExchange::onReadyRead()
{
    if (!m_reply || m_tooLarge || m_sinkStopped)
        return;
    if (sinking()) {
        qint64 room = m_reply->bytesAvailable();
        if (m_spec.sinkPacer) // no more than it has room for; on when it has
            room = std::min(room, m_spec.sinkPacer->room());
        if (room <= 0)
            return;
        if (!m_spec.bodySink(QByteArrayView(m_reply->read(room)))) {
            m_sinkStopped = true;
            m_reply->abort();
        }
        return;
    }
    m_body += m_reply->readAll();
    if (m_body.size() > m_cap) {
        m_tooLarge = true;
        m_reply->abort();
    }
}

void HttpExchange::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    const bool sink = sinking();
    m_reply = nullptr;
    reply->deleteLater();
    if (sink && !m_sinkStopped && reply->isOpen())
        m_sinkStopped = !m_spec.bodySink(QByteArrayView(reply->readAll()));
    else if (!sink && !m_tooLarge && reply->isOpen())
        m_body += reply->readAll();
    if (m_sinkStopped) {
        logAttempt(0, QStringLiteral("stopped by its reader"));
        finish(ClientError{ClientErrorKind::Cancelled,
                           tr("Berth stopped reading %1.").arg(m_url.path().left(200)),
                           0,
                           {},
                           {}});
        return;
    }
    if (m_tooLarge || m_body.size() > m_cap) {
        logAttempt(0, QStringLiteral("body larger than %1 bytes").arg(m_cap));
        finish(ClientError{ClientErrorKind::TooLarge,
                           tr("The registry sent more than %1 KiB for %2; Berth stopped reading.")
                               .arg(m_cap / 1024)
                               .arg(m_url.path().left(200)),
                           0,
                           {},
                           {}});
        return;
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid() || statusAttr.toInt() <= 0) {
        const ClientError error = transportError(reply);
        logAttempt(0, error.message);
        finish(error);
        return;
    }
    HttpReply response;
    response.status = statusAttr.toInt();
    response.url = m_url;
    if (m_url.scheme() == QLatin1String("https"))
        response.peerCertificate = reply->sslConfiguration().peerCertificate();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append({pair.first, pair.second});
    logAttempt(response.status, {});
    // readAll() buffers carry spare capacity (tens of KiB); bodies may be kept
    // for the whole session (manifests, configs), so keep only what they hold.
    m_body.squeeze();
    response.body = std::move(m_body);
    m_body.clear();
    handleResponse(std::move(response));
}

void HttpExchange::handleResponse(HttpReply response)
{
    const int status = response.status;
    const QByteArray location = response.header("Location");
    if (status >= 300 && status < 400 && status != 304 && !location.isEmpty()) {
        if (!m_spec.followRedirects || m_bodyFromDevice) {
            finish(ClientError{ClientErrorKind::InvalidResponse,
                               tr("%1 redirected this request elsewhere; Berth does "
                                  "not follow it there.")
                                   .arg(hostPortOf(m_url)),
                               status,
                               {},
                               redactedReference(QString::fromUtf8(location)).left(200)});
            return;
        }
        if (++m_redirects > m_session->endpoint().maxRedirects) {
            finish(ClientError{
                ClientErrorKind::InvalidResponse,
                tr("Too many redirects (more than %1).").arg(m_session->endpoint().maxRedirects),
                status,
                {},
                {}});
            return;
        }
        const QUrl target = m_url.resolved(QUrl::fromEncoded(location.trimmed()));
        if (!target.isValid() || (target.scheme() != QLatin1String("https") &&
                                  target.scheme() != QLatin1String("http"))) {
            finish(ClientError{ClientErrorKind::InvalidResponse,
                               tr("The registry redirected to an invalid address."),
                               status,
                               {},
                               redactedReference(QString::fromUtf8(location)).left(200)});
            return;
        }
        if (m_url.scheme() == QLatin1String("https") && target.scheme() == QLatin1String("http")) {
            finish(ClientError{
                ClientErrorKind::Tls,
                tr("The registry redirected from HTTPS to plain HTTP (%1); Berth refused.")
                    .arg(hostPortOf(target)),
                status,
                {},
                {}});
            return;
        }
        if (status == 303 && m_spec.method != "HEAD") {
            m_spec.method = "GET";
            m_spec.body.clear();
        }
        m_url = target;
        send();
        return;
    }

    if (status == 401 && m_spec.auth == HttpRequestSpec::Auth::Registry && !m_authRetried &&
        !m_bodyFromDevice) {
        m_authRetried = true;
        Authenticator *auth = m_session->authenticator();
        const auto learned = auth->learn(response.header("WWW-Authenticate"));
        if (!learned.ok()) {
            finish(response);
            return;
        }
        if (auth->scheme() == Authenticator::Scheme::Basic) {
            const QByteArray header = auth->authorizationFor({});
            if (header.isEmpty() || header == m_authorization) {
                finish(response); // no login, or the login was refused
                return;
            }
            m_authorization = header;
            send();
            return;
        }
        // Bearer: a fresh token for what this call needs plus what the challenge names.
        QStringList scopes = m_spec.scopes + learned.value();
        scopes.removeDuplicates();
        auth->forget(m_spec.scopes);
        auth->forget(scopes);
        m_authorization.clear();
        authorizeAndSend(scopes);
        return;
    }

    if (isRetryableStatus(status) && m_spec.isIdempotentRead() &&
        m_retries < m_session->endpoint().maxRetries) {
        scheduleRetry(response);
        return;
    }
    finish(response);
}

void HttpExchange::scheduleRetry(const HttpReply &response)
{
    const auto &endpoint = m_session->endpoint();
    qint64 delayMs = endpoint.retryBaseDelay.count() << std::min(m_retries, 10);
    const QByteArray retryAfter = response.header("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = retryAfter.toLongLong(&isNumber);
        if (isNumber && seconds >= 0) {
            delayMs = seconds * 1000;
        } else {
            const QDateTime when =
                QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
            if (when.isValid())
                delayMs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
        }
    }
    delayMs = std::clamp<qint64>(delayMs, 0, endpoint.retryMaxDelay.count());
    ++m_retries;
    QTimer::singleShot(std::chrono::milliseconds(delayMs), this, &HttpExchange::send);
}

void HttpExchange::finish(const ClientResult<HttpReply> &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

void HttpExchange::logAttempt(int status, const QString &error)
{
    RequestLogEntry entry;
    entry.when = QDateTime::currentDateTime();
    entry.method = m_spec.method;
    entry.url = redactedUrl(m_url);
    entry.status = status;
    entry.bytes = m_body.size();
    entry.durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    entry.error = error;
    m_session->logRequest(entry);
}

ClientError HttpExchange::transportError(QNetworkReply *reply) const
{
    const QString where = hostPortOf(m_url);
    const QString detail = redactUrlsIn(reply->errorString());
    ClientError error{ClientErrorKind::Network, {}, 0, {}, detail};
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        error.message = tr("Connection refused by %1 — is the registry running there?").arg(where);
        break;
    case QNetworkReply::HostNotFoundError:
        error.message = tr("Host %1 not found — check the address.").arg(m_url.host());
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        error.kind = ClientErrorKind::Timeout;
        error.message = tr("No answer from %1 within %2 s.")
                            .arg(where)
                            .arg(m_session->endpoint().timeout.count() / 1000.0);
        break;
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = ClientErrorKind::Tls;
        if (detail.contains(QLatin1String("wrong version number"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("packet length too long"), Qt::CaseInsensitive)) {
            error.message =
                tr("%1 speaks plain HTTP, not HTTPS — use http:// for this registry.").arg(where);
        } else if (detail.contains(QLatin1String("issuer"), Qt::CaseInsensitive) ||
                   detail.contains(QLatin1String("self signed"), Qt::CaseInsensitive) ||
                   detail.contains(QLatin1String("self-signed"), Qt::CaseInsensitive) ||
                   detail.contains(QLatin1String("not trusted"), Qt::CaseInsensitive)) {
            error.message = tr("The certificate of %1 is signed by an unknown "
                               "authority — add its CA file, or choose insecure mode.")
                                .arg(where);
        } else if (detail.contains(QLatin1String("host name"), Qt::CaseInsensitive)) {
            error.message = tr("The certificate of %1 is for another host name.").arg(where);
        } else if (detail.contains(QLatin1String("expired"), Qt::CaseInsensitive)) {
            error.message = tr("The certificate of %1 has expired.").arg(where);
        } else {
            error.message = tr("Secure connection to %1 failed: %2").arg(where, detail.left(200));
        }
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.message = tr("%1 closed the connection unexpectedly.").arg(where);
        break;
    default:
        error.message = tr("Network error talking to %1: %2").arg(where, detail.left(200));
        break;
    }
    return error;
}

} // namespace berth::client
