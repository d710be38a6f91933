#pragma once

#include "client/job.h"

#include "layers/byte_source.h"

#include "oci/descriptor.h"

#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace berth::client {
class BodyPipe;
class StreamBlobJob;
} // namespace berth::client

namespace berth::layers {
class ByteChannel;
}

namespace berth::inspect {

// What jobs that read inside a layer share: the blob streams from the
// registry (StreamBlobJob, paced by a BodyPipe) through a
// layers::ByteChannel into a reader on a worker — a pool of its own, since
// the worker waits for the network — never whole in memory nor on disk.
// The download starts when the reader does: one queued for a thread holds
// no connection open.
// What the reader found counts only once every byte matched the digest.
class LayerStreamJob : public client::Job
{
    Q_OBJECT

public:
    ~LayerStreamJob() override;

Q_SIGNALS:
    // Bytes of the blob so far (for progress).
    void received(qint64 bytes);

protected:
    LayerStreamJob(client::RegistrySession *session, QString repository);

    const QString &repository() const { return m_repository; }

    using Reader = std::function<Status(layers::ByteSource &)>;
    // Streams `layer` into `reader` (on the worker). Then either
    // streamed() runs — the reader succeeded and the blob matched its
    // digest — or the job fails (the reader's error in words, or the
    // download's). May be called again from streamed() for another read.
    void stream(const oci::Descriptor &layer, Reader reader);
    virtual void streamed() = 0;

private:
    void startDownload();
    void pump();
    void onDownloaded(const client::ClientResult<qint64> &result);
    void onRead(const Status &status);
    void stopStream();

    QString m_repository;
    std::shared_ptr<layers::ByteChannel> m_channel;
    QPointer<client::BodyPipe> m_pipe;
    QPointer<client::StreamBlobJob> m_download;
    oci::Descriptor m_layer; // streaming now
    bool m_downloadStarted = false;
    bool m_downloaded = false;
    bool m_read = false;
};

// The error a layers:: failure is to a person: LAYER_INVALID and
// LAYER_TOO_LARGE are said as they are, with the layer named.
client::ClientError layerError(const Error &error);

} // namespace berth::inspect
