#pragma once

#include "storage/layout.h"

#include "oci/digest.h"

#include <chrono>
#include <optional>
#include <string_view>

namespace berth::storage {

// When a mirror last served each manifest: the modification time of the
// manifest's revision link, which registry:2 never reads (the link is
// written when the manifest is first stored, so "stored" counts as the
// first pull). Refreshed at most once a minute, so that a busy mirror
// does not write on every pull; a stat otherwise.
class PullClock
{
public:
    using TimePoint = std::chrono::system_clock::time_point;
    static constexpr std::chrono::seconds kResolution{60};

    explicit PullClock(Layout layout);

    // `digest` of `repository` was served just now.
    void record(std::string_view repository, const oci::Digest &digest) const;
    // nullopt: no such manifest in the repository.
    std::optional<TimePoint> lastPulled(std::string_view repository,
                                        const oci::Digest &digest) const;

private:
    Layout m_layout;
};

} // namespace berth::storage
