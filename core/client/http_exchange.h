#pragma once

#include "client/client_error.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace berth::client {

class RegistrySession;

// One logical HTTP call: answers 401 challenges once (Basic or a Bearer token
// for the scopes), follows redirects itself (capped; Authorization is dropped
// when a redirect leaves the original origin, and https→http is refused),
// retries 429/502/503/504 for GET/HEAD with backoff honouring Retry-After,
// caps the body, and times out when no data arrives. Any HTTP status is a
// successful exchange; only transport failures are errors. Owns its reply:
// destroying or cancelling the exchange aborts it.
class HttpExchange : public QObject
{
    Q_OBJECT

public:
    HttpExchange(RegistrySession *session, HttpRequestSpec spec, QObject *parent);
    ~HttpExchange() override;

    void start();
    void cancel();
    const HttpRequestSpec &spec() const { return m_spec; }

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::HttpReply> &result);
    // A body read from a device (HttpRequestSpec::bodyDevice): bytes sent so far.
    void uploaded(qint64 sent, qint64 total);

private:
    void authorizeAndSend(const QStringList &scopes);
    void send();
    void onReadyRead();
    // The answer arriving is a 2xx and the spec has a body sink.
    bool sinking() const;
    void onReplyFinished();
    void handleResponse(HttpReply response);
    void scheduleRetry(const HttpReply &response);
    void finish(const ClientResult<HttpReply> &result);
    void logAttempt(int status, const QString &error);
    ClientError transportError(QNetworkReply *reply) const;

    RegistrySession *m_session;
    HttpRequestSpec m_spec;
    QUrl m_url; // current URL (after redirects)
    QByteArray m_authorization;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    QElapsedTimer m_clock;
    qint64 m_cap = 0;
    int m_redirects = 0;
    int m_retries = 0;
    bool m_authRetried = false;
    bool m_tooLarge = false;
    bool m_sinkStopped = false; // the body sink said stop
    bool m_cancelled = false;
    bool m_bodyFromDevice; // spec.bodyDevice was given: sent once, as read
    bool m_done = false;
};

} // namespace berth::client
