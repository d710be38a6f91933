#include "server/byte_range.h"

#include <algorithm>
#include <charconv>

namespace berth::server {

std::optional<ByteSpan> parseByteRange(std::string_view spec, std::uint64_t length)
{
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos || dash == 0)
        return std::nullopt;
    ByteSpan span;
    span.last = length ? length - 1 : 0;
    if (std::from_chars(spec.data(), spec.data() + dash, span.first).ec != std::errc())
        return std::nullopt;
    if (dash + 1 != spec.size() &&
        std::from_chars(spec.data() + dash + 1, spec.data() + spec.size(), span.last).ec !=
            std::errc())
        return std::nullopt;
    if (span.first > span.last || span.first >= length)
        return std::nullopt;
    span.last = std::min<std::uint64_t>(span.last, length - 1);
    return span;
}

} // namespace berth::server
