#pragma once

#include "oci/descriptor.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::oci {

// OCI image index or Docker manifest list.
struct ImageIndex
{
    int schemaVersion = 2;
    std::string mediaType;
    std::string artifactType;
    std::vector<Descriptor> manifests;
    std::optional<Descriptor> subject;
    std::map<std::string, std::string> annotations;
};

} // namespace berth::oci
