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

void TransferBlobJob::emitFailure(const ClientError &error)
{
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
        fail({ClientErrorKind::Cancelled, tr("The source registry was disconnected."), 0, {}, {}});
        return;
    }
    HttpRequestSpec start;
    start.method = "POST";
    start.url = session()->apiUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_toRepository));
    start.scopes = {QStringLiteral("repository:%1:pull,push").arg(m_toRepository)};
    start.addHeader("Content-Length", "0");
    send(start, [this](const HttpReply &response) {
        if (response.status != 202 || response.header("Location").isEmpty()) {
            fail(session()->errorFor(response, subject()));
            return;
        }
        startStreams(
            response.url.resolved(QUrl::fromEncoded(response.header("Location").trimmed())));
    });
}

void TransferBlobJob::startStreams(const QUrl &location)
{
    m_location = location;
    m_pipe = new BodyPipe(this);
    BodyPipe *pipe = m_pipe;
    m_download =
        new StreamBlobJob(m_source, m_fromRepository, m_digest, [pipe](QByteArrayView chunk) {
            pipe->append(chunk);
            return true;
        });
    m_download->setParent(this);
    m_download->setPacer(m_pipe);
    connect(m_download, &StreamBlobJob::received, this, &TransferBlobJob::transferred);
    connect(m_download, &StreamBlobJob::finished, this, &TransferBlobJob::onSourceDone);

    QUrl target = location;
    QUrlQuery query(target);
    query.addQueryItem(QStringLiteral("digest"), QString::fromStdString(m_digest.toString()));
    target.setQuery(query);
    HttpRequestSpec put;
    put.method = "PUT";
    put.url = target;
    put.scopes = {QStringLiteral("repository:%1:pull,push").arg(m_toRepository)};
    put.addHeader("Content-Type", "application/octet-stream");
    put.bodyDevice = m_pipe;
    put.bodySize = m_size;
    put.followRedirects = false; // the body cannot be sent twice
    m_upload = session()->exchange(put, this);
    connect(m_upload, &HttpExchange::finished, this, &TransferBlobJob::onUploadDone);
    m_upload->start();
}

void TransferBlobJob::onSourceDone(const ClientResult<qint64> &result)
{
    m_sourceDone = true;
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
    m_pipe->finishWriting();
}

void TransferBlobJob::onUploadDone(const ClientResult<HttpReply> &result)
{
    m_uploadDone = true;
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
    if (m_download) {
        m_download->disconnect(this);
        m_download->cancel();
    }
    if (beginFinish())
        Q_EMIT finished(m_size);
}

void TransferBlobJob::stop(const ClientError &error)
{
    if (isFinished())
        return;
    if (m_download) {
        m_download->disconnect(this);
        m_download->cancel();
    }
    if (m_upload) {
        m_upload->disconnect(this);
        m_upload->cancel();
    }
    // Abandon the upload; its answer does not change the outcome.
    HttpRequestSpec cancel;
    cancel.method = "DELETE";
    cancel.url = m_location;
    cancel.scopes = {QStringLiteral("repository:%1:pull,push").arg(m_toRepository)};
    auto *abandon = session()->exchange(cancel, this);
    connect(abandon, &HttpExchange::finished, this,
            [this, error](const ClientResult<HttpReply> &) { fail(error); });
    abandon->start();
}

} // namespace berth::client
