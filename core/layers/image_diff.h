#pragma once

#include "layers/merged_tree.h"

#include "oci/digest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace berth::layers {

enum class DiffKind : std::uint8_t
{
    Added,   // only in the right image
    Removed, // only in the left image
    Changed, // in both, and different
};

// What differs between two versions of one path (what a person calls a
// change: contents, size, type, link, mode or owner; never the mtime).
struct FileDiff
{
    std::string path;
    DiffKind kind = DiffKind::Changed;
    std::optional<FileEntry> left;
    std::optional<FileEntry> right;
    bool contents = false; // a regular file's bytes differ
    bool size = false;
    bool type = false;
    bool link = false;
    bool mode = false;
    bool owner = false;
};

// Two images compared: their layers by digest (shared, only left, only
// right, in each image's order) and their filesystems as a container sees
// them, path by path: every entry added or removed (a folder and all in
// it), and a folder changed only when its own mode or owner did.
struct ImageDiff
{
    std::vector<oci::Digest> sharedLayers;
    std::vector<oci::Digest> onlyLeft;
    std::vector<oci::Digest> onlyRight;
    std::vector<FileDiff> files;   // path order
    std::int64_t addedBytes = 0;   // files only in the right image
    std::int64_t removedBytes = 0; // files only in the left image

    static ImageDiff of(const std::vector<oci::Digest> &leftLayers, const MergedTree &left,
                        const std::vector<oci::Digest> &rightLayers, const MergedTree &right);
};

} // namespace berth::layers
