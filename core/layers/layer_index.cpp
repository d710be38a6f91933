#include "layers/layer_index.h"

namespace berth::layers {

std::int64_t LayerIndex::fileBytes() const
{
    std::int64_t total = 0;
    for (const FileEntry &entry : entries)
        if (entry.type == EntryType::File)
            total += entry.size;
    return total;
}

} // namespace berth::layers
