#pragma once

#include "client/job.h"

#include "oci/digest.h"

#include <QByteArray>
#include <QString>

namespace berth::client {

// PUT /v2/<repository>/manifests/<reference> of exactly `bytes` (a tag or
// the digest), with its media type; the registry must store it under
// `digest` (its Docker-Content-Digest, where it sends one), or the job
// fails with DigestMismatch — the manifest was written, but not as the
// same image.
class PutManifestJob : public Job
{
    Q_OBJECT

public:
    PutManifestJob(RegistrySession *session, QString repository, QString reference,
                   QByteArray bytes, QString mediaType, oci::Digest digest);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::oci::Digest> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    QString m_repository;
    QString m_reference;
    QByteArray m_bytes;
    QString m_mediaType;
    oci::Digest m_digest;
};

} // namespace berth::client
