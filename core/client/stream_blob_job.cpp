#include "client/stream_blob_job.h"

#include "client/body_pipe.h"
#include "client/http_exchange.h"
#include "client/registry_session.h"

#include "oci/digest_hasher.h"

namespace berth::client {

namespace {

constexpr qint64 kProgressStep = 4 << 20; // received() at most once per 4 MiB

} // namespace

StreamBlobJob::StreamBlobJob(RegistrySession *session, QString repository, oci::Digest digest,
                             std::function<bool(QByteArrayView)> sink)
    : Job(session)
    , m_repository(std::move(repository))
    , m_digest(std::move(digest))
    , m_sink(std::move(sink))
    , m_hasher(m_digest.algorithm())
{
}

void StreamBlobJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void StreamBlobJob::run()
{
    if (!checkRepository(m_repository))
        return;
    HttpRequestSpec spec = session()->blobRequest(m_repository, m_digest);
    spec.sinkPacer = m_pacer;
    // The exchange is this job's child: the sink never outlives it.
    spec.bodySink = [this](QByteArrayView chunk) {
        m_hasher.update(chunk.data(), static_cast<std::size_t>(chunk.size()));
        const qint64 before = m_bytes;
        m_bytes += chunk.size();
        if (m_bytes / kProgressStep != before / kProgressStep)
            Q_EMIT received(m_bytes);
        return !m_sink || m_sink(chunk);
    };
    auto *exchange = session()->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this, &StreamBlobJob::onResponse);
    exchange->start();
}

void StreamBlobJob::onResponse(const ClientResult<HttpReply> &result)
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
    // A connection that ends early may still look like a finished answer:
    // fewer bytes than announced is the network's failure, not the blob's.
    bool announced = false;
    const qint64 length = response.header("Content-Length").trimmed().toLongLong(&announced);
    if (announced && m_bytes < length) {
        fail(ClientError{ClientErrorKind::Network,
                         tr("%1: the connection ended after %2 of %3 bytes.")
                             .arg(subject)
                             .arg(m_bytes)
                             .arg(length),
                         response.status,
                         {},
                         {}});
        return;
    }
    if (m_hasher.finish() != m_digest) {
        fail(ClientError{ClientErrorKind::DigestMismatch,
                         tr("%1: the %2 bytes received do not match its digest "
                            "(cut short, or not what was asked for).")
                             .arg(subject)
                             .arg(m_bytes),
                         response.status,
                         {},
                         {}});
        return;
    }
    if (beginFinish())
        Q_EMIT finished(m_bytes);
}

} // namespace berth::client
