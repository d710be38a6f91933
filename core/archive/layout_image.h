#pragma once

#include "oci/descriptor.h"
#include "oci/digest.h"

#include <optional>
#include <string>
#include <vector>

namespace berth::archive {

// One entry of a layout's index.json: an image (or index) under a name, or
// a referrer (a signature, an SBOM) listed so that readers keep it.
struct LayoutImage
{
    oci::Descriptor manifest; // mediaType, digest, size; platform and artifactType where known
    std::string refName;      // org.opencontainers.image.ref.name: the tag ("1.4"); empty: none
    std::string imageName;    // io.containerd.image.name / RepoTags: "host:5000/app:1.4"
    // For docker-archive's manifest.json (a single-platform image only).
    std::optional<oci::Digest> config;
    std::vector<oci::Digest> layers;
};

} // namespace berth::archive
