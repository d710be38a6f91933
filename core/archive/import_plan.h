#pragma once

#include "archive/layout_contents.h"

#include "oci/digest.h"
#include "oci/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace berth::archive {

// What importing one image of a layout pushes, in order: its blobs, then
// its manifests children first (an index's platforms, the image, then its
// referrers), the exact bytes the layout holds; the tag is the caller's.
struct ImportPlan
{
    struct Manifest
    {
        oci::Digest digest;
        std::string mediaType;
        std::string bytes;
        std::string tag; // a referrer's own tag (cosign's, the fallback's); empty: by digest
    };
    struct Blob
    {
        oci::Digest digest;
        std::int64_t size = 0;
        std::string entry; // where the layout holds it: "blobs/sha256/<hex>", "<id>/layer.tar"
    };
    oci::Digest image = oci::Digest::emptySha256(); // what the destination tag will name
    std::string refName;
    std::string imageName;
    std::vector<Blob> blobs;
    std::vector<Manifest> manifests; // the image last but for its referrers
    int referrers = 0;
    std::int64_t blobBytes() const;
};

// Plans the import of the image `ref` names (a ref name or an image
// name in index.json; empty: the only image it names). Every manifest
// must be in the layout, verified, parsed; every blob it names present
// with the size its descriptor gives. A docker save archive without
// index.json goes through planDockerArchiveImport. Errors
// (ARCHIVE_INVALID, NOT_FOUND for a ref the layout does not name,
// AMBIGUOUS) say which entry and why.
Result<ImportPlan> planImport(const LayoutContents &contents, std::string_view ref);

// A docker save archive of the form before Docker 25 (manifest.json,
// "<id>.json" configurations, uncompressed "<id>/layer.tar" layers): the
// image `ref` names among RepoTags (empty: the only one) becomes an OCI
// image manifest made here — the configuration as it is, each layer
// uncompressed under its diff ID (so its digest is the one the
// configuration names), which is a new manifest digest: docker save
// keeps no manifest.
Result<ImportPlan> planDockerArchiveImport(const LayoutContents &contents, std::string_view ref);

} // namespace berth::archive
