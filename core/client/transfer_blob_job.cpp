#include "client/transfer_blob_job.h"

#include "client/body_pipe.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"
#include "client/upload_blob_job.h"

namespace berth::client {

TransferBlobJob::TransferBlobJob(RegistrySession *source, QString fromRepository,
                                 RegistrySession *target, QString toRepository, oci::Digest digest,
                                 qint64 size)
    : Job(target)
    , m_source(source)
    , m_fromRepository(std::move(fromRepository))
    , m_toRepository(std::move(toRepository))
    , m_digest(std::move(digest))
    , m_size(size)
{
}

TransferBlobJob::~TransferBlobJob()
{
    stopDownload(); // it belongs to the source's session, not to this job
}

void TransferBlobJob::emitFailure(const ClientError &error)
{
    stopDownload();
    if (m_upload) { // cancelled: the upload is abandoned at the target too
        m_upload->disconnect(this);
        m_upload->cancel();
    }
    Q_EMIT finished(error);
}

QString TransferBlobJob::subject() const
{
    return tr("Blob %1 into %2")
        .arg(QString::fromStdString(m_digest.shortString()), m_toRepository);
}

void TransferBlobJob::run()
{
    if (!checkRepository(m_fromRepository) || !checkRepository(m_toRepository))
        return;
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    connect(m_source, &QObject::destroyed, this,
            [this] { stop(registryDisconnected(tr("The source registry"))); });
    auto *pipe = new BodyPipe; // parented below, after the upload that reads it
    m_pipe = pipe;
    m_upload = new UploadBlobJob(session(), m_toRepository, m_digest, m_size, pipe);
    m_upload->setParent(this);
    // Destroyed after the upload (and its reply) that reads from it.
    pipe->setParent(this);
    connect(m_upload, &UploadBlobJob::uploaded, this, &TransferBlobJob::transferred);
    connect(m_upload, &UploadBlobJob::finished, this, &TransferBlobJob::onUploadDone);
    // The download starts once the target has opened the upload.
    connect(m_upload, &UploadBlobJob::accepted, this, &TransferBlobJob::startDownload);
}

void TransferBlobJob::startDownload()
{
    if (!m_source) {
        stop(registryDisconnected(tr("The source registry")));
        return;
    }
    m_download =
        m_source->streamBlob(m_fromRepository, m_digest, [pipe = m_pipe](QByteArrayView chunk) {
            if (!pipe)
                return false;
            pipe->append(chunk);
            return true;
        });
    m_download->setPacer(m_pipe);
    connect(m_download, &StreamBlobJob::finished, this, &TransferBlobJob::onSourceDone);
}

void TransferBlobJob::onSourceDone(const ClientResult<qint64> &result)
{
    m_download = nullptr;
    if (!result.ok()) {
        stop(result.error());
        return;
    }
    if (result.value() != m_size) {
        stop({ClientErrorKind::InvalidResponse,
              tr("%1: the source sent %2 bytes, its manifest says %3.")
                  .arg(subject())
                  .arg(result.value())
                  .arg(m_size),
              0,
              {},
              {}});
        return;
    }
    if (m_pipe)
        m_pipe->finishWriting();
}

void TransferBlobJob::onUploadDone(const ClientResult<qint64> &result)
{
    m_upload = nullptr;
    if (!result.ok()) {
        stop(result.error()); // it abandoned its upload
        return;
    }
    // The target checked the digest of what it took: the blob is there.
    stopDownload();
    if (beginFinish())
        Q_EMIT finished(m_size);
}

void TransferBlobJob::stopDownload()
{
    if (!m_download)
        return;
    m_download->disconnect(this);
    m_download->cancel();
    m_download = nullptr;
}

void TransferBlobJob::stop(const ClientError &error)
{
    if (isFinished())
        return;
    fail(error); // stops both sides (emitFailure)
}

} // namespace berth::client
