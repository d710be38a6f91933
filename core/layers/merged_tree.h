#pragma once

#include "layers/layer_index.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace berth::layers {

enum class ChangeKind : std::uint8_t
{
    Added,
    Modified, // contents, size, type, link, mode or owner differ
    Removed,  // a whiteout, an opaque folder, or a folder replaced by a file
};

// What one layer did to the layers below it.
struct LayerChange
{
    std::string path;
    ChangeKind kind = ChangeKind::Added;
    EntryType type = EntryType::File; // the entry written, or the one removed
    std::int64_t bytes = 0;           // written, or removed (a folder's: all under it)
};

// A file's version that a later layer overwrote or deleted: bytes an image
// carries that no container sees.
struct Superseded
{
    std::string path;
    std::int64_t bytes = 0;
    int layer = 0; // the layer that wrote it
    int by = 0;    // the layer that overwrote or deleted it
};

// One entry of the image's filesystem and the layer that last wrote it.
struct MergedEntry
{
    FileEntry entry;
    int layer = 0;
    bool implicit = false; // a folder no tar listed, under an entry that was
};

// What a container sees: the layers applied bottom first as the OCI image
// spec says (a layer's whiteouts hide only what is below it; an opaque
// folder hides all below it), the entries sorted by path.
class MergedTree
{
public:
    static MergedTree build(const std::vector<const LayerIndex *> &layers);

    const std::vector<MergedEntry> &entries() const { return m_entries; }
    const MergedEntry *find(std::string_view path) const;
    // `path` with its symbolic links followed inside the image (absolute
    // targets from its root, at most 16 links, never above the root), as
    // a container opening it would: nullptr when it leads nowhere.
    const MergedEntry *resolve(std::string_view path) const;
    int indexOf(std::string_view path) const; // -1: none
    // By index into entries(); -1 is the root.
    int parentIndex(int index) const { return m_parent[static_cast<std::size_t>(index)]; }
    const std::vector<int> &childrenOf(int index) const; // in path order
    std::int64_t bytesUnder(int index) const;            // a file's size, a folder's total
    // Per layer, bottom first.
    const std::vector<std::vector<LayerChange>> &changes() const { return m_changes; }
    const std::vector<Superseded> &superseded() const { return m_superseded; }
    std::int64_t fileBytes() const; // the regular files' bytes a container sees

private:
    class Builder;

    std::vector<MergedEntry> m_entries; // sorted by path
    std::vector<int> m_parent;
    std::vector<std::vector<int>> m_children; // and the root's last
    std::vector<std::int64_t> m_bytes;        // and the root's last
    std::vector<std::vector<LayerChange>> m_changes;
    std::vector<Superseded> m_superseded;
};

} // namespace berth::layers
