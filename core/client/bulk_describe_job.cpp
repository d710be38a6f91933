#include "client/bulk_describe_job.h"

#include "client/image_job.h"
#include "client/registry_session.h"

#include <algorithm>

namespace berth::client {

BulkDescribeJob::BulkDescribeJob(RegistrySession *session, QString repository, QStringList tags)
    : Job(session)
    , m_repository(std::move(repository))
    , m_tags(std::move(tags))
{
}

void BulkDescribeJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void BulkDescribeJob::run()
{
    launchMore();
}

void BulkDescribeJob::launchMore()
{
    const int limit = std::max(1, session()->endpoint().maxConcurrency);
    while (m_inFlight < limit && m_next < m_tags.size()) {
        const QString tag = m_tags.at(m_next++);
        auto *job = new ImageJob(session(), m_repository, tag);
        job->setParent(this);
        ++m_inFlight;
        connect(job, &ImageJob::finished, this,
                [this, tag](const ClientResult<ImageDescription> &result) {
                    onDescribed(tag, result);
                });
    }
    if (m_inFlight == 0 && m_next >= m_tags.size() && beginFinish())
        Q_EMIT finished(m_summary);
}

void BulkDescribeJob::onDescribed(const QString &tag, const ClientResult<ImageDescription> &result)
{
    --m_inFlight;
    if (result.ok())
        ++m_summary.described;
    else
        ++m_summary.failed;
    Q_EMIT tagDescribed(TagDescription{tag, result});
    if (isFinished())
        return; // a slot cancelled us
    Q_EMIT progress(m_summary.described + m_summary.failed, total());
    if (isFinished())
        return;
    launchMore();
}

} // namespace berth::client
