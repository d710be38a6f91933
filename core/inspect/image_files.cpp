#include "inspect/image_files.h"

namespace berth::inspect {

std::vector<const layers::LayerIndex *> ImageFiles::layerIndexes() const
{
    std::vector<const layers::LayerIndex *> out;
    out.reserve(indexes.size());
    for (const auto &index : indexes)
        out.push_back(index.get());
    return out;
}

} // namespace berth::inspect
