#pragma once

#include "client_error.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QUrl>

namespace berth::client {

class Authenticator;
class HttpExchange;
class RegistrySession;
struct HttpResponse;

// One GET to the token endpoint (Docker token spec): realm?service=…&scope=…
// with the login as Basic auth. Emits finished() with "Bearer <token>".
// Deletes itself after finishing.
class TokenFetch : public QObject
{
    Q_OBJECT

public:
    TokenFetch(RegistrySession *session, Authenticator *auth, QUrl realm, QString service,
               QStringList scopes, QString cacheKey);

    void start();

Q_SIGNALS:
    void finished(const berth::client::ClientResult<QByteArray> &authorization);

private:
    void onResponse(const ClientResult<HttpResponse> &result);
    void finish(const ClientResult<QByteArray> &result);

    RegistrySession *m_session;
    Authenticator *m_auth;
    QUrl m_realm;
    QString m_service;
    QStringList m_scopes;
    QString m_cacheKey;
    bool m_done = false;
};

} // namespace berth::client
