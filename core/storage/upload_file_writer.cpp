#include "storage/upload_file_writer.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace berth::storage {

namespace {

constexpr std::size_t kMaxBlocks = 4; // filling, hashing, writing, one spare

std::atomic<std::size_t> g_buffered{0};
std::atomic<std::size_t> g_budget{64 * 1024 * 1024};

bool pwriteAll(int fd, const char *data, std::size_t size, std::uint64_t at)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(at + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

// Anonymous memory of one block: pages are taken from the kernel as bytes
// land in them and handed back when the block goes (malloc would keep
// freed 2 MiB blocks in its arenas: 946 MB still held after 900 slow
// uploads had ended, in a security test).
struct UploadFileWriter::Buffer
{
    Buffer()
    {
        void *p =
            ::mmap(nullptr, kBlockSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        bytes = static_cast<char *>(p);
    }
    ~Buffer() { ::munmap(bytes, kBlockSize); }
    Buffer(const Buffer &) = delete;
    Buffer &operator=(const Buffer &) = delete;

    char *bytes = nullptr;
    std::size_t size = 0;
};

std::size_t UploadFileWriter::bufferedBytes()
{
    return g_buffered.load();
}

std::size_t UploadFileWriter::setBufferBudget(std::size_t bytes)
{
    return g_budget.exchange(bytes);
}

Result<std::unique_ptr<UploadFileWriter>> UploadFileWriter::open(const std::filesystem::path &path,
                                                                 std::uint64_t offset,
                                                                 oci::DigestHasher &hasher)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return makeError("IO", std::string("cannot open the upload: ") + std::strerror(errno));
    return std::unique_ptr<UploadFileWriter>(new UploadFileWriter(fd, offset, hasher));
}

UploadFileWriter::UploadFileWriter(int fd, std::uint64_t offset, oci::DigestHasher &hasher)
    : m_fd(fd)
    , m_offset(offset)
    , m_hasher(hasher)
{
}

UploadFileWriter::~UploadFileWriter()
{
    (void)finish();
    if (m_fd >= 0)
        ::close(m_fd);
}

Status UploadFileWriter::stickyError()
{
    std::lock_guard lock(m_mutex);
    if (m_error.empty())
        return Ok{};
    return makeError("IO", m_error);
}

UploadFileWriter::Block UploadFileWriter::takeFreeBlock()
{
    std::unique_lock lock(m_mutex);
    if (m_free.empty() && m_blocks.size() < kMaxBlocks) {
        m_blocks.push_back(std::make_unique<Buffer>());
        m_free.push_back(m_blocks.back().get());
    }
    // Back-pressure: wait for the disk when every block is queued.
    m_changed.wait(lock, [this] { return !m_free.empty(); });
    Block block;
    block.data = m_free.back();
    m_free.pop_back();
    block.data->size = 0;
    return block;
}

Status UploadFileWriter::submit(Block block)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_hashThread.joinable() && m_error.empty()) {
            try {
                m_hashThread = std::thread([this] { hashBlocks(); });
                m_writeThread = std::thread([this] { writeBlocks(); });
            } catch (const std::system_error &e) {
                // No thread for one of the stages: the upload fails (and the
                // block goes back) instead of the process ending; finish()
                // stops and joins whichever thread did start.
                m_error = std::string("cannot start the upload's threads: ") + e.what();
            }
        }
        if (!m_error.empty() && !m_writeThread.joinable()) {
            recycle(block);
            return makeError("IO", m_error);
        }
        m_toHash.push_back(block);
    }
    m_changed.notify_all();
    return stickyError();
}

void UploadFileWriter::hashBlocks()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_stop || !m_toHash.empty(); });
        if (m_toHash.empty()) {
            m_hashingDone = true; // stopped and drained
            m_changed.notify_all();
            return;
        }
        const Block block = m_toHash.front();
        m_toHash.pop_front();
        lock.unlock();
        // Only this thread touches the hasher while blocks are in flight;
        // the caller reads it after finish() has joined this thread.
        m_hasher.update(block.data->bytes, block.data->size);
        lock.lock();
        m_toWrite.push_back(block);
        m_changed.notify_all();
    }
}

