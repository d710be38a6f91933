#include "server/byte_range.h"

#include "protocol/text.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace berth::server {

namespace {

std::optional<std::uint64_t> number(std::string_view digits)
{
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::uint64_t value = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), value).ec != std::errc())
        return std::nullopt;
    return value;
}

} // namespace

RangeRequest parseRangeHeader(std::string_view value, std::uint64_t length)
{
    constexpr std::string_view unit = "bytes=";
    if (!value.starts_with(unit))
        return {}; // another unit: ignored
    const std::string_view spec = protocol::trimmed(value.substr(unit.size()));
    if (spec.find(',') != std::string_view::npos)
        return {}; // several ranges: the whole body
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos)
        return {};
    const std::string_view from = spec.substr(0, dash);
    const std::string_view to = spec.substr(dash + 1);
    RangeRequest out;
    out.kind = RangeRequest::Kind::Unsatisfiable;
    if (from.empty()) {
        // Suffix: the last n bytes (all of them if the body is shorter).
        const auto n = number(to);
        if (!n)
            return {};
        if (*n == 0 || length == 0)
            return out;
        out.kind = RangeRequest::Kind::Span;
        out.span = {length - std::min(*n, length), length - 1};
        return out;
    }
    const auto first = number(from);
    const auto last = to.empty() ? std::optional<std::uint64_t>(UINT64_MAX) : number(to);
    if (!first || !last || *first > *last)
        return {}; // not a byte range at all: ignored
    if (*first >= length)
        return out;
    out.kind = RangeRequest::Kind::Span;
    out.span = {*first, std::min(*last, length - 1)};
    return out;
}

} // namespace berth::server
