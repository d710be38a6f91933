#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace berth::server {

// A response body that is still arriving (a mirror's blob on its way from
// the upstream): the HTTP layer reads it as it grows, and while there is
// nothing new its connection waits, suspended, instead of a thread.
class BodyStream
{
public:
    virtual ~BodyStream() = default;

    struct Chunk
    {
        enum class Kind
        {
            Bytes,  // `size` bytes were copied
            Later,  // nothing yet: the reader was parked and will be woken
            End,    // the body is complete
            Failed, // it will never be complete: cut the connection
        };
        Kind kind = Kind::Failed;
        std::size_t size = 0;
    };

    // Copies up to `max` bytes from `offset`. With nothing there yet it
    // calls park() (which suspends the reader; false: the reader cannot wait,
    // and the answer is Failed), keeps `wake` for `reader` and answers Later;
    // `wake` is called once, on any thread, when there is more to read.
    virtual Chunk read(std::uint64_t offset, char *buffer, std::size_t max,
                       const std::function<bool()> &park, std::function<void()> wake,
                       const void *reader) = 0;
    // The reader is gone: its `wake` is dropped, and is not running and
    // never runs once this returns.
    virtual void forget(const void *reader) = 0;
};

} // namespace berth::server
