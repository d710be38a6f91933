#include "support/scripted_http_server.h"

#include <QTcpSocket>

namespace berth::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

ScriptedHttpServer::ScriptedHttpServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::onConnection);
}

bool ScriptedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString ScriptedHttpServer::urlVia127() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

QString ScriptedHttpServer::urlViaLocalhost() const
{
    return QStringLiteral("http://localhost:%1").arg(port());
}

void ScriptedHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            ScriptedRequest request;
            const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qint64 length = request.headers.value("content-length", "0").toLongLong();
            if (buffer->size() < headerEnd + 4 + length)
                return;
            request.body = buffer->mid(headerEnd + 4, length);
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            m_requests.append(request);
            const ScriptedReply reply = m_handler(request);
            if (reply.hang)
                return;
            const qint64 bodySize =
                reply.repeatBodyBytes > 0 ? reply.repeatBodyBytes : reply.body.size();
            QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' +
                              reasonPhrase(reply.status) + "\r\n";
            if (!reply.holdOpen)
                head += "Content-Length: " + QByteArray::number(bodySize) + "\r\n";
            head += "Connection: close\r\n";
            for (const auto &[name, value] : reply.headers)
                head += name + ": " + value + "\r\n";
            head += "\r\n";
            socket->write(head);
            if (reply.repeatBodyBytes > 0 && !reply.body.isEmpty()) {
                qint64 sent = 0;
                while (sent < reply.repeatBodyBytes &&
                       socket->state() == QAbstractSocket::ConnectedState) {
                    const QByteArray chunk = reply.body.left(static_cast<qsizetype>(
                        std::min<qint64>(reply.body.size(), reply.repeatBodyBytes - sent)));
                    socket->write(chunk);
                    sent += chunk.size();
                }
            } else {
                socket->write(reply.body);
            }
            if (!reply.holdOpen)
                socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

} // namespace berth::test
