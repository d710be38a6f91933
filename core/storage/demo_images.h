#pragma once

#include "oci/result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace berth::storage {

struct DemoSummary
{
    std::vector<std::string> references; // "demo/hello:1.0", ...
    std::size_t blobs = 0;
};

// A few small images made here (no network), written into a registry:2 data
// directory the way a push would (blobs placed atomically, then manifests,
// then tags), so a newcomer's registry is not empty: demo/hello with tags
// sharing an image, demo/web as a multi-arch index, demo/tools with dated
// releases for trying retention rules. Layers are tiny uncompressed tars.
// Writing into a directory a registry serves is safe (the same atomic steps
// as its own writes). Idempotent: the same content every time.
Result<DemoSummary> writeDemoImages(const std::filesystem::path &root);

} // namespace berth::storage
