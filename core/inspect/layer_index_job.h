#pragma once

#include "client/job.h"

#include "layers/layer_index.h"
#include "layers/layer_indexer.h"

#include "oci/descriptor.h"

#include <QPointer>
#include <QString>

#include <memory>

namespace berth::client {
class BodyPipe;
class StreamBlobJob;
} // namespace berth::client

namespace berth::layers {
class ByteChannel;
class LayerIndexCache;
} // namespace berth::layers

namespace berth::inspect {

// One layer's index: from the cache when it has the digest, else the blob
// streams from the registry into layers::indexLayer on a worker (a pool
// of its own: the worker waits for the download), never whole in memory
// nor on disk. The index counts only once the download's digest matched;
// then it is cached. received() follows the download.
class LayerIndexJob : public client::Job
{
    Q_OBJECT

public:
    LayerIndexJob(client::RegistrySession *session, QString repository, oci::Descriptor layer,
                  std::shared_ptr<const layers::LayerIndexCache> cache,
                  layers::IndexLimits limits = {});
    ~LayerIndexJob() override;

Q_SIGNALS:
    void received(qint64 bytes);
    void
    finished(const berth::client::ClientResult<std::shared_ptr<const berth::layers::LayerIndex>>
                 &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;

private:
    void download();
    void pump();
    void onDownloaded(const client::ClientResult<qint64> &result);
    using Indexed = Result<std::shared_ptr<const layers::LayerIndex>>;
    void onIndexed(const Indexed &index);
    void finishIfDone();

    QString m_repository;
    oci::Descriptor m_layer;
    std::shared_ptr<const layers::LayerIndexCache> m_cache;
    layers::IndexLimits m_limits;
    std::shared_ptr<layers::ByteChannel> m_channel;
    QPointer<client::BodyPipe> m_pipe;
    QPointer<client::StreamBlobJob> m_download;
    bool m_downloaded = false;
    std::shared_ptr<const layers::LayerIndex> m_index;
};

// The error a layers:: failure is to a person: LAYER_INVALID and
// LAYER_TOO_LARGE are said as they are, with the layer named.
client::ClientError layerError(const Error &error);

} // namespace berth::inspect
