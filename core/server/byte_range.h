#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace berth::server {

struct ByteSpan
{
    std::uint64_t first = 0;
    std::uint64_t last = 0; // inclusive
};

// One range of a Range header's "bytes=" value ("a-b" or "a-") over a
// body of `length` bytes, clamped to it; nullopt: not satisfiable (416).
std::optional<ByteSpan> parseByteRange(std::string_view spec, std::uint64_t length);

} // namespace berth::server
