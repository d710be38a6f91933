#pragma once

#include "oci/digest.h"

#include <string>
#include <vector>

namespace berth::oci {

// Docker image manifest v2 schema 1 (read-only; signed or not).
struct Schema1Manifest
{
    std::string name;
    std::string tag;
    std::string architecture;
    std::vector<Digest> fsLayers;
    std::vector<std::string> v1Compatibility;
};

} // namespace berth::oci
