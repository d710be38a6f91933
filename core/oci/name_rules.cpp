#include "oci/name_rules.h"

namespace berth::oci {

namespace {

bool isLowerAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// One path component: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool validComponent(std::string_view c)
{
    if (c.empty() || !isLowerAlnum(c.front()) || !isLowerAlnum(c.back()))
        return false;
    std::size_t i = 0;
    while (i < c.size()) {
        if (isLowerAlnum(c[i])) {
            ++i;
            continue;
        }
        // A separator run: ".", "_", "__" or "-+", followed by alnum.
        const std::size_t start = i;
        if (c[i] == '.') {
            ++i;
        } else if (c[i] == '_') {
            ++i;
            if (i < c.size() && c[i] == '_')
                ++i;
        } else if (c[i] == '-') {
            while (i < c.size() && c[i] == '-')
                ++i;
        } else {
            return false;
        }
        if (i == start || i >= c.size() || !isLowerAlnum(c[i]))
            return false;
    }
    return true;
}

} // namespace

std::string quoteForMessage(std::string_view text, std::size_t limit)
{
    std::string out = "'";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    if (text.size() > limit)
        out += "...";
    out += "'";
    return out;
}

Status validateRepositoryName(std::string_view name)
{
    if (name.empty())
        return makeError("NAME_INVALID", "repository name is empty");
    if (name.size() > 255)
        return makeError("NAME_INVALID", "repository name is longer than 255 characters");
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = name.find('/', start);
        const std::string_view component = name.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!validComponent(component)) {
            return makeError("NAME_INVALID",
                             "invalid repository name " + quoteForMessage(name) +
                                 ": each '/'-separated part must be lowercase letters and digits, "
                                 "joined by '.', '_', '__' or '-'");
        }
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return Ok{};
}

Status validateTag(std::string_view tag)
{
    if (tag.empty())
        return makeError("TAG_INVALID", "tag is empty");
    if (tag.size() > 128)
        return makeError("TAG_INVALID", "tag is longer than 128 characters");
    for (std::size_t i = 0; i < tag.size(); ++i) {
        const char c = tag[i];
        const bool word =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (word || (i > 0 && (c == '.' || c == '-')))
            continue;
        return makeError(
            "TAG_INVALID",
            "invalid tag " + quoteForMessage(tag) +
                ": letters, digits, '_', '.' and '-' only, not starting with '.' or '-'");
    }
    return Ok{};
}

} // namespace berth::oci
