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

Result<PlacedEntry> placeEntry(std::string_view name)
{
    if (name.size() > kMaxName)
        return makeError("LAYER_INVALID", "an entry's name is longer than 4096 bytes");
    PlacedEntry placed;
    placed.renamed = name.starts_with('/');
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
                placed.renamed = true;
            else
                parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
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
    for (const std::string_view part : parts) {
        if (!placed.path.empty())
            placed.path += '/';
        placed.path += part;
    }
    return placed;
}

} // namespace berth::layers
