#pragma once

#include "inspect/image_files.h"

#include "client/content_cache.h"
#include "client/job.h"

#include "layers/layer_indexer.h"

#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

namespace berth::layers {
class LayerIndexCache;
}

namespace berth::inspect {

class LayerIndexJob;

// Lists an image's files without pulling it: resolves the reference (an
// index to one platform: the one asked for, else this machine's), reads
// its config (for diffs; an unreadable one is left out), indexes
// its layers two at a time (LayerIndexJob: from the cache, or streamed)
// and merges them (and measures the waste) on a worker. Layers that are no filesystem (an artifact)
// and foreign layers are refused up front.
class ImageFilesJob : public client::Job
{
    Q_OBJECT

public:
    ImageFilesJob(client::RegistrySession *session, QString repository, QString reference,
                  std::optional<oci::Platform> platform,
                  std::shared_ptr<const layers::LayerIndexCache> cache,
                  layers::IndexLimits limits = {});

Q_SIGNALS:
    // Layer bytes read or found in the cache, of all the layers'.
    void progress(qint64 bytesDone, qint64 bytesTotal, int layersDone, int layers);
    void finished(const berth::client::ClientResult<berth::inspect::ImageFiles> &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;

private:
    void onManifest(const client::ClientResult<std::shared_ptr<const client::CachedManifest>> &m);
    bool choosePlatform(const oci::ImageIndex &index);
    void useImage(const client::CachedManifest &manifest);
    void readLayers();
    void startNext();
    void onLayer(int layer,
                 const client::ClientResult<std::shared_ptr<const layers::LayerIndex>> &r);
    void emitProgress();
    void merge();
    client::ClientError refusal(const QString &why) const;

    std::optional<oci::Platform> m_wanted;
    std::shared_ptr<const layers::LayerIndexCache> m_cache;
    layers::IndexLimits m_limits;
    ImageFiles m_files;
    bool m_childFetched = false;
    int m_next = 0;
    int m_running = 0;
    int m_done = 0;
    QList<qint64> m_received; // per layer
};

} // namespace berth::inspect
