#pragma once

#include <QString>

#include <cstdint>
#include <memory>

namespace berth::layers {
class LayerIndexCache;
}

namespace berth::inspect {

// Where the app and berth-cli keep layer indexes: "layers" under the
// user's cache folder ($XDG_CACHE_HOME/Berth, ~/.cache/Berth).
QString layerCacheDirectory();
// The cache there, one for the whole program.
std::shared_ptr<const layers::LayerIndexCache> sharedLayerCache();
// Its bound (Preferences; default LayerIndexCache::kDefaultMaxBytes),
// from the next layer indexed on.
void setLayerCacheLimit(std::int64_t bytes);

} // namespace berth::inspect
