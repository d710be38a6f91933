#pragma once

#include <cstdint>
#include <string_view>

namespace berth::server {

struct ByteSpan
{
    std::uint64_t first = 0;
    std::uint64_t last = 0; // inclusive
};

// What a GET's Range header asks of a body of `length` bytes (RFC 9110
// 14.1.2, 14.2). One range ("a-b", "a-", or the suffix "-n") is served as
// such, clamped to the body. A header that is no byte range, names another
// unit, or asks for several ranges is ignored: the whole body is the
// answer, as the RFC allows (never a silent subset of several ranges).
struct RangeRequest
{
    enum class Kind
    {
        Whole,         // 200, the whole body
        Span,          // 206, `span`
        Unsatisfiable, // 416
    };
    Kind kind = Kind::Whole;
    ByteSpan span;
};

RangeRequest parseRangeHeader(std::string_view value, std::uint64_t length);

} // namespace berth::server
