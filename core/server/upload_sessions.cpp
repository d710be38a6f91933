#include "server/upload_sessions.h"

namespace berth::server {

UploadSessions::UploadSessions(std::chrono::milliseconds idle)
    : m_idle(idle)
{
}

std::optional<UploadSessions::Claim> UploadSessions::claim(const std::string &uuid)
{
    std::lock_guard lock(m_mutex);
    State &state = m_states[uuid];
    if (state.busy)
        return std::nullopt;
    state.busy = true;
    // The claimant holds the hasher while it writes: a cancel meanwhile
    // drops the state, never the hasher in use.
    return Claim{std::move(state.hasher), state.offset};
}

void UploadSessions::release(const std::string &uuid, std::unique_ptr<oci::DigestHasher> hasher,
                             std::uint64_t offset)
{
    std::lock_guard lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    if (auto it = m_states.find(uuid); it != m_states.end()) {
        it->second.hasher = std::move(hasher);
        it->second.offset = offset;
        it->second.busy = false;
        it->second.lastUsed = now;
    }
    pruneIdle(now);
}

void UploadSessions::forget(const std::string &uuid)
{
    std::lock_guard lock(m_mutex);
    m_states.erase(uuid);
    pruneIdle(std::chrono::steady_clock::now());
}

std::size_t UploadSessions::size() const
{
    std::lock_guard lock(m_mutex);
    return m_states.size();
}

void UploadSessions::pruneIdle(std::chrono::steady_clock::time_point now)
{
    // At most one sweep per idle period: cheap however many uploads run.
    if (now - m_lastPrune < m_idle)
        return;
    m_lastPrune = now;
    std::erase_if(m_states, [&](const auto &entry) {
        return !entry.second.busy && now - entry.second.lastUsed >= m_idle;
    });
}

} // namespace berth::server
