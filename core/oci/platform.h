#pragma once

#include <optional>
#include <string>
#include <string_view>
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

// "os/arch[/variant]" as docker's --platform takes it ("linux/arm64/v8");
// nullopt for anything else (empty parts, more than three, characters
// outside [a-z0-9._-]).
std::optional<Platform> parsePlatform(std::string_view text);

// The platform this program was built for: "linux/amd64", "linux/arm64/v8".
Platform hostPlatform();

// Whether an image for `candidate` runs natively on `host`: the same OS and
// architecture, and the same variant where both name one (an arm64 image
// without a variant is v8).
bool runsOn(const Platform &candidate, const Platform &host);

// Of `candidates`, the one to show first on `host`: the first that runs on
// it, else the first that is not unknown/unknown, else the first; -1 if none.
int preferredPlatform(const std::vector<Platform> &candidates, const Platform &host);

} // namespace berth::oci
