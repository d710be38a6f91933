#pragma once

// A deliberately simple HTTP/1.1 peer for client tests that need a registry
// to misbehave on purpose: redirects to another host, 429 with Retry-After,
// endless or gigantic bodies, hostile headers. Test-only; one request per
// connection (Connection: close).

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>

#include <functional>

namespace berth::test {

struct ScriptedRequest
{
    QByteArray method;
    QByteArray target;                    // path + query
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct ScriptedReply
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 repeatBodyBytes = 0; // > 0: send `body` repeatedly up to this many bytes
    bool hang = false;          // never answer
    // Send `body` with no Content-Length and keep the connection open: the
    // client cannot tell that the body ended.
    bool holdOpen = false;
};

class ScriptedHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<ScriptedReply(const ScriptedRequest &)>;

    explicit ScriptedHttpServer(Handler handler, QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // Two names for one server: tests use them as two different hosts.
    QString urlVia127() const;
    QString urlViaLocalhost() const;
    const QList<ScriptedRequest> &requests() const { return m_requests; }

private:
    void onConnection();

    QTcpServer m_server;
    Handler m_handler;
    QList<ScriptedRequest> m_requests;
};

} // namespace berth::test
