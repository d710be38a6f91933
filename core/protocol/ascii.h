#pragma once

#include <string>
#include <string_view>

namespace berth::protocol {

// Lower-cased ASCII letters (header names, auth schemes, parameters);
// other bytes unchanged.
inline std::string asciiLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

} // namespace berth::protocol
