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

std::vector<oci::Digest> ImageFiles::layerDigests() const
{
    std::vector<oci::Digest> out;
    out.reserve(layers.size());
    for (const oci::Descriptor &layer : layers)
        out.push_back(layer.digest);
    return out;
}

} // namespace berth::inspect
