#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace berth::local {

// The storage.filesystem.rootdirectory a registry:2 config.yml names, read
// without a YAML library (the GUI links none): block-style mappings, as
// registry configs are written — two-space or any consistent indentation,
// comments, plain or quoted scalars. `environmentValue` (the process's
// REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY, or null) wins, as in
// distribution. Anything else (flow style, tabs, garbage) finds nothing:
// nullopt. Used only to name who serves a directory, never to act on it.
std::optional<std::string> configuredRootDirectory(std::string_view yaml,
                                                   const char *environmentValue);

} // namespace berth::local
