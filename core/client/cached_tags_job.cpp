#include "client/cached_tags_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

namespace berth::client {

CachedTagsJob::CachedTagsJob(RegistrySession *session, QString repository)
    : Job(session)
    , m_repository(std::move(repository))
{
}

void CachedTagsJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void CachedTagsJob::run()
{
    if (!checkRepository(m_repository))
        return;
    HttpRequestSpec spec;
    spec.url = session()->apiUrl(QStringLiteral("/berth/v1/cache/") + m_repository);
    spec.maxBodyBytes = 64 * 1024 * 1024; // every tag of the repository
    send(spec, [this](const HttpReply &response) {
        if (!response.isSuccess()) {
            fail(session()->errorFor(response, QStringLiteral("Repository %1").arg(m_repository)));
            return;
        }
        auto tags = CachedTags::parse(response.body, m_repository);
        if (!tags.ok()) {
            fail(tags.error());
            return;
        }
        if (beginFinish())
            Q_EMIT finished(*tags);
    });
}

} // namespace berth::client
