#pragma once

// A TCP relay in front of a real server that can hold its answers: after
// holdAfter(n) it passes at most n more bytes from the server to its
// clients, and the rest waits — in the relay's socket and, through TCP, in
// the server — until release(). It also counts the requests that pass. Used
// to catch a mirror in the middle of a fill from a real upstream (no real
// registry pauses mid-blob on request), and, with cutOnceAfter(n), to reset
// every connection once n answer bytes have passed (a network that drops a
// copy mid-blob). Test-only.

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

#include <limits>
#include <memory>
#include <vector>

class QTcpSocket;

namespace berth::test {

class GatedRelay : public QObject
{
    Q_OBJECT

public:
    explicit GatedRelay(quint16 targetPort, QObject *parent = nullptr);
    ~GatedRelay() override;
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QString url() const;

    void holdAfter(qint64 bytes);
    void release();
    // Once `bytes` more answer bytes have passed, every open connection is
    // reset (both sides aborted); later connections pass normally.
    void cutOnceAfter(qint64 bytes);
    int cuts() const { return m_cuts; }
    qint64 answerBytes() const { return m_answerBytes; } // passed to clients so far
    // Requests that passed whose request line starts with `prefix`
    // ("GET /v2/app/blobs/sha256:…").
    int requests(const QByteArray &prefix) const;

private:
    struct Pair;
    void onConnection();
    void pump(Pair &pair);

    QTcpServer m_server;
    quint16 m_target;
    qint64 m_budget = std::numeric_limits<qint64>::max();
    qint64 m_answerBytes = 0;
    qint64 m_cutAt = -1; // in m_answerBytes; -1: no cut ahead
    int m_cuts = 0;
    std::vector<std::unique_ptr<Pair>> m_pairs;
};

} // namespace berth::test
