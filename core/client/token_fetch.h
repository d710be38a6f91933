#pragma once

#include "client/client_error.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QUrl>

namespace berth::client {

class Authenticator;
class HttpExchange;
class RegistrySession;
struct HttpReply;

// One request to the token endpoint. Docker token spec: a GET of
// realm?service=…&scope=… with the login as Basic auth. With an identity
// token (Credentials::isIdentityToken): the OAuth2 refresh-token grant, a
// POST of a form to the realm, as docker does. Emits finished() with
// "Bearer <token>". Deletes itself after finishing.
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
    void onResponse(const ClientResult<HttpReply> &result);
    void finish(const ClientResult<QByteArray> &result);

    RegistrySession *m_session;
    Authenticator *m_auth;
    QUrl m_realm;
    QString m_service;
    QStringList m_scopes;
    QString m_cacheKey;
    bool m_identityToken = false; // the OAuth2 refresh-token grant was used
    bool m_done = false;
};

} // namespace berth::client
