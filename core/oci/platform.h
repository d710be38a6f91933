#pragma once

#include <string>
#include <vector>

namespace berth::oci {

struct Platform
{
    std::string architecture;
    std::string os;
    std::string variant;
    std::string osVersion;
    std::vector<std::string> osFeatures;

    // "linux/arm64/v8", "linux/amd64"
    std::string toString() const;
    // BuildKit marks attestation manifests with unknown/unknown.
    bool isUnknown() const { return architecture == "unknown" && os == "unknown"; }

    friend bool operator==(const Platform &, const Platform &) = default;
};

} // namespace berth::oci
