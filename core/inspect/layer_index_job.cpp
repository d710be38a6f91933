#include "inspect/layer_index_job.h"

#include "client/body_pipe.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"
#include "local/background_task.h"

#include "layers/byte_channel.h"
#include "layers/layer_index_cache.h"

#include <QThreadPool>

namespace berth::inspect {

namespace {

// What the worker may hold unread: a few of libarchive's reads.
constexpr std::size_t kChannelBytes = 2 << 20;

// Indexers wait for their downloads: they get threads of their own.
QThreadPool *indexPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the program (its threads may still run)
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

} // namespace

client::ClientError layerError(const Error &error)
{
    client::ClientErrorKind kind = client::ClientErrorKind::InvalidResponse;
    if (error.code == "LAYER_TOO_LARGE")
        kind = client::ClientErrorKind::TooLarge;
    else if (error.code == "CANCELLED")
        kind = client::ClientErrorKind::Cancelled;
    QString message = QString::fromStdString(error.message);
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    return {kind, message + QLatin1Char('.'), 0, {}, {}};
}

LayerIndexJob::LayerIndexJob(client::RegistrySession *session, QString repository,
                             oci::Descriptor layer,
                             std::shared_ptr<const layers::LayerIndexCache> cache,
                             layers::IndexLimits limits)
    : Job(session)
    , m_repository(std::move(repository))
    , m_layer(std::move(layer))
    , m_cache(std::move(cache))
    , m_limits(limits)
{
}

LayerIndexJob::~LayerIndexJob()
{
    if (m_channel) {
        m_channel->setOnRoom({});
        m_channel->fail(makeError("CANCELLED", "stopped"));
    }
}

void LayerIndexJob::emitFailure(const client::ClientError &error)
{
    Q_EMIT finished(error);
}

void LayerIndexJob::run()
{
    if (!checkRepository(m_repository))
        return;
    if (!m_cache) {
        download();
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
                download();
                return;
            }
            Q_EMIT received(index->blobBytes);
            if (beginFinish())
                Q_EMIT finished(index);
        });
}

void LayerIndexJob::download()
{
    m_channel = std::make_shared<layers::ByteChannel>(kChannelBytes);
    auto *pipe = new client::BodyPipe(this);
    m_pipe = pipe;
    connect(pipe, &QIODevice::readyRead, this, &LayerIndexJob::pump);
    // Called on the worker, under the channel's lock; the destructor empties
    // it first, so `this` is alive whenever it runs.
    m_channel->setOnRoom(
        [this] { QMetaObject::invokeMethod(this, &LayerIndexJob::pump, Qt::QueuedConnection); });
    local::BackgroundTask::startOn(
        indexPool(), this,
        [channel = m_channel, digest = m_layer.digest, limits = m_limits]() -> Indexed {
            auto index = layers::indexLayer(*channel, digest, limits);
            channel->closeReading(); // the download runs on to its digest check
            if (!index.ok())
                return index.error();
            return std::make_shared<const layers::LayerIndex>(std::move(index).value());
        },
        [this](const Indexed &index) { onIndexed(index); });

    m_download = session()->streamBlob(m_repository, m_layer.digest,
                                       [pipe = QPointer<client::BodyPipe>(pipe)](QByteArrayView c) {
                                           if (!pipe)
                                               return false;
                                           pipe->append(c);
                                           return true;
                                       });
    m_download->setParent(this);
    m_download->setPacer(pipe);
    connect(m_download, &client::StreamBlobJob::received, this, &LayerIndexJob::received);
    connect(m_download, &client::StreamBlobJob::finished, this, &LayerIndexJob::onDownloaded);
}

// The pipe's bytes go to the worker as far as the channel has room; the
// rest waits in the pipe, and a full pipe pauses the download.
void LayerIndexJob::pump()
{
    if (isFinished() || !m_pipe || !m_channel)
        return;
    for (qint64 room = static_cast<qint64>(m_channel->room());
         room > 0 && m_pipe->bytesAvailable() > 0; room = static_cast<qint64>(m_channel->room())) {
        const QByteArray bytes = m_pipe->read(std::min(room, m_pipe->bytesAvailable()));
        m_channel->write(
            std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    }
    if (m_downloaded && m_pipe->bytesAvailable() == 0)
        m_channel->finish();
}

void LayerIndexJob::onDownloaded(const client::ClientResult<qint64> &result)
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
    finishIfDone();
}

void LayerIndexJob::onIndexed(const Indexed &index)
{
    if (isFinished())
        return;
    if (!index.ok()) {
        fail(layerError(index.error()));
        return;
    }
    m_index = index.value();
    finishIfDone();
}

void LayerIndexJob::finishIfDone()
{
    if (!m_index || !m_downloaded)
        return;
    if (!m_cache) {
        if (beginFinish())
            Q_EMIT finished(m_index);
        return;
    }
    // Verified now: worth keeping, before the job ends (berth-cli exits
    // then). A cache that cannot be written is no failure.
    local::BackgroundTask::start(
        this, [cache = m_cache, index = m_index] { return cache->store(*index); },
        [this](const Status &) {
            if (beginFinish())
                Q_EMIT finished(m_index);
        });
}

} // namespace berth::inspect