void UploadFileWriter::writeBlocks()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_hashingDone || !m_toWrite.empty(); });
        if (m_toWrite.empty())
            return; // every block hashed and written
        const Block block = m_toWrite.front();
        m_toWrite.pop_front();
        const bool failed = !m_error.empty();
        lock.unlock();
        bool ok = true;
        int error = 0;
        if (!failed) {
            ok = pwriteAll(m_fd, block.data->bytes, block.data->size, block.fileOffset);
            error = errno;
            if (ok) // start writeback now: the final fsync has less to wait for
                ::sync_file_range(m_fd, static_cast<off_t>(block.fileOffset),
                                  static_cast<off_t>(block.data->size), SYNC_FILE_RANGE_WRITE);
        }
        lock.lock();
        if (!ok && m_error.empty())
            m_error = std::string("cannot write the upload: ") + std::strerror(error);
        recycle(block);
        m_changed.notify_all();
        if (m_wake && blocksAvailable(m_wakeBlocks)) {
            const std::function<void()> wake = std::exchange(m_wake, nullptr);
            lock.unlock();
            wake();
            lock.lock();
        }
    }
}

void UploadFileWriter::recycle(Block block)
{
    g_buffered -= block.data->size;
    // Under pressure (past half the budget), the block's pages go back to
    // the kernel now rather than when the upload ends: many slow uploads
    // would otherwise each keep up to four blocks' worth of touched pages.
    if (g_buffered.load() > g_budget.load() / 2 && block.data->size > 0)
        ::madvise(block.data->bytes, kBlockSize, MADV_DONTNEED);
    block.data->size = 0;
    m_free.push_back(block.data);
}

std::size_t UploadFileWriter::blocksNeeded(std::size_t size) const
{
    const std::size_t space = m_current.data ? kBlockSize - m_current.data->size : 0;
    return size <= space ? 0 : (size - space + kBlockSize - 1) / kBlockSize;
}

bool UploadFileWriter::blocksAvailable(std::size_t needed) const
{
    // Needing more blocks than exist (a chunk over 6 MiB), every block but
    // the one being filled free is as good as it gets.
    const std::size_t available = m_free.size() + (kMaxBlocks - m_blocks.size());
    return available >= std::min(needed, kMaxBlocks - 1);
}

bool UploadFileWriter::roomFor(std::size_t size) const
{
    const std::size_t needed = blocksNeeded(size);
    if (needed == 0)
        return true;
    std::lock_guard lock(m_mutex);
    return blocksAvailable(needed);
}

bool UploadFileWriter::wakeWhenRoom(std::size_t size, std::function<void()> wake)
{
    const std::size_t needed = blocksNeeded(size);
    std::lock_guard lock(m_mutex);
    if (needed == 0 || blocksAvailable(needed))
        return false;
    m_wake = std::move(wake);
    m_wakeBlocks = needed;
    return true;
}

Status UploadFileWriter::append(const char *data, std::size_t size)
{
    if (m_finished)
        return makeError("IO", "the upload writer is finished");
    while (size > 0) {
        if (!m_current.data) {
            m_current = takeFreeBlock();
            m_current.fileOffset = m_offset;
        }
        const std::size_t n = std::min(size, kBlockSize - m_current.data->size);
        std::memcpy(m_current.data->bytes + m_current.data->size, data, n);
        m_current.data->size += n;
        g_buffered += n;
        m_offset += n;
        data += n;
        size -= n;
        // A full block goes on; so does a partly filled one while every
        // writer together holds more than the budget.
        if (m_current.data->size == kBlockSize || g_buffered.load() > g_budget.load()) {
            const Block ready = m_current;
            m_current = {}; // handed on either way: never submitted twice
            if (auto s = submit(ready); !s.ok())
                return s;
        }
    }
    return stickyError();
}

Status UploadFileWriter::writeSmallUpload()
{
    // One block, never submitted: no thread was started for it.
    const Block block = std::exchange(m_current, {});
    m_hasher.update(block.data->bytes, block.data->size);
    const bool ok = pwriteAll(m_fd, block.data->bytes, block.data->size, block.fileOffset);
    const int error = errno;
    std::lock_guard lock(m_mutex);
    if (!ok)
        m_error = std::string("cannot write the upload: ") + std::strerror(error);
    recycle(block);
    return m_error.empty() ? Status(Ok{}) : Status(makeError("IO", m_error));
}

Status UploadFileWriter::finish()
{
    if (m_finished)
        return stickyError();
    m_finished = true;
    if (m_current.data && !m_hashThread.joinable() && m_blocks.size() == 1)
        return writeSmallUpload();
    if (m_current.data) {
        (void)submit(m_current);
        m_current = {};
    }
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_hashThread.joinable())
        m_hashThread.join();
    if (m_writeThread.joinable())
        m_writeThread.join();
    return stickyError();
}

} // namespace berth::storage
