#pragma once

#include "oci/result.h"

#include <filesystem>
#include <string_view>

namespace berth::archive {

// Every byte to `fd`, retrying short writes; errors name `path`.
Status writeAll(int fd, std::string_view bytes, const std::filesystem::path &path);
// fsync and close `fd` (a file written at `from`), rename it to `to`, and
// fsync the folder, so the file is there whole after a power loss or not
// at all. `fd` is closed whatever happens.
Status syncCloseAndRename(int fd, const std::filesystem::path &from,
                          const std::filesystem::path &to);
// `bytes` at `path` the same way (through a hidden temporary file beside it).
Status writeFileDurably(const std::filesystem::path &path, std::string_view bytes);

} // namespace berth::archive
