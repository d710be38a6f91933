#include "client/upload_blob_job.h"

#include "client/body_pipe.h"
#include "client/http_exchange.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

namespace berth::client {

UploadBlobJob::UploadBlobJob(RegistrySession *session, QString repository, oci::Digest digest,
                             qint64 size, BodyPipe *pipe)
    : Job(session)
    , m_repository(std::move(repository))
    , m_digest(std::move(digest))
    , m_size(size)
    , m_pipe(pipe)
{
}

void UploadBlobJob::emitFailure(const ClientError &error)
{
    if (!m_location.isEmpty())
        session()->abandonUpload(m_location, scopes());
    Q_EMIT finished(error);
}

QString UploadBlobJob::subject() const
{
    return tr("Blob %1 into %2").arg(QString::fromStdString(m_digest.shortString()), m_repository);
}

QStringList UploadBlobJob::scopes() const
{
    return {QStringLiteral("repository:%1:pull,push").arg(m_repository)};
}

void UploadBlobJob::run()
{
    if (!checkRepository(m_repository))
        return;
    // The POST is the session's: an upload opened as this job stops is
    // abandoned, not left open.
    session()->openUploadFor(this, m_repository, scopes(), subject(),
                             [this](const ClientResult<QUrl> &location) {
                                 if (location.ok())
                                     put(location.value());
                                 else
                                     fail(location.error());
                             });
}

void UploadBlobJob::put(const QUrl &location)
{
    m_location = location;
    if (!m_pipe) {
        fail(cancelledError());
        return;
    }
    HttpRequestSpec spec;
    spec.method = "PUT";
    spec.url = RegistrySession::uploadCompletionUrl(location, m_digest);
    spec.scopes = scopes();
    spec.addHeader("Content-Type", "application/octet-stream");
    spec.bodyDevice = m_pipe;
    spec.bodySize = m_size;
    spec.followRedirects = false; // the body cannot be sent twice
    auto *exchange = session()->exchange(spec, this);
    connect(exchange, &HttpExchange::uploaded, this, &UploadBlobJob::uploaded);
    connect(exchange, &HttpExchange::finished, this, [this](const ClientResult<HttpReply> &result) {
        if (isFinished())
            return;
        if (!result.ok()) {
            fail(result.error());
            return;
        }
        if (!result.value().isSuccess()) {
            fail(session()->errorFor(result.value(), subject()));
            return;
        }
        m_location.clear(); // the blob is there: nothing to abandon
        if (beginFinish())
            Q_EMIT finished(m_size);
    });
    exchange->start();
    Q_EMIT accepted();
}

} // namespace berth::client
