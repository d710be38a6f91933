#pragma once

#include "oci/result.h"

#include <filesystem>

namespace berth::storage {

// A name in a folder survives a power cut only once that folder was
// synced after the name appeared (POSIX promises no more; berth-crash-fs
// holds the store to it). These make folders, and what is renamed into
// them, durable — and remember what this process made durable, so that a
// name costs one fsync, not one per use.

// fsync of the folder itself: the names it holds now are durable.
Status syncDirectory(const std::filesystem::path &dir);

// `dir` exists and so does every folder above it, each name durable: a
// folder not known durable is made (if missing) and the folder holding it
// synced, from the top down.
Status makeDirectoryDurable(const std::filesystem::path &dir);

// A file just written through a temporary and a rename by someone else
// (QSaveFile, QSettings): its name, and its folder's up to the root,
// made durable.
Status makeFileDurable(const std::filesystem::path &file);

// The name `path` (a file another thread may have just renamed into
// place, not yet synced) is durable before the caller builds on it.
Status makeNameDurable(const std::filesystem::path &path);
// This process synced `path`'s folder after `path` appeared.
void rememberDurable(const std::filesystem::path &path);
// `removed` (and everything below it) is gone: a name remembered there
// may be made again and not synced yet, so it is checked afresh.
void forgetDurable(const std::filesystem::path &removed);

} // namespace berth::storage
