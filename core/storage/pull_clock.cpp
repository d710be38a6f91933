#include "storage/pull_clock.h"

#include <fcntl.h>
#include <sys/stat.h>

namespace berth::storage {

PullClock::PullClock(Layout layout)
    : m_layout(std::move(layout))
{
}

void PullClock::record(std::string_view repository, const oci::Digest &digest) const
{
    const auto link = m_layout.revisionLinkPath(repository, digest);
    struct stat st
    {
    };
    if (!link.ok() || ::lstat(link->c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return;
    const auto now = std::chrono::system_clock::now();
    if (std::chrono::system_clock::from_time_t(st.st_mtime) + kResolution > now)
        return;
    // Failing to note a pull costs only eviction order: nothing to report.
    ::utimensat(AT_FDCWD, link->c_str(), nullptr, AT_SYMLINK_NOFOLLOW);
}

std::optional<PullClock::TimePoint> PullClock::lastPulled(std::string_view repository,
                                                          const oci::Digest &digest) const
{
    const auto link = m_layout.revisionLinkPath(repository, digest);
    struct stat st
    {
    };
    if (!link.ok() || ::lstat(link->c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return std::chrono::system_clock::from_time_t(st.st_mtime);
}

} // namespace berth::storage
