#include "layers/byte_channel.h"

#include <algorithm>
#include <cstring>

namespace berth::layers {

ByteChannel::ByteChannel(std::size_t capacity)
    : m_capacity(capacity)
{
}

std::size_t ByteChannel::room() const
{
    const std::lock_guard lock(m_mutex);
    const std::size_t room = m_held < m_capacity ? m_capacity - m_held : 0;
    if (room == 0)
        m_writerWaits = true;
    return room;
}

void ByteChannel::write(std::string_view bytes)
{
    if (bytes.empty())
        return;
    {
        const std::lock_guard lock(m_mutex);
        if (m_readingClosed || m_error || m_finished)
            return;
        m_chunks.emplace_back(bytes);
        m_held += bytes.size();
    }
    m_changed.notify_one();
}

void ByteChannel::finish()
{
    {
        const std::lock_guard lock(m_mutex);
        m_finished = true;
    }
    m_changed.notify_one();
}

void ByteChannel::fail(Error error)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = std::move(error);
    }
    m_changed.notify_one();
}

void ByteChannel::setOnRoom(std::function<void()> onRoom)
{
    const std::lock_guard lock(m_mutex);
    m_onRoom = std::move(onRoom);
}

void ByteChannel::readerStarted()
{
    const std::lock_guard lock(m_mutex);
    if (m_onRoom)
        m_onRoom();
}

void ByteChannel::closeReading()
{
    const std::lock_guard lock(m_mutex);
    m_readingClosed = true;
    m_chunks.clear();
    m_held = 0;
    m_offset = 0;
    if (m_writerWaits && m_onRoom) {
        m_writerWaits = false;
        m_onRoom();
    }
}

Result<std::size_t> ByteChannel::read(char *buffer, std::size_t max)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_error || m_held > 0 || m_finished; });
    if (m_error)
        return *m_error;
    std::size_t copied = 0;
    while (copied < max && !m_chunks.empty()) {
        const std::string &front = m_chunks.front();
        const std::size_t n = std::min(max - copied, front.size() - m_offset);
        std::memcpy(buffer + copied, front.data() + m_offset, n);
        copied += n;
        m_offset += n;
        if (m_offset == front.size()) {
            m_chunks.pop_front();
            m_offset = 0;
        }
    }
    m_held -= copied;
    if (m_writerWaits && m_held <= m_capacity / 2 && m_onRoom) {
        m_writerWaits = false;
        m_onRoom();
    }
    return copied;
}

} // namespace berth::layers
