#include "client/body_pipe.h"

#include <QMetaObject>

#include <algorithm>
#include <cstring>

namespace berth::client {

BodyPipe::BodyPipe(QObject *parent)
    : QIODevice(parent)
{
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void BodyPipe::append(QByteArrayView chunk)
{
    if (m_writingDone || chunk.isEmpty())
        return;
    if (m_readPos > 0 && m_readPos >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_readPos); // keep the buffer from creeping
        m_readPos = 0;
    }
    m_buffer.append(chunk.data(), chunk.size());
    Q_EMIT readyRead();
}

void BodyPipe::finishWriting()
{
    m_writingDone = true;
    Q_EMIT readyRead(); // the reader sees the end
    Q_EMIT readChannelFinished();
}

qint64 BodyPipe::bytesAvailable() const
{
    return held();
}

bool BodyPipe::atEnd() const
{
    return m_writingDone && held() == 0;
}

qint64 BodyPipe::readData(char *data, qint64 maxSize)
{
    const bool wasFull = !hasRoom();
    const qint64 n = std::min(maxSize, held());
    if (n > 0) {
        std::memcpy(data, m_buffer.constData() + m_readPos, static_cast<std::size_t>(n));
        m_readPos += n;
    }
    if (held() == 0) {
        m_buffer.resize(0); // keeps its capacity for the next chunks
        m_readPos = 0;
    }
    if (wasFull && hasRoom())
        QMetaObject::invokeMethod(this, &BodyPipe::roomAvailable, Qt::QueuedConnection);
    if (n == 0 && m_writingDone)
        return -1; // the end (of a sequential device)
    return n;
}

qint64 BodyPipe::writeData(const char *, qint64)
{
    return -1; // written through append() only
}

} // namespace berth::client
