#pragma once

#include "archive/layout_image.h"

#include "oci/digest.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace berth::archive {

// What a layout or image archive names and holds, every entry checked:
// index.json's entries, the JSON documents among its blobs (manifests
// and configs, read whole and verified against their digests), and every
// blob with its size (read later, one at a time, and verified then).
struct LayoutContents
{
    bool hasIndex = false;           // index.json (an OCI layout, or Docker 25's docker-archive)
    std::vector<LayoutImage> images; // index.json's entries, in order
    std::map<oci::Digest, std::string> documents;
    std::map<oci::Digest, std::int64_t> blobs;
    // docker's manifest.json, where there is one (its RepoTags and paths).
    std::string dockerManifest;
    // Every regular entry (its plain name) and its size; and the JSON
    // files beside manifest.json (a docker save archive's configurations,
    // "<hex>.json"), read whole.
    std::map<std::string, std::int64_t> files;
    std::map<std::string, std::string> looseDocuments;
    // Links in a tar (skopeo's and Docker's "<id>/layer.tar" aliases):
    // never followed; named only to say why an entry cannot be used.
    std::map<std::string, std::string> links;
};

} // namespace berth::archive
