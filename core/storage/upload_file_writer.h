#pragma once

#include "oci/digest_hasher.h"
#include "oci/result.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace berth::storage {

// Appends an upload's bytes to its data file and hashes them as they come.
// The bytes are copied into 2 MiB blocks; full blocks go through two
// threads in order: one hashes them, the next writes them (and hands them
// to the kernel's writeback at once with sync_file_range), while the
// caller's thread receives the next ones. Receiving, hashing, the
// page-cache copy and the disk overlap, and the fsync that makes the blob
// durable finds little left to flush. An upload that fits in one block
// (manifests, configs, small chunks) starts no thread: finish() hashes and
// writes it. append() does no I/O; it waits only when every block is
// queued, and roomFor/wakeWhenRoom let a caller that must not wait (an
// HTTP request thread) step aside instead. Memory: at most four blocks per
// upload being written, mapped from the kernel (a page is held only once
// bytes are in it, and given back when the writer goes); and all writers
// of the process share a budget of bytes received but not yet written:
// past it, a partly filled block goes to be written at once instead of
// waiting to fill, so many slow uploads do not each hold up to 8 MiB.
class UploadFileWriter
{
public:
    // `path` already holds `offset` bytes (a resumed upload); `hasher` has
    // seen them and must outlive the writer.
    static Result<std::unique_ptr<UploadFileWriter>>
    open(const std::filesystem::path &path, std::uint64_t offset, oci::DigestHasher &hasher);
    ~UploadFileWriter(); // finishes, errors ignored: call finish() to see them

    UploadFileWriter(const UploadFileWriter &) = delete;
    UploadFileWriter &operator=(const UploadFileWriter &) = delete;

    Status append(const char *data, std::size_t size);
    // Everything appended is written (not yet fsynced); the writer is done.
    Status finish();
    // append() of `size` bytes would not wait for the disk now.
    bool roomFor(std::size_t size) const;
    // Not yet room for `size` bytes: `wake` is kept and called once, from
    // the writing thread, when there is. False (and `wake` dropped): there
    // is room already. Call from the appending thread, between appends.
    bool wakeWhenRoom(std::size_t size, std::function<void()> wake);
    std::uint64_t offset() const { return m_offset; }

    static constexpr std::size_t kBlockSize = 2 * 1024 * 1024;
    // Bytes appended by every writer of the process and not yet written.
    static std::size_t bufferedBytes();
    // The shared budget (64 MiB unless set); returns the previous one.
    static std::size_t setBufferBudget(std::size_t bytes);

    struct Buffer; // a mapped block's memory (upload_file_writer.cpp)

private:
    struct Block
    {
        Buffer *data = nullptr;
        std::uint64_t fileOffset = 0;
    };
    UploadFileWriter(int fd, std::uint64_t offset, oci::DigestHasher &hasher);
    Status submit(Block block);
    Block takeFreeBlock();
    void hashBlocks();
    void writeBlocks();
    Status stickyError();
    std::size_t blocksNeeded(std::size_t size) const; // appending thread only
    bool blocksAvailable(std::size_t needed) const;   // under m_mutex
    Status writeSmallUpload();
    void recycle(Block block); // under m_mutex: back to m_free, off the budget

    int m_fd = -1;
    std::uint64_t m_offset = 0;
    oci::DigestHasher &m_hasher;
    Block m_current;
    bool m_finished = false;

    std::vector<std::unique_ptr<Buffer>> m_blocks;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Block> m_toHash;  // in file order
    std::deque<Block> m_toWrite; // hashed, in file order
    std::vector<Buffer *> m_free;
    bool m_stop = false;        // no more blocks will come
    bool m_hashingDone = false; // the hashing thread has seen them all
    std::string m_error;
    std::function<void()> m_wake; // a caller waiting for room (wakeWhenRoom)
    std::size_t m_wakeBlocks = 0; // how many free blocks it waits for
    std::thread m_hashThread;
    std::thread m_writeThread;
};

} // namespace berth::storage
