#pragma once

#include "inspect/layer_stream_job.h"

#include "layers/layer_index.h"
#include "layers/layer_indexer.h"

#include <memory>

namespace berth::layers {
class LayerIndexCache;
}

namespace berth::inspect {

// One layer's index: from the cache when it has the digest, else the blob
// streams through layers::indexLayer (LayerStreamJob); once the download
// matched its digest the index is cached, then reported.
class LayerIndexJob : public LayerStreamJob
{
    Q_OBJECT

public:
    LayerIndexJob(client::RegistrySession *session, QString repository, oci::Descriptor layer,
                  std::shared_ptr<const layers::LayerIndexCache> cache,
                  layers::IndexLimits limits = {});

Q_SIGNALS:
    void
    finished(const berth::client::ClientResult<std::shared_ptr<const berth::layers::LayerIndex>>
                 &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;
    void streamed() override;

private:
    void index();

    oci::Descriptor m_layer;
    std::shared_ptr<const layers::LayerIndexCache> m_cache;
    layers::IndexLimits m_limits;
    std::shared_ptr<std::shared_ptr<const layers::LayerIndex>> m_index; // the worker's result
};

} // namespace berth::inspect
