#include "protocol/link_header.h"

#include "protocol/text.h"

namespace berth::protocol {

namespace {

constexpr std::size_t kMaxHeader = 16 * 1024;

// Does a link-param list (after the <url>) hold rel="next" (or rel=next, or
// a space-separated rel list containing next)?
bool relIsNext(std::string_view params)
{
    for (const std::string_view raw : split(params, ';')) {
        const std::string_view part = trimmed(raw);
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos || asciiLower(trimmed(part.substr(0, eq))) != "rel")
            continue;
        std::string_view value = trimmed(part.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        const std::string rels = asciiLower(value);
        for (const std::string_view rel : split(rels, ' ')) {
            if (trimmed(rel) == "next")
                return true;
        }
    }
    return false;
}

} // namespace

std::optional<std::string> nextLinkTarget(std::string_view header)
{
    if (header.empty() || header.size() > kMaxHeader)
        return std::nullopt;
    std::size_t pos = 0;
    while (pos < header.size()) {
        const std::size_t open = header.find('<', pos);
        if (open == std::string_view::npos)
            return std::nullopt;
        const std::size_t close = header.find('>', open + 1);
        if (close == std::string_view::npos)
            return std::nullopt;
        const std::string_view target = trimmed(header.substr(open + 1, close - open - 1));
        // Parameters run to the next link ('<') or the end.
        const std::size_t next = header.find('<', close + 1);
        const std::size_t paramsEnd = next == std::string_view::npos ? header.size() : next;
        if (relIsNext(header.substr(close + 1, paramsEnd - close - 1))) {
            if (target.empty())
                return std::nullopt;
            return std::string(target);
        }
        if (next == std::string_view::npos)
            return std::nullopt;
        pos = next;
    }
    return std::nullopt;
}

} // namespace berth::protocol
