#pragma once

// Layer indexes written by hand for merge, waste and diff tests.

#include "layers/layer_index.h"

#include <string>
#include <vector>

namespace berth::layers::test {

inline FileEntry file(std::string path, std::int64_t size, std::uint8_t contents = 1)
{
    FileEntry e;
    e.path = std::move(path);
    e.size = size;
    e.content[0] = contents;
    e.content[1] = static_cast<std::uint8_t>(size & 0xff);
    return e;
}

inline FileEntry folder(std::string path, std::uint32_t mode = 0755)
{
    FileEntry e;
    e.path = std::move(path);
    e.type = EntryType::Directory;
    e.mode = mode;
    return e;
}

inline FileEntry special(std::string path, EntryType type, std::string link = {})
{
    FileEntry e;
    e.path = std::move(path);
    e.type = type;
    e.linkTarget = std::move(link);
    return e;
}

inline LayerIndex layer(std::vector<FileEntry> entries)
{
    LayerIndex index;
    index.entries = std::move(entries);
    return index;
}

inline std::vector<const LayerIndex *> pointers(const std::vector<LayerIndex> &layers)
{
    std::vector<const LayerIndex *> out;
    for (const LayerIndex &l : layers)
        out.push_back(&l);
    return out;
}

} // namespace berth::layers::test
