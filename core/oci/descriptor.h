#pragma once

#include "oci/digest.h"
#include "oci/platform.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::oci {

// A content descriptor: what a manifest says about a blob or child manifest.
struct Descriptor
{
    std::string mediaType;
    Digest digest = Digest::emptySha256();
    std::int64_t size = 0;
    std::vector<std::string> urls;
    std::map<std::string, std::string> annotations;
    std::optional<Platform> platform;
    std::string artifactType;

    // BuildKit attestation manifests (SBOM, provenance) inside an index.
    bool isAttestation() const;
};

} // namespace berth::oci
