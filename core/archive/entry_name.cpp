#include "archive/entry_name.h"

namespace berth::archive {

Result<std::string> plainEntryName(std::string_view name)
{
    const std::string shown(name);
    if (name.empty())
        return makeError("ARCHIVE_INVALID", "an entry has no name");
    if (name.front() == '/')
        return makeError("ARCHIVE_INVALID", "entry '" + shown + "' has an absolute path");
    std::string plain;
    std::size_t at = 0;
    while (at <= name.size()) {
        const std::size_t end = std::min(name.find('/', at), name.size());
        const std::string_view part = name.substr(at, end - at);
        at = end + 1;
        if (part.empty() || part == ".")
            continue; // "a//b", "./a", "a/"
        if (part == "..")
            return makeError("ARCHIVE_INVALID",
                             "entry '" + shown + "' has a '..' component (it points outside)");
        if (!plain.empty())
            plain += '/';
        plain += part;
    }
    if (plain.empty() && name != "." && name != "./")
        return makeError("ARCHIVE_INVALID", "entry '" + shown + "' has an empty name");
    return plain;
}

std::optional<oci::Digest> blobDigestOf(std::string_view name)
{
    if (name.substr(0, 6) != "blobs/")
        return std::nullopt;
    const std::string_view rest = name.substr(6);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    std::string text(rest.substr(0, slash));
    text += ':';
    text += rest.substr(slash + 1);
    auto digest = oci::Digest::parse(text);
    if (!digest.ok())
        return std::nullopt;
    return *digest;
}

} // namespace berth::archive
