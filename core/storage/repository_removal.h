#pragma once

#include "oci/result.h"

#include <filesystem>
#include <string>

namespace berth::storage {

// Removes a repository that has no tags and no upload in progress: its
// folder (untagged manifests' links, layer links) goes, blobs stay for
// garbage collection. A nested repository below it is untouched. Errors:
// NAME_INVALID, NAME_UNKNOWN, NOT_EMPTY (tags or uploads; nothing removed),
// IO.
Status removeEmptyRepository(const std::filesystem::path &root, const std::string &name);

} // namespace berth::storage
