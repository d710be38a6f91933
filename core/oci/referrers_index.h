#pragma once

#include "oci/descriptor.h"
#include "oci/parsed_manifest.h"

#include <cstdint>
#include <string>
#include <vector>

namespace berth::oci {

// How the OCI 1.1 referrers list names a manifest that has a subject: its
// media type, digest and size, its artifactType (the manifest's own, else
// its config's media type) and its annotations.
Descriptor referrerDescriptor(const ParsedManifest &manifest, const Digest &digest,
                              std::int64_t size);

// An OCI image index listing `manifests` (media type, digest, size, and
// artifactType and annotations when set): what the referrers API answers,
// and what the referrers tag schema stores under sha256-<hex>.
std::string referrersIndexJson(const std::vector<Descriptor> &manifests);

} // namespace berth::oci
