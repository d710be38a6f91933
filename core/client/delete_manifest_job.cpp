#include "client/delete_manifest_job.h"

#include "client/content_cache.h"
#include "client/http_exchange.h"
#include "client/registry_session.h"

namespace berth::client {

DeleteManifestJob::DeleteManifestJob(RegistrySession *session, QString repository,
                                     oci::Digest digest)
    : Job(session)
    , m_repository(std::move(repository))
    , m_digest(std::move(digest))
{
}

void DeleteManifestJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void DeleteManifestJob::run()
{
    if (!checkRepository(m_repository))
        return;
    HttpRequestSpec spec;
    spec.method = "DELETE";
    spec.url =
        session()->apiUrl(QStringLiteral("/v2/%1/manifests/%2")
                              .arg(m_repository, QString::fromStdString(m_digest.toString())));
    spec.scopes = {QStringLiteral("repository:%1:delete").arg(m_repository)};
    auto *exchange = session()->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this, [this](const ClientResult<HttpReply> &result) {
        session()->cache()->forgetRepository(m_repository);
        if (!result.ok()) {
            fail(result.error());
            return;
        }
        if (!result.value().isSuccess()) {
            fail(session()->errorFor(
                result.value(),
                QStringLiteral("Manifest %1@%2")
                    .arg(m_repository, QString::fromStdString(m_digest.shortString()))));
            return;
        }
        if (beginFinish())
            Q_EMIT finished(berth::Ok{});
    });
    exchange->start();
}

} // namespace berth::client
