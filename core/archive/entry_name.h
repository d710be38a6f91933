#pragma once

#include "oci/digest.h"
#include "oci/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace berth::archive {

// An archive entry's name made relative and plain ("./blobs/x" →
// "blobs/x", a folder's trailing slash dropped); ARCHIVE_INVALID for an
// absolute name, a ".." component or an empty one: such an entry would
// point outside the layout.
Result<std::string> plainEntryName(std::string_view name);

// The digest a layout's "blobs/<alg>/<hex>" names; nullopt for anything else.
std::optional<oci::Digest> blobDigestOf(std::string_view name);

} // namespace berth::archive
