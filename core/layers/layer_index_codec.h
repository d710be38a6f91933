#pragma once

#include "layers/layer_index.h"

#include "oci/result.h"

#include <string>
#include <string_view>

namespace berth::layers {

// A layer index as the cache keeps it: a versioned binary form with a
// SHA-256 of its body, so that a torn, damaged or foreign file is told
// apart from an index — never trusted.
std::string encodeLayerIndex(const LayerIndex &index);
// INDEX_INVALID for anything but an intact index of `digest`.
Result<LayerIndex> decodeLayerIndex(std::string_view bytes, const oci::Digest &digest);

} // namespace berth::layers
