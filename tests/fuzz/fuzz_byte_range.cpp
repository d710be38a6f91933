// A GET's Range header over a body of some length: whatever the header says,
// a span served lies inside the body, and only a "bytes=" header is ever
// refused as unsatisfiable (anything else is ignored: the whole body).
#include "server/byte_range.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using berth::server::RangeRequest;
    std::uint64_t length = 0;
    if (size >= sizeof length) {
        std::memcpy(&length, data, sizeof length);
        data += sizeof length;
        size -= sizeof length;
    }
    if (length & 1)
        length %= 1000; // small bodies often, where the edges are
    const std::string_view header(reinterpret_cast<const char *>(data), size);
    const RangeRequest asked = berth::server::parseRangeHeader(header, length);
    switch (asked.kind) {
    case RangeRequest::Kind::Span:
        if (length == 0 || asked.span.first > asked.span.last || asked.span.last >= length)
            std::abort();
        break;
    case RangeRequest::Kind::Unsatisfiable:
        if (!header.starts_with("bytes="))
            std::abort();
        break;
    case RangeRequest::Kind::Whole:
        break;
    }
    return 0;
}
