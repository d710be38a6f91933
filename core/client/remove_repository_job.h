#pragma once

#include "client/job.h"

namespace berth::client {

// DELETE /berth/v1/repositories/<name> on a berth-registry: removes a
// repository with no tags and no upload in progress (409 otherwise). The
// distribution API has no way to remove a repository; other registries
// answer 404 and the error says so.
class RemoveRepositoryJob : public Job
{
    Q_OBJECT

public:
    RemoveRepositoryJob(RegistrySession *session, QString repository);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::Ok> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    QString m_repository;
};

} // namespace berth::client
