#pragma once

#include "server/http_types.h"

#include <cstddef>

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
};

} // namespace berth::server
