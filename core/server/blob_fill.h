#pragma once

#include "server/body_stream.h"
#include "server/mirror_refusal.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace berth::server {

// One blob on its way from a mirror's upstream into the store, read by
// every client that asked for it while it arrives. One thread fills it:
// begin() with the upload's data file, arriving() once the upstream
// answered, append() as bytes come, then verified() once every byte is in
// and they matched the digest (storing the blob comes after, and its
// clients need not wait for that), or failed() before that. Readers get the bytes written so
// far, except the last one, which waits for verified(): a blob whose bytes
// turn out wrong never reaches a client whole — its connection is cut.
class BlobFill : public BodyStream
{
public:
    enum class Phase
    {
        Asking,   // no answer from the upstream yet
        Arriving, // bytes are coming
        Verified, // every byte is in and matched the digest
        Failed,   // never will be; refusal() says why
    };

    BlobFill() = default;
    ~BlobFill() override;
    BlobFill(const BlobFill &) = delete;
    BlobFill &operator=(const BlobFill &) = delete;

    // The filling thread. `fd` (owned from here on) is the upload's data
    // file, open for reading and writing.
    void begin(int fd);
    void arriving(std::optional<std::uint64_t> length); // once; later calls change nothing
    bool append(std::string_view bytes);                // false: the file took no more
    void verified();
    void failed(MirrorRefusal why); // before verified()

    Phase phase() const;
    // While the phase is still `seen`: keeps `wake`, to be called once (on
    // any thread) when it moves on, and returns true.
    bool wakeWhenPast(Phase seen, std::function<void()> wake);
    std::optional<std::uint64_t> length() const;
    MirrorRefusal refusal() const;

    Chunk read(std::uint64_t offset, char *buffer, std::size_t max,
               const std::function<bool()> &park, std::function<void()> wake,
               const void *reader) override;
    void forget(const void *reader) override;

private:
    void settle(Phase phase); // with m_mutex held
    void wakeReaders();       // with m_mutex held

    mutable std::mutex m_mutex;
    std::vector<std::function<void()>> m_phaseWakes;
    Phase m_phase = Phase::Asking;
    int m_fd = -1; // set once, before Arriving; read without the lock after
    std::optional<std::uint64_t> m_length;
    std::uint64_t m_written = 0;
    std::uint64_t m_flushed = 0; // handed to the kernel's writeback
    MirrorRefusal m_refusal;
    std::map<const void *, std::function<void()>> m_wakes;
};

} // namespace berth::server
