#include "protocol/registry_error_body.h"

#include <nlohmann/json.hpp>

namespace berth::protocol {

namespace {

constexpr std::size_t kMaxBody = 1024 * 1024;
constexpr std::size_t kMaxCharacters = 500;
constexpr int kMaxDepth = 32;

// Printable and short: C0/C1 controls and DEL become spaces, invalid UTF-8
// bytes '?', at most kMaxCharacters code points, trimmed.
std::string bounded(const std::string &s)
{
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t length = c < 0x80           ? 1
                                   : (c >> 5) == 0x6  ? 2
                                   : (c >> 4) == 0xe  ? 3
                                   : (c >> 3) == 0x1e ? 4
                                                      : 0;
        bool valid = length > 0 && i + length <= s.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
        if (++characters > kMaxCharacters) {
            out += "…";
            break;
        }
        if (!valid) {
            out += '?';
            ++i;
            continue;
        }
        const bool c1 = length == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0;
        if (c < 0x20 || c == 0x7f || c1)
            out += ' ';
        else
            out.append(s, i, length);
        i += length;
    }
    const std::size_t first = out.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

} // namespace

RegistryErrorBody RegistryErrorBody::parse(std::string_view body)
{
    RegistryErrorBody out;
    if (body.empty() || body.size() > kMaxBody)
        return out;
    // Values nested deeper than kMaxDepth are dropped while parsing: a
    // hostile "detail" of half a million brackets must not reach dump(),
    // which recurses once per level.
    const nlohmann::json::parser_callback_t shallow = [](int depth, nlohmann::json::parse_event_t,
                                                         nlohmann::json &) {
        return depth <= kMaxDepth;
    };
    const nlohmann::json doc = nlohmann::json::parse(body, shallow, false);
    if (!doc.is_object())
        return out;
    const auto errors = doc.find("errors");
    if (errors == doc.end() || !errors->is_array())
        return out;
    out.count = static_cast<int>(errors->size());
    for (const nlohmann::json &item : *errors) {
        if (!item.is_object())
            continue;
        const auto text = [&item](const char *key) {
            const auto it = item.find(key);
            return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        out.code = bounded(text("code"));
        out.message = bounded(text("message"));
        const auto detail = item.find("detail");
        if (detail != item.end() && detail->is_string())
            out.detail = bounded(detail->get<std::string>());
        else if (detail != item.end() && (detail->is_object() || detail->is_array()))
            out.detail =
                bounded(detail->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        break;
    }
    return out;
}

} // namespace berth::protocol
