#include "inspect/layer_cache_location.h"

#include "layers/layer_index_cache.h"

#include <QStandardPaths>

namespace berth::inspect {

QString layerCacheDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/Berth/layers");
}

std::shared_ptr<const layers::LayerIndexCache> sharedLayerCache()
{
    static const auto cache =
        std::make_shared<const layers::LayerIndexCache>(layerCacheDirectory().toStdString());
    return cache;
}

} // namespace berth::inspect
