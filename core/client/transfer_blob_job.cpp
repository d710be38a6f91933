#include "client/transfer_blob_job.h"

#include "client/body_pipe.h"
#include "client/http_exchange.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"

#include <QUrlQuery>

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
    Q_EMIT finished(error);
}

QString TransferBlobJob::subject() const
{
    return tr("Blob %1 into %2")
        .arg(QString::fromStdString(m_digest.shortString()), m_toRepository);
}

QStringList TransferBlobJob::pushScopes() const
{
    return {QStringLiteral("repository:%1:pull,push").arg(m_toRepository)};
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
    HttpRequestSpec start;
    start.method = "POST";
    start.url = session()->apiUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_toRepository));
    start.scopes = pushScopes();
    start.addHeader("Content-Length", "0");
    start.addHeader("Content-Type", "application/octet-stream");
    send(start, [this](const HttpReply &response) {
        if (response.status != 202 || response.location().isEmpty()) {
            fail(session()->errorFor(response, subject()));
            return;
        }
        startStreams(response.location());
    });
}

void TransferBlobJob::startStreams(const QUrl &location)
{
    m_location = location;
    if (!m_source) {
        stop(registryDisconnected(tr("The source registry")));
        return;
    }
    auto *pipe = new BodyPipe; // parented below, after the upload that reads it
    m_pipe = pipe;
    QUrl target = location;
    QUrlQuery query(target);
    query.addQueryItem(QStringLiteral("digest"), QString::fromStdString(m_digest.toString()));
    target.setQuery(query);
    HttpRequestSpec put;
    put.method = "PUT";
    put.url = target;
    put.scopes = pushScopes();
    put.addHeader("Content-Type", "application/octet-stream");
    put.bodyDevice = pipe;
    put.bodySize = m_size;
    put.followRedirects = false; // the body cannot be sent twice
    m_upload = session()->exchange(put, this);
    // Destroyed after the upload (and its reply) that reads from it.
    pipe->setParent(this);
    connect(m_upload, &HttpExchange::uploaded, this, &TransferBlobJob::transferred);
    connect(m_upload, &HttpExchange::finished, this, &TransferBlobJob::onUploadDone);

    m_download = m_source->streamBlob(m_fromRepository, m_digest,
                                      [pipe = QPointer<BodyPipe>(pipe)](QByteArrayView chunk) {
                                          if (!pipe)
                                              return false;
                                          pipe->append(chunk);
                                          return true;
                                      });
    m_download->setPacer(pipe);
    connect(m_download, &StreamBlobJob::finished, this, &TransferBlobJob::onSourceDone);
    m_upload->start();
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

void TransferBlobJob::onUploadDone(const ClientResult<HttpReply> &result)
{
    m_upload = nullptr;
    if (!result.ok()) {
        stop(result.error());
        return;
    }
    if (!result.value().isSuccess()) {
        stop(session()->errorFor(result.value(), subject()));
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
    stopDownload();
    if (m_upload) {
        m_upload->disconnect(this);
        m_upload->cancel();
    }
    session()->abandonUpload(m_location, pushScopes());
    fail(error);
}

} // namespace berth::client
