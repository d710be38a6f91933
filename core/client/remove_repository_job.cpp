#include "client/remove_repository_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

namespace berth::client {

RemoveRepositoryJob::RemoveRepositoryJob(RegistrySession *session, QString repository)
    : Job(session)
    , m_repository(std::move(repository))
{
}

void RemoveRepositoryJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void RemoveRepositoryJob::run()
{
    HttpRequestSpec spec;
    spec.method = "DELETE";
    spec.url = session()->apiUrl(QStringLiteral("/berth/v1/repositories/") + m_repository);
    send(spec, [this](const HttpReply &response) {
        if (response.status == 404 && !response.body.contains("NAME_UNKNOWN")) {
            fail({ClientErrorKind::NotFound,
                  tr("This registry cannot remove repositories (the registry API "
                     "has no such call; berth-registry adds one)."),
                  404,
                  {},
                  {}});
            return;
        }
        if (!response.isSuccess()) {
            fail(session()->errorFor(response, QStringLiteral("Repository %1").arg(m_repository)));
            return;
        }
        if (beginFinish())
            Q_EMIT finished(berth::Ok{});
    });
}

} // namespace berth::client
