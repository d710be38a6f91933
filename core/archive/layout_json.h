#pragma once

#include "archive/layout_image.h"

#include <string>
#include <vector>

namespace berth::archive {

inline constexpr const char *kRefNameAnnotation = "org.opencontainers.image.ref.name";
inline constexpr const char *kImageNameAnnotation = "io.containerd.image.name";

// The `oci-layout` marker file.
std::string layoutMarkerJson();
// index.json: an OCI image index listing `images`.
std::string layoutIndexJson(const std::vector<LayoutImage> &images);
// docker-archive's manifest.json: each image with a config, its RepoTags
// and layer paths (blobs/<alg>/<hex>, inside the same tar).
std::string dockerManifestJson(const std::vector<LayoutImage> &images);
// Where a blob lives in a layout: "blobs/sha256/<hex>".
std::string blobPath(const oci::Digest &digest);

} // namespace berth::archive
