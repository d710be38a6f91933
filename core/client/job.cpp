#include "client/job.h"

#include "client/http_exchange.h"
#include "client/registry_session.h"

#include "oci/name_rules.h"

#include <QMetaObject>

namespace berth::client {

Job::Job(RegistrySession *session)
    : QObject(session->jobOwner())
    , m_session(session)
{
    // Start on the next event-loop turn so the caller can connect first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_finished)
                run();
        },
        Qt::QueuedConnection);
}

void Job::cancel()
{
    fail(cancelledError());
}

// Exchanges abort when deleted; a sub-job still running is cancelled, so
// that it undoes what it started (an upload opened at a registry is
// abandoned) before it goes. Its finished() no longer reaches this job.
void Job::stopChildren()
{
    const auto children = findChildren<QObject *>(QString(), Qt::FindDirectChildrenOnly);
    for (QObject *child : children) {
        child->disconnect(this);
        auto *job = qobject_cast<Job *>(child);
        if (job && !job->isFinished())
            job->cancel();
        else
            child->deleteLater();
    }
}

bool Job::beginFinish()
{
    if (m_finished)
        return false;
    m_finished = true;
    deleteLater();
    return true;
}

void Job::fail(const ClientError &error)
{
    if (!beginFinish())
        return;
    stopChildren();
    emitFailure(error);
}

void Job::send(const HttpRequestSpec &spec, ResponseHandler handler)
{
    auto *exchange = m_session->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this,
            [this, handler = std::move(handler)](const ClientResult<HttpReply> &result) {
                if (m_finished)
                    return;
                if (!result.ok()) {
                    fail(result.error());
                    return;
                }
                handler(result.value());
            });
    exchange->start();
}

ClientError Job::cancelledError()
{
    return ClientError{ClientErrorKind::Cancelled, QStringLiteral("Cancelled."), 0, {}, {}};
}

bool Job::checkRepository(const QString &repository)
{
    const auto valid = oci::validateRepositoryName(repository.toStdString());
    if (!valid.ok())
        fail(ClientError{ClientErrorKind::InvalidArgument,
                         QString::fromStdString(valid.error().message),
                         0,
                         {},
                         {}});
    return valid.ok();
}

} // namespace berth::client
