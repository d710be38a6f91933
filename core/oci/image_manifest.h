#pragma once

#include "oci/descriptor.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::oci {

// Docker schema2 image manifest or OCI image manifest (artifacts included).
struct ImageManifest
{
    int schemaVersion = 2;
    std::string mediaType;
    std::string artifactType;
    Descriptor config;
    std::vector<Descriptor> layers;
    std::optional<Descriptor> subject;
    std::map<std::string, std::string> annotations;
};

} // namespace berth::oci
