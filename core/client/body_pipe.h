#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>

namespace berth::client {

// A bounded in-memory pipe from a download into an upload (a blob copied
// between registries): the download appends what arrives, the upload's
// QNetworkReply reads it as the server takes it. Past kHighWater bytes
// held, hasRoom() is false and the download leaves its answer in the
// socket (HttpRequestSpec::sinkPacer) until roomAvailable(). Read-only
// from the outside, sequential; atEnd() once the writer finished and
// everything was read. 1 MiB copies as fast on loopback as 4 MiB did and
// holds a quarter (bench/copy_bench.sh).
class BodyPipe : public QIODevice
{
    Q_OBJECT

public:
    static constexpr qint64 kHighWater = 1 << 20;
    // What the download's reply may hold while the pipe is full.
    static constexpr qint64 kReplyBuffer = 512 << 10;

    explicit BodyPipe(QObject *parent = nullptr);

    void append(QByteArrayView chunk);
    void finishWriting();
    bool hasRoom() const { return held() < kHighWater; }
    qint64 room() const { return kHighWater - held(); }
    qint64 held() const { return m_buffer.size() - m_readPos; }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool atEnd() const override;

Q_SIGNALS:
    // hasRoom() became true again (queued: never from inside a read).
    void roomAvailable();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QByteArray m_buffer;
    qint64 m_readPos = 0;
    bool m_writingDone = false;
};

} // namespace berth::client
