#pragma once

#include "storage/pull_clock.h"
#include "storage/registry_store.h"

#include "oci/digest.h"

#include <cstdint>
#include <string>
#include <vector>

namespace berth::storage {

// Which manifests a mirror's bounded cache gives up to free `need` bytes:
// least recently pulled first (PullClock), among the repositories it is
// given (the mirrored ones: never a local repository) and only those the
// mirror fetched itself (MirrorMark: not what was pushed before the name
// came under an upstream), none pulled since `pulledBefore`. A manifest's bytes are its own, its
// config's and its layers' (an index: its own; its platforms are manifests of their own), counted
// even when another manifest shares them: an estimate from above, so the caller collects garbage,
// measures, and plans again if need be.
struct EvictionPlan
{
    struct Manifest
    {
        std::string repository;
        oci::Digest digest;
        PullClock::TimePoint lastPulled;
        std::uintmax_t bytes = 0;
    };
    std::vector<Manifest> manifests;
    std::uintmax_t bytes = 0; // the sum of theirs

    static EvictionPlan make(const RegistryStore &store,
                             const std::vector<std::string> &repositories, std::uintmax_t need,
                             PullClock::TimePoint pulledBefore);
};

} // namespace berth::storage
