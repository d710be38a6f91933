#pragma once

#include "client/job.h"
#include "client/mirror_cache.h"

namespace berth::client {

// GET /berth/v1/cache/<name> on a berth-registry: the repository's tags in
// its store, and how much of each image is there.
class CachedTagsJob : public Job
{
    Q_OBJECT

public:
    CachedTagsJob(RegistrySession *session, QString repository);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::CachedTags> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    QString m_repository;
};

} // namespace berth::client
