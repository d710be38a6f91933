#pragma once

#include "oci/result.h"

#include <string>
#include <string_view>

namespace berth::inspect {

// Writes `bytes` to `path` as a new file: a hidden temporary beside it,
// then a rename — so a file already there (the user chose to replace it)
// is replaced whole, and a symbolic link at `path` is replaced itself,
// never written through. `mode`: its permission bits (setuid and the
// like dropped). Errors: IO, with the path.
Status saveFile(const std::string &path, std::string_view bytes, unsigned mode = 0644);

} // namespace berth::inspect
