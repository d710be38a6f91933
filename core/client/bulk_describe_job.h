#pragma once

#include "client/image_description.h"
#include "client/job.h"

#include <QStringList>

namespace berth::client {

struct TagDescription
{
    QString tag;
    ClientResult<ImageDescription> result;
};

struct BulkSummary
{
    int described = 0;
    int failed = 0;
};

// describe() for many tags of one repository, at most
// endpoint().maxConcurrency in flight; each result is streamed through
// tagDescribed() as it arrives, in completion order.
class BulkDescribeJob : public Job
{
    Q_OBJECT

public:
    BulkDescribeJob(RegistrySession *session, QString repository, QStringList tags);

    int total() const { return static_cast<int>(m_tags.size()); }

Q_SIGNALS:
    void tagDescribed(const berth::client::TagDescription &description);
    void progress(int done, int total);
    void finished(const berth::client::ClientResult<berth::client::BulkSummary> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void launchMore();
    void onDescribed(const QString &tag, const ClientResult<ImageDescription> &result);

    QString m_repository;
    QStringList m_tags;
    qsizetype m_next = 0;
    int m_inFlight = 0;
    BulkSummary m_summary;
};

} // namespace berth::client
