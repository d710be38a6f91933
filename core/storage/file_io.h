#pragma once

#include "oci/digest.h"
#include "oci/digest_hasher.h"
#include "oci/result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace berth::storage {

// Reads a small file whole, refusing files larger than `maxBytes` and
// anything that is not a regular file (symlinks are not followed).
Result<std::string> readSmallFile(const std::filesystem::path &path, std::uintmax_t maxBytes);

// Crash-safe write: temp file in the same directory, fsync, rename over the
// target, fsync the directory (an error if it fails: not durable, not
// done). Missing parent folders are made durably (makeDirectoryDurable).
// `mode` is the new file's permission bits (before the umask).
Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes,
                           unsigned mode = 0644);

// A link file holds exactly "sha256:<64 hex>" (distribution writes no
// newline; a single trailing newline from hand edits is tolerated).
Result<oci::Digest> readLink(const std::filesystem::path &path);
Status writeLink(const std::filesystem::path &path, const oci::Digest &digest);

// The same two reads on a descriptor the caller opened (Directory opens
// relative to a folder); `name` is for messages.
Result<std::string> readOpenFile(int fd, std::uintmax_t maxBytes, const std::string &name);
Result<oci::Digest> readOpenLink(int fd, const std::string &name, bool *hadNewline = nullptr);

// Streams a file through SHA-256 (OpenSSL), bounded memory.
Result<oci::Digest> hashFile(const std::filesystem::path &path, oci::DigestAlgorithm algorithm);
// The same, feeding a hasher the caller keeps using (resumed uploads).
Status hashFileInto(const std::filesystem::path &path, oci::DigestHasher &hasher);

} // namespace berth::storage
