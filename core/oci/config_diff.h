#pragma once

#include "oci/image_config.h"

#include <string>
#include <vector>

namespace berth::oci {

// One setting that differs between two image configs. `left` or `right`
// is empty when the setting is only on one side (an Env variable, a
// label, a port, a volume).
struct ConfigChange
{
    std::string field; // "User", "Cmd", "Env PATH", "Label org.opencontainers.image.version", ...
    std::string left;
    std::string right;
};

// What a person checks when two tags of one image behave differently:
// platform, user, working directory, entrypoint, command, each Env
// variable, exposed port, volume and label, and the build history's
// length, in that order.
std::vector<ConfigChange> diffConfigs(const ImageConfig &left, const ImageConfig &right);

} // namespace berth::oci
