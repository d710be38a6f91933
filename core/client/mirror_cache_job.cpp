#include "client/mirror_cache_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

namespace berth::client {

MirrorCacheJob::MirrorCacheJob(RegistrySession *session)
    : Job(session)
{
}

void MirrorCacheJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void MirrorCacheJob::run()
{
    HttpRequestSpec spec;
    spec.url = session()->apiUrl(QStringLiteral("/berth/v1/cache"));
    spec.maxBodyBytes = 64 * 1024 * 1024; // every repository of the store
    send(spec, [this](const HttpReply &response) {
        if (!response.isSuccess()) {
            fail(session()->errorFor(response, tr("The mirror's cache listing")));
            return;
        }
        auto cache = MirrorCache::parse(response.body);
        if (!cache.ok()) {
            fail(cache.error());
            return;
        }
        if (beginFinish())
            Q_EMIT finished(*cache);
    });
}

} // namespace berth::client
