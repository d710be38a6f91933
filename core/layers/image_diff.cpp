#include "layers/image_diff.h"

#include <algorithm>
#include <set>

namespace berth::layers {

namespace {

bool isFile(const FileEntry &e)
{
    return e.type == EntryType::File || e.type == EntryType::Hardlink;
}

std::optional<FileDiff> compare(const FileEntry &a, const FileEntry &b)
{
    FileDiff d;
    d.path = a.path;
    // A hard link and the file it shares count as the same kind of thing.
    d.type = a.type != b.type && !(isFile(a) && isFile(b));
    d.mode = a.mode != b.mode;
    d.owner = a.uid != b.uid || a.gid != b.gid;
    if (a.type != EntryType::Directory || b.type != EntryType::Directory) {
        d.size = a.size != b.size;
        d.contents = isFile(a) && isFile(b) && a.content != b.content;
        d.link = a.type == EntryType::Symlink && b.type == EntryType::Symlink &&
                 a.linkTarget != b.linkTarget;
    }
    if (!(d.type || d.mode || d.owner || d.size || d.contents || d.link))
        return std::nullopt;
    d.left = a;
    d.right = b;
    return d;
}

void diffLayers(const std::vector<oci::Digest> &left, const std::vector<oci::Digest> &right,
                ImageDiff &out)
{
    const std::set<oci::Digest> inLeft(left.begin(), left.end());
    const std::set<oci::Digest> inRight(right.begin(), right.end());
    for (const oci::Digest &d : left)
        (inRight.count(d) ? out.sharedLayers : out.onlyLeft).push_back(d);
    for (const oci::Digest &d : right)
        if (!inLeft.count(d))
            out.onlyRight.push_back(d);
}

} // namespace

ImageDiff ImageDiff::of(const std::vector<oci::Digest> &leftLayers, const MergedTree &left,
                        const std::vector<oci::Digest> &rightLayers, const MergedTree &right)
{
    ImageDiff out;
    diffLayers(leftLayers, rightLayers, out);
    const auto &a = left.entries();
    const auto &b = right.entries();
    std::size_t i = 0;
    std::size_t j = 0;
    const auto bytesOf = [](const FileEntry &e) {
        return e.type == EntryType::File ? e.size : 0;
    };
    // Both are sorted by path: one walk side by side.
    while (i < a.size() || j < b.size()) {
        const bool takeLeft = j >= b.size() || (i < a.size() && a[i].entry.path < b[j].entry.path);
        const bool takeRight = i >= a.size() || (j < b.size() && b[j].entry.path < a[i].entry.path);
        if (takeLeft) {
            const FileEntry &e = a[i++].entry;
            out.removedBytes += bytesOf(e);
            out.files.push_back({e.path, DiffKind::Removed, e, std::nullopt});
        } else if (takeRight) {
            const FileEntry &e = b[j++].entry;
            out.addedBytes += bytesOf(e);
            out.files.push_back({e.path, DiffKind::Added, std::nullopt, e});
        } else {
            if (auto changed = compare(a[i].entry, b[j].entry))
                out.files.push_back(std::move(*changed));
            ++i;
            ++j;
        }
    }
    return out;
}

} // namespace berth::layers
