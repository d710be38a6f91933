#pragma once

#include "oci/descriptor.h"
#include "oci/image_index.h"
#include "oci/platform.h"
#include "oci/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace berth::oci {

// Of an index, what a copy of some platforms keeps: each platform image
// that runs on one of `platforms` (runsOn), and BuildKit's attestation
// manifest of each (vnd.docker.reference.digest names it), in the index's
// order.
std::vector<Descriptor> manifestsFor(const ImageIndex &index,
                                     const std::vector<Platform> &platforms);

// The index's bytes with only the manifests `keep` names (by digest) left
// in its "manifests" list; every other field, and the order of all, as it
// was. MANIFEST_INVALID when the bytes are no JSON object with such a list.
Result<std::string> indexSubset(std::string_view indexBytes, const std::vector<Digest> &keep);

} // namespace berth::oci
