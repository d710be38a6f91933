#pragma once

#include "oci/result.h"

#include <cstddef>

namespace berth::layers {

// Where a layer's bytes come from, pulled by a reader on a worker: a file,
// memory, or a download handed over by ByteChannel.
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    // Up to `max` bytes into `buffer`; 0 at the end. May block. An error
    // (the download failed, or CANCELLED) ends the reading.
    virtual Result<std::size_t> read(char *buffer, std::size_t max) = 0;
};

} // namespace berth::layers
