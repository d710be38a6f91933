#include "inspect/layer_index_job.h"

#include "local/background_task.h"

#include "layers/layer_index_cache.h"

namespace berth::inspect {

LayerIndexJob::LayerIndexJob(client::RegistrySession *session, QString repository,
                             oci::Descriptor layer,
                             std::shared_ptr<const layers::LayerIndexCache> cache,
                             layers::IndexLimits limits)
    : LayerStreamJob(session, std::move(repository))
    , m_layer(std::move(layer))
    , m_cache(std::move(cache))
    , m_limits(limits)
    , m_index(std::make_shared<std::shared_ptr<const layers::LayerIndex>>())
{
}

void LayerIndexJob::emitFailure(const client::ClientError &error)
{
    Q_EMIT finished(error);
}

void LayerIndexJob::run()
{
    if (!checkRepository(repository()))
        return;
    if (!m_cache) {
        index();
        return;
    }
    using Cached = std::shared_ptr<const layers::LayerIndex>;
    local::BackgroundTask::start(
        this,
        [cache = m_cache, digest = m_layer.digest]() -> Cached {
            auto index = cache->load(digest);
            return index ? std::make_shared<const layers::LayerIndex>(std::move(*index)) : nullptr;
        },
        [this](const Cached &index) {
            if (isFinished())
                return;
            if (!index) {
                this->index();
                return;
            }
            Q_EMIT received(index->blobBytes);
            if (beginFinish())
                Q_EMIT finished(index);
        });
}

void LayerIndexJob::index()
{
    stream(m_layer,
           [out = m_index, digest = m_layer.digest,
            limits = m_limits](layers::ByteSource &source) -> Status {
               auto index = layers::indexLayer(source, digest, limits);
               if (!index.ok())
                   return index.error();
               *out = std::make_shared<const layers::LayerIndex>(std::move(index).value());
               return Ok{};
           });
}

void LayerIndexJob::streamed()
{
    const std::shared_ptr<const layers::LayerIndex> index = *m_index;
    if (!m_cache) {
        if (beginFinish())
            Q_EMIT finished(index);
        return;
    }
    // Verified now: worth keeping, before the job ends (berth-cli exits
    // then). A cache that cannot be written is no failure.
    local::BackgroundTask::start(
        this, [cache = m_cache, index] { return cache->store(*index); },
        [this, index](const Status &) {
            if (beginFinish())
                Q_EMIT finished(index);
        });
}

} // namespace berth::inspect
