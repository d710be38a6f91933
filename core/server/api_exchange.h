#pragma once

#include "server/http_types.h"

#include <cstddef>
#include <functional>

namespace berth::server {

// One request in flight: the HTTP layer feeds its body (if any) in chunks
// and sends what finish() returns.
class ApiExchange
{
public:
    virtual ~ApiExchange() = default;
    // True when the answer is known from the request head alone (an error,
    // or a request whose body is ignored): the HTTP layer then answers at
    // once instead of reading a body it would throw away.
    virtual bool answeredByHead() const { return false; }
    // False: the body is refused; stop feeding and call finish().
    virtual bool onBody(const char *data, std::size_t size) = 0;
    virtual HttpResponse finish() = 0;

    // True when finish() (or the destructor) may wait: an fsync, the GC
    // gate. The HTTP layer then calls both on a worker thread, never on a
    // request thread.
    virtual bool mayBlock() const { return false; }
    // Back-pressure without waiting: false when onBody() of `size` bytes
    // would wait for the disk now. Then wakeWhenRoom registers `wake`, to
    // be called once, on any thread, when there is room; it returns false
    // (and keeps nothing) if there is room already.
    virtual bool roomFor(std::size_t) const { return true; }
    virtual bool wakeWhenRoom(std::size_t, std::function<void()>) { return false; }
    // An answer that waits for something else (a mirror's upstream), the
    // same way: false when finish() cannot answer yet; then wakeWhenReady
    // registers `wake` (called once, on any thread) and the connection
    // waits, suspended — no thread waits with it. It returns false (and
    // keeps nothing) if the answer is ready already.
    virtual bool answerReady() const { return true; }
    virtual bool wakeWhenReady(std::function<void()>) { return false; }
};

} // namespace berth::server
