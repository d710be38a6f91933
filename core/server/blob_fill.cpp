#include "server/blob_fill.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace berth::server {

namespace {
constexpr std::uint64_t kWritebackStep = 8 * 1024 * 1024;
}

BlobFill::~BlobFill()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void BlobFill::begin(int fd)
{
    const std::lock_guard lock(m_mutex);
    m_fd = fd;
}

void BlobFill::arriving(std::optional<std::uint64_t> length)
{
    const std::lock_guard lock(m_mutex);
    if (m_phase != Phase::Asking)
        return;
    m_length = length;
    settle(Phase::Arriving);
}

bool BlobFill::append(std::string_view bytes)
{
    // Only this thread writes, and readers read below m_written: no lock
    // while the disk works.
    std::uint64_t at = m_written;
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(m_fd, bytes.data(), bytes.size(), static_cast<off_t>(at));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
        at += static_cast<std::uint64_t>(n);
    }
    if (at - m_flushed >= kWritebackStep) {
        // Writeback starts now: the fsync that stores the blob has little
        // left to flush.
        ::sync_file_range(m_fd, static_cast<off_t>(m_flushed), static_cast<off_t>(at - m_flushed),
                          SYNC_FILE_RANGE_WRITE);
        m_flushed = at;
    }
    const std::lock_guard lock(m_mutex);
    m_written = at;
    wakeReaders();
    return true;
}

void BlobFill::verified()
{
    const std::lock_guard lock(m_mutex);
    settle(Phase::Verified);
}

void BlobFill::failed(MirrorRefusal why)
{
    const std::lock_guard lock(m_mutex);
    if (m_phase == Phase::Verified)
        return; // its clients have right bytes: they get them whole
    m_refusal = std::move(why);
    settle(Phase::Failed);
}

void BlobFill::settle(Phase phase)
{
    m_phase = phase;
    for (auto &wake : m_phaseWakes)
        wake();
    m_phaseWakes.clear();
    wakeReaders();
}

void BlobFill::wakeReaders()
{
    // Called with the lock held, so that forget() cannot return while a
    // wake runs; a wake only flags a connection, it never calls back.
    for (auto &[reader, wake] : m_wakes)
        wake();
    m_wakes.clear();
}

BlobFill::Phase BlobFill::phase() const
{
    const std::lock_guard lock(m_mutex);
    return m_phase;
}

bool BlobFill::wakeWhenPast(Phase seen, std::function<void()> wake)
{
    const std::lock_guard lock(m_mutex);
    if (m_phase != seen)
        return false;
    m_phaseWakes.push_back(std::move(wake));
    return true;
}

std::optional<std::uint64_t> BlobFill::length() const
{
    const std::lock_guard lock(m_mutex);
    return m_length;
}

MirrorRefusal BlobFill::refusal() const
{
    const std::lock_guard lock(m_mutex);
    return m_refusal;
}

BodyStream::Chunk BlobFill::read(std::uint64_t offset, char *buffer, std::size_t max,
                                 const std::function<bool()> &park, std::function<void()> wake,
                                 const void *reader)
{
    std::unique_lock lock(m_mutex);
    if (m_phase == Phase::Failed)
        return {Chunk::Kind::Failed, 0};
    // The last byte waits until the whole blob matched its digest.
    const std::uint64_t readable =
        m_phase == Phase::Verified ? m_written : (m_written > 0 ? m_written - 1 : 0);
    if (offset < readable) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(max, readable - offset));
        lock.unlock();
        const ssize_t got = ::pread(m_fd, buffer, n, static_cast<off_t>(offset));
        if (got <= 0)
            return {Chunk::Kind::Failed, 0};
        return {Chunk::Kind::Bytes, static_cast<std::size_t>(got)};
    }
    if (m_phase == Phase::Verified)
        return {Chunk::Kind::End, 0};
    if (!park())
        return {Chunk::Kind::Failed, 0};
    m_wakes[reader] = std::move(wake);
    return {Chunk::Kind::Later, 0};
}

void BlobFill::forget(const void *reader)
{
    const std::lock_guard lock(m_mutex);
    m_wakes.erase(reader);
}

} // namespace berth::server
