#include "archive/layout_format.h"

namespace berth::archive {

std::optional<LayoutFormat> parseLayoutFormat(std::string_view name)
{
    if (name == "oci")
        return LayoutFormat::OciDirectory;
    if (name == "oci-archive")
        return LayoutFormat::OciArchive;
    if (name == "docker-archive")
        return LayoutFormat::DockerArchive;
    return std::nullopt;
}

std::string_view layoutFormatName(LayoutFormat format)
{
    switch (format) {
    case LayoutFormat::OciDirectory:
        return "oci";
    case LayoutFormat::OciArchive:
        return "oci-archive";
    case LayoutFormat::DockerArchive:
        return "docker-archive";
    }
    return "oci";
}

} // namespace berth::archive
