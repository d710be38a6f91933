#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace berth::protocol {

// Small text helpers for the registry protocol's grammar and the
// configuration files around it (ASCII only; other bytes pass unchanged).

// Lower-cased ASCII letters (header names, auth schemes, parameters).
inline std::string asciiLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// `s` without leading and trailing characters of `whitespace` (HTTP's OWS
// by default).
inline std::string_view trimmed(std::string_view s, std::string_view whitespace = " \t")
{
    const std::size_t first = s.find_first_not_of(whitespace);
    if (first == std::string_view::npos)
        return {};
    return s.substr(first, s.find_last_not_of(whitespace) - first + 1);
}

// The parts of `s` between `separator`s; a trailing separator adds no
// empty part ("a;b;" → "a", "b"). Views into `s`.
inline std::vector<std::string_view> split(std::string_view s, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find(separator, start);
        if (end == std::string_view::npos)
            end = s.size();
        parts.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

} // namespace berth::protocol
