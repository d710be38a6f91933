#include "client/ping_job.h"

#include "client/authenticator.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/registry_session.h"

#include <QElapsedTimer>

namespace berth::client {

PingJob::PingJob(RegistrySession *session)
    : Job(session)
{
}

void PingJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void PingJob::run()
{
    HttpRequestSpec spec;
    spec.url = session()->apiUrl(QStringLiteral("/v2/"));
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    send(spec, [this, clock](const HttpReply &response) {
        if (!response.isSuccess()) {
            fail(session()->errorFor(response, tr("The registry")));
            return;
        }
        PingInfo info;
        info.apiVersion = QString::fromLatin1(response.header("Docker-Distribution-Api-Version"));
        info.berthMirror = response.header("Berth-Mirror") == "1";
        Authenticator *auth = session()->authenticator();
        if (auth->scheme() == Authenticator::Scheme::Unknown)
            auth->markAnonymous();
        info.authScheme = auth->schemeName();
        info.loggedIn = auth->scheme() != Authenticator::Scheme::None && auth->hasCredentials();
        info.latencyMs = clock->elapsed();
        if (!response.peerCertificate.isNull()) {
            const QSslCertificate &cert = response.peerCertificate;
            info.tlsSummary = tr("%1, issued by %2, valid until %3")
                                  .arg(cert.subjectDisplayName(), cert.issuerDisplayName(),
                                       cert.expiryDate().toString(Qt::ISODate));
        }
        if (beginFinish())
            Q_EMIT finished(info);
    });
}

} // namespace berth::client
