#pragma once

#include <optional>
#include <string_view>

namespace berth::archive {

// Where images go for a site without a network path to a registry.
enum class LayoutFormat
{
    OciDirectory,  // an OCI image layout: oci-layout, index.json, blobs/<alg>/<hex>
    OciArchive,    // the same layout as one tar (skopeo's oci-archive:)
    DockerArchive, // a tar `docker load` takes: the OCI layout plus manifest.json
};

// "oci", "oci-archive", "docker-archive" (the CLI's --format).
std::optional<LayoutFormat> parseLayoutFormat(std::string_view name);
std::string_view layoutFormatName(LayoutFormat format);

} // namespace berth::archive
