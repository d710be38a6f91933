#include "inspect/layer_stream_job.h"

#include "client/body_pipe.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"
#include "local/background_task.h"

#include "layers/byte_channel.h"

#include <QThreadPool>

namespace berth::inspect {

namespace {

// What the worker may hold unread: a few of libarchive's reads.
constexpr std::size_t kChannelBytes = 2 << 20;

// Readers wait for their downloads: they get threads of their own.
QThreadPool *layerPool()
{
    static QThreadPool *pool = local::BackgroundTask::poolOfItsOwn(4);
    return pool;
}

} // namespace

client::ClientError layerError(const Error &error)
{
    client::ClientErrorKind kind = client::ClientErrorKind::InvalidResponse;
    if (error.code == "LAYER_TOO_LARGE" || error.code == "TOO_LARGE")
        kind = client::ClientErrorKind::TooLarge;
    else if (error.code == "CANCELLED")
        kind = client::ClientErrorKind::Cancelled;
    else if (error.code == "NOT_FOUND")
        kind = client::ClientErrorKind::NotFound;
    QString message = QString::fromStdString(error.message);
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    return {kind, message + QLatin1Char('.'), 0, {}, {}};
}

LayerStreamJob::LayerStreamJob(client::RegistrySession *session, QString repository)
    : Job(session)
    , m_repository(std::move(repository))
{
}

LayerStreamJob::~LayerStreamJob()
{
    stopStream();
}

void LayerStreamJob::stopStream()
{
    if (m_channel) {
        m_channel->setOnRoom({});
        m_channel->fail(makeError("CANCELLED", "stopped"));
    }
    m_channel.reset();
    if (m_download) {
        m_download->disconnect(this);
        m_download->deleteLater();
    }
    if (m_pipe)
        m_pipe->deleteLater();
}

void LayerStreamJob::stream(const oci::Descriptor &layer, Reader reader)
{
    stopStream();
    m_downloaded = false;
    m_downloadStarted = false;
    m_read = false;
    m_channel = std::make_shared<layers::ByteChannel>(kChannelBytes);
    auto *pipe = new client::BodyPipe(this);
    m_pipe = pipe;
    connect(pipe, &QIODevice::readyRead, this, &LayerStreamJob::pump);
    // Called on the worker, under the channel's lock; stopStream() empties
    // it first, so `this` is alive whenever it runs.
    m_channel->setOnRoom(
        [this] { QMetaObject::invokeMethod(this, &LayerStreamJob::pump, Qt::QueuedConnection); });
    const std::shared_ptr<layers::ByteChannel> channel = m_channel;
    m_layer = layer;
    local::BackgroundTask::startOn(
        layerPool(), this,
        [channel, reader = std::move(reader)] {
            // The download starts only now (pump() on the job's thread): a
            // reader waiting for a pool thread holds no paused connection.
            channel->readerStarted();
            Status status = reader(*channel);
            channel->closeReading(); // the download runs on to its digest check
            return status;
        },
        [this, channel](const Status &status) {
            if (channel == m_channel)
                onRead(status);
        });
}

void LayerStreamJob::startDownload()
{
    m_downloadStarted = true;
    m_download =
        session()->streamBlob(m_repository, m_layer.digest, [pipe = m_pipe](QByteArrayView c) {
            if (!pipe)
                return false;
            pipe->append(c);
            return true;
        });
    m_download->setParent(this);
    m_download->setPacer(m_pipe);
    connect(m_download, &client::StreamBlobJob::received, this, &LayerStreamJob::received);
    connect(m_download, &client::StreamBlobJob::finished, this, &LayerStreamJob::onDownloaded);
}

// The pipe's bytes go to the worker as far as the channel has room; the
// rest waits in the pipe, and a full pipe pauses the download.
void LayerStreamJob::pump()
{
    if (isFinished() || !m_pipe || !m_channel)
        return;
    if (!m_downloadStarted) {
        startDownload();
        return;
    }
    for (qint64 room = static_cast<qint64>(m_channel->room());
         room > 0 && m_pipe->bytesAvailable() > 0; room = static_cast<qint64>(m_channel->room())) {
        const QByteArray bytes = m_pipe->read(std::min(room, m_pipe->bytesAvailable()));
        m_channel->write(
            std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    }
    if (m_downloaded && m_pipe->bytesAvailable() == 0)
        m_channel->finish();
}

void LayerStreamJob::onDownloaded(const client::ClientResult<qint64> &result)
{
    m_download = nullptr;
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error()); // the destructor stops the worker
        return;
    }
    m_downloaded = true;
    pump();
    if (m_read)
        streamed();
}

void LayerStreamJob::onRead(const Status &status)
{
    if (isFinished())
        return;
    if (!status.ok()) {
        fail(layerError(status.error()));
        return;
    }
    m_read = true;
    if (m_downloaded)
        streamed();
}

} // namespace berth::inspect
