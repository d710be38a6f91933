#pragma once

#include "client/job.h"

#include "oci/digest.h"

namespace berth::client {

struct HttpReply;

// DELETE /v2/<name>/manifests/<digest>: the manifest and every tag pointing
// at it go. 405 UNSUPPORTED becomes DeletesDisabled with the setting to change.
class DeleteManifestJob : public Job
{
    Q_OBJECT

public:
    DeleteManifestJob(RegistrySession *session, QString repository, oci::Digest digest);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::Ok> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    QString m_repository;
    oci::Digest m_digest;
};

} // namespace berth::client
