#include "layers/entry_path.h"

#include <vector>

namespace berth::layers {

namespace {

constexpr std::size_t kMaxName = 4096;
constexpr std::string_view kWhiteout = ".wh.";
constexpr std::string_view kOpaque = ".wh..wh..opq";
constexpr std::string_view kAufsMeta = ".wh..wh.";

} // namespace

std::string_view parentOf(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

namespace {

// The components of `name` cleaned as under a root: "", "." dropped, ".."
// taking one back (never above the root; `climbed` says it tried).
std::vector<std::string_view> componentsOf(std::string_view name, bool &climbed)
{
    std::vector<std::string_view> parts;
    std::size_t at = 0;
    while (at <= name.size()) {
        auto end = name.find('/', at);
        if (end == std::string_view::npos)
            end = name.size();
        const std::string_view part = name.substr(at, end - at);
        at = end + 1;
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (parts.empty())
                climbed = true;
            else
                parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    return parts;
}

std::string joined(const std::vector<std::string_view> &parts)
{
    std::string out;
    for (const std::string_view part : parts) {
        if (!out.empty())
            out += '/';
        out += part;
    }
    return out;
}

} // namespace

bool isPlainPath(std::string_view path)
{
    if (path.empty())
        return false;
    for (std::size_t at = 0; at <= path.size();) {
        auto end = path.find('/', at);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view part = path.substr(at, end - at);
        if (part.empty() || part == "." || part == "..")
            return false;
        at = end + 1;
    }
    return true;
}

std::optional<std::string_view> pathUnder(std::string_view path, std::string_view folder)
{
    if (folder.empty())
        return path;
    if (path.size() > folder.size() + 1 && path[folder.size()] == '/' && path.starts_with(folder))
        return path.substr(folder.size() + 1);
    return std::nullopt;
}

std::string plainFromTyped(std::string_view typed)
{
    bool climbed = false;
    return joined(componentsOf(typed, climbed));
}

Result<PlacedEntry> placeEntry(std::string_view name)
{
    if (name.size() > kMaxName)
        return makeError("LAYER_INVALID", "an entry's name is longer than 4096 bytes");
    PlacedEntry placed;
    placed.renamed = name.starts_with('/');
    bool climbed = false;
    std::vector<std::string_view> parts = componentsOf(name, climbed);
    placed.renamed = placed.renamed || climbed;
    if (parts.empty()) {
        placed.skip = true;
        return placed;
    }
    std::string_view base = parts.back();
    if (base.starts_with(kWhiteout)) {
        parts.pop_back();
        if (base == kOpaque) {
            placed.whiteout = EntryType::OpaqueWhiteout;
        } else if (base.starts_with(kAufsMeta) || base.size() == kWhiteout.size()) {
            placed.skip = true;
            return placed;
        } else {
            base.remove_prefix(kWhiteout.size());
            if (base == "." || base == "..") {
                placed.skip = true;
                return placed;
            }
            placed.whiteout = EntryType::Whiteout;
            parts.push_back(base);
        }
    }
    placed.path = joined(parts);
    return placed;
}

} // namespace berth::layers
