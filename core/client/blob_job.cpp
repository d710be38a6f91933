#include "client/blob_job.h"

#include "client/http_exchange.h"
#include "client/registry_session.h"

#include "oci/digest_hasher.h"

namespace berth::client {

BlobJob::BlobJob(RegistrySession *session, QString repository, oci::Digest digest, qint64 maxBytes)
    : Job(session)
    , m_repository(std::move(repository))
    , m_digest(std::move(digest))
    , m_maxBytes(maxBytes)
{
}

void BlobJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void BlobJob::run()
{
    if (!checkRepository(m_repository))
        return;
    HttpRequestSpec spec = session()->blobRequest(m_repository, m_digest);
    spec.maxBodyBytes = m_maxBytes;
    auto *exchange = session()->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this, &BlobJob::onResponse);
    exchange->start();
}

void BlobJob::onResponse(const ClientResult<HttpReply> &result)
{
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const HttpReply &response = result.value();
    const QString subject = QStringLiteral("Blob %1 of %2")
                                .arg(QString::fromStdString(m_digest.shortString()), m_repository);
    if (!response.isSuccess()) {
        fail(session()->errorFor(response, subject));
        return;
    }
    oci::DigestHasher hasher(m_digest.algorithm());
    hasher.update(response.body.constData(), static_cast<std::size_t>(response.body.size()));
    if (hasher.finish() != m_digest) {
        fail(ClientError{ClientErrorKind::DigestMismatch,
                         tr("%1: the content does not match its digest.").arg(subject),
                         response.status,
                         {},
                         {}});
        return;
    }
    if (beginFinish())
        Q_EMIT finished(response.body);
}

} // namespace berth::client
