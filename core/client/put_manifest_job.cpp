#include "client/put_manifest_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

#include "oci/name_rules.h"

namespace berth::client {

PutManifestJob::PutManifestJob(RegistrySession *session, QString repository, QString reference,
                               QByteArray bytes, QString mediaType, oci::Digest digest)
    : Job(session)
    , m_repository(std::move(repository))
    , m_reference(std::move(reference))
    , m_bytes(std::move(bytes))
    , m_mediaType(std::move(mediaType))
    , m_digest(std::move(digest))
{
}

void PutManifestJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void PutManifestJob::run()
{
    if (!checkRepository(m_repository))
        return;
    // The reference goes into the URL: a tag or a digest, nothing else.
    if (!oci::validateTag(m_reference.toStdString()).ok() &&
        !oci::Digest::parse(m_reference.toStdString()).ok()) {
        fail({ClientErrorKind::InvalidArgument,
              tr("“%1” is neither a tag nor a digest.").arg(m_reference),
              0,
              {},
              {}});
        return;
    }
    HttpRequestSpec put;
    put.method = "PUT";
    put.url =
        session()->apiUrl(QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, m_reference));
    put.scopes = {QStringLiteral("repository:%1:pull,push").arg(m_repository)};
    put.body = m_bytes;
    put.addHeader("Content-Type", m_mediaType.toLatin1());
    send(put, [this](const HttpReply &response) {
        if (!response.isSuccess()) {
            fail(
                session()->errorFor(response, tr("Manifest %1:%2").arg(m_repository, m_reference)));
            return;
        }
        const QByteArray stored = response.header("Docker-Content-Digest");
        const QString expected = QString::fromStdString(m_digest.toString());
        if (!stored.isEmpty() && QString::fromLatin1(stored) != expected) {
            fail({ClientErrorKind::DigestMismatch,
                  tr("%1 stored manifest %2 under another digest, %3: the copy is not the same "
                     "image, though it was written.")
                      .arg(session()->endpoint().hostPort(), expected, QString::fromLatin1(stored)),
                  response.status,
                  {},
                  {}});
            return;
        }
        if (beginFinish())
            Q_EMIT finished(m_digest);
    });
}

} // namespace berth::client
