#include "inspect/layer_cache_location.h"

#include "layers/layer_index_cache.h"

#include <QStandardPaths>

namespace berth::inspect {

QString layerCacheDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/Berth/layers");
}

namespace {

std::shared_ptr<layers::LayerIndexCache> theCache()
{
    static const auto cache =
        std::make_shared<layers::LayerIndexCache>(layerCacheDirectory().toStdString());
    return cache;
}

} // namespace

std::shared_ptr<const layers::LayerIndexCache> sharedLayerCache()
{
    return theCache();
}

void setLayerCacheLimit(std::int64_t bytes)
{
    theCache()->setMaxBytes(bytes);
}

} // namespace berth::inspect
