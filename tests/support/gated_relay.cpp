#include "support/gated_relay.h"

#include <QTcpSocket>

namespace berth::test {

struct GatedRelay::Pair
{
    QTcpSocket *client = nullptr; // owned by the QTcpServer's children
    QTcpSocket upstream;
    QByteArray sent; // everything the client sent (requests are small)
};

GatedRelay::GatedRelay(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_target(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &GatedRelay::onConnection);
}

GatedRelay::~GatedRelay()
{
    for (auto &pair : m_pairs) {
        pair->upstream.disconnect();
        pair->client->disconnect();
    }
}

bool GatedRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

QString GatedRelay::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void GatedRelay::holdAfter(qint64 bytes)
{
    m_budget = bytes;
}

void GatedRelay::release()
{
    m_budget = std::numeric_limits<qint64>::max();
    for (auto &pair : m_pairs)
        pump(*pair);
}

void GatedRelay::cutOnceAfter(qint64 bytes)
{
    m_cutAt = m_answerBytes + bytes;
}

int GatedRelay::requests(const QByteArray &prefix) const
{
    int n = 0;
    for (const auto &pair : m_pairs) {
        const QByteArray &sent = pair->sent;
        for (qsizetype at = 0; (at = sent.indexOf(prefix, at)) >= 0; at += prefix.size()) {
            if (at == 0 || sent[at - 1] == '\n')
                ++n;
        }
    }
    return n;
}

void GatedRelay::pump(Pair &pair)
{
    // Server to client, within the budget; what is left stays unread, so
    // TCP makes the server wait.
    const qint64 n = std::min(pair.upstream.bytesAvailable(), m_budget);
    if (n > 0) {
        const QByteArray bytes = pair.upstream.read(n);
        m_budget -= bytes.size();
        m_answerBytes += bytes.size();
        pair.client->write(bytes);
    }
    if (m_cutAt >= 0 && m_answerBytes >= m_cutAt) {
        m_cutAt = -1;
        ++m_cuts;
        for (auto &p : m_pairs) {
            p->client->abort();
            p->upstream.abort();
        }
        return;
    }
    if (pair.upstream.state() == QAbstractSocket::UnconnectedState &&
        pair.upstream.bytesAvailable() == 0)
        pair.client->disconnectFromHost();
}

void GatedRelay::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto pair = std::make_unique<Pair>();
        Pair *p = pair.get();
        p->client = client;
        connect(client, &QTcpSocket::readyRead, this, [p] {
            const QByteArray bytes = p->client->readAll();
            p->sent += bytes;
            p->upstream.write(bytes);
        });
        connect(&p->upstream, &QTcpSocket::readyRead, this, [this, p] { pump(*p); });
        connect(client, &QTcpSocket::disconnected, this, [p] { p->upstream.disconnectFromHost(); });
        connect(&p->upstream, &QTcpSocket::disconnected, this, [this, p] { pump(*p); });
        p->upstream.setReadBufferSize(64 * 1024); // bounded: holding means not reading
        p->upstream.connectToHost(QHostAddress::LocalHost, m_target);
        m_pairs.push_back(std::move(pair));
    }
}

} // namespace berth::test
