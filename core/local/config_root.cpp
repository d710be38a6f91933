#include "local/config_root.h"

#include "protocol/text.h"

#include <vector>

namespace berth::local {

namespace {

constexpr std::size_t kMaxConfigBytes = 1024 * 1024;

// A scalar value: quoted ('…' or "…", without escapes beyond the quotes)
// or plain up to a comment.
std::optional<std::string> scalar(std::string_view value)
{
    value = protocol::trimmed(value, " \r");
    if (value.empty())
        return std::nullopt;
    if (value.front() == '"' || value.front() == '\'') {
        const std::size_t end = value.find(value.front(), 1);
        if (end == std::string_view::npos)
            return std::nullopt;
        return std::string(value.substr(1, end - 1));
    }
    if (value.front() == '{' || value.front() == '[' || value.front() == '&' ||
        value.front() == '*' || value.front() == '|' || value.front() == '>')
        return std::nullopt;
    if (const std::size_t comment = value.find(" #"); comment != std::string_view::npos)
        value = protocol::trimmed(value.substr(0, comment), " \r");
    return std::string(value);
}

} // namespace

std::optional<std::string> configuredRootDirectory(std::string_view yaml,
                                                   const char *environmentValue)
{
    if (environmentValue && *environmentValue)
        return std::string(environmentValue);
    if (yaml.size() > kMaxConfigBytes)
        return std::nullopt;
    struct Key
    {
        std::size_t indent;
        std::string name;
    };
    std::vector<Key> path; // the mapping keys enclosing the current line
    std::optional<std::string> found;
    for (const std::string_view line : protocol::split(yaml, '\n')) {
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos || line[indent] == '#' || line[indent] == '\r')
            continue;
        if (line[indent] == '\t' || line[indent] == '-' || line.substr(indent, 3) == "---")
            continue; // tab indentation is not YAML; lists hold no mapping we read
        const std::size_t colon = line.find(':', indent);
        if (colon == std::string_view::npos)
            continue;
        const std::string name(protocol::trimmed(line.substr(indent, colon - indent), " \r"));
        while (!path.empty() && path.back().indent >= indent)
            path.pop_back();
        const std::string_view rest = protocol::trimmed(line.substr(colon + 1), " \r");
        if (rest.empty() || rest.front() == '#') {
            path.push_back({indent, name});
            continue;
        }
        if (path.size() == 2 && path[0].name == "storage" && path[1].name == "filesystem" &&
            name == "rootdirectory")
            found = scalar(rest); // a later duplicate wins, as yaml-cpp reads it
    }
    return found;
}

} // namespace berth::local
