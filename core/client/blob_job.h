#pragma once

#include "client/job.h"

#include "oci/digest.h"

#include <QByteArray>

namespace berth::client {

struct HttpReply;

// GET /v2/<name>/blobs/<digest> into memory (configs, small artifacts),
// following redirects to blob storage (without Authorization when it is
// another host), capped at maxBytes and verified against the digest.
class BlobJob : public Job
{
    Q_OBJECT

public:
    BlobJob(RegistrySession *session, QString repository, oci::Digest digest, qint64 maxBytes);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<QByteArray> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void onResponse(const ClientResult<HttpReply> &result);

    QString m_repository;
    oci::Digest m_digest;
    qint64 m_maxBytes;
};

} // namespace berth::client
