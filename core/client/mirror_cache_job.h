#pragma once

#include "client/job.h"
#include "client/mirror_cache.h"

namespace berth::client {

// GET /berth/v1/cache on a berth-registry (its ping says Berth-Mirror):
// the store's repositories, where each comes from, its size and last
// pull, and the mirror's bound. Other registries answer 404.
class MirrorCacheJob : public Job
{
    Q_OBJECT

public:
    explicit MirrorCacheJob(RegistrySession *session);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::MirrorCache> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;
};

} // namespace berth::client
