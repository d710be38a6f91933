#pragma once

#include "oci/digest_hasher.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace berth::server {

// The uploads in progress, by id: each one's running hash and the offset
// it covers, kept in memory between its requests. One request writes an
// upload at a time: it claims the upload (and takes its hasher), and
// releases it before its answer goes out. An upload left alone for `idle`
// gives up its state; the next request rebuilds it from the file.
class UploadSessions
{
public:
    explicit UploadSessions(std::chrono::milliseconds idle);

    struct Claim
    {
        std::unique_ptr<oci::DigestHasher> hasher; // null: rebuild from the file
        std::uint64_t offset = 0;
    };
    // nullopt: another request is writing this upload.
    std::optional<Claim> claim(const std::string &uuid);
    // Hands the upload back; a null hasher (after a failed write) makes the
    // next request hash the file again. Nothing happens to an upload that
    // was cancelled meanwhile.
    void release(const std::string &uuid, std::unique_ptr<oci::DigestHasher> hasher,
                 std::uint64_t offset);
    // The upload is done (committed, refused or cancelled): its state goes.
    void forget(const std::string &uuid);
    std::size_t size() const;

private:
    struct State
    {
        std::unique_ptr<oci::DigestHasher> hasher;
        std::uint64_t offset = 0;
        bool busy = false;
        std::chrono::steady_clock::time_point lastUsed;
    };
    // Called with m_mutex held.
    void pruneIdle(std::chrono::steady_clock::time_point now);

    const std::chrono::milliseconds m_idle;
    mutable std::mutex m_mutex;
    std::map<std::string, State> m_states;
    std::chrono::steady_clock::time_point m_lastPrune;
};

} // namespace berth::server
