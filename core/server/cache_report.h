#pragma once

#include "oci/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace berth::server {

// One check of a mirror's cache against its bound (CacheBound).
struct CacheReport
{
    std::uintmax_t bound = 0;
    std::uintmax_t bytesBefore = 0; // every blob in the store
    std::uintmax_t bytesAfter = 0;
    std::size_t manifestsEvicted = 0;
    std::uintmax_t bytesReclaimed = 0; // by the garbage collection that followed
    // Still over: what is left is local, or was pulled within the last hour.
    bool stillOver = false;
    std::optional<Error> error; // the store could not be changed or collected
};

} // namespace berth::server
