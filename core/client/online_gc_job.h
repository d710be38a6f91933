#pragma once

#include "client/job.h"

#include <QStringList>

namespace berth::client {

// What berth-registry's online collection found (or removed).
struct OnlineGcReport
{
    bool dryRun = true;
    QStringList blobs;     // digests
    QStringList manifests; // "repository@digest"
    QStringList repositoriesToPrune;
    qint64 bytes = 0; // to reclaim, or reclaimed
    qint64 recentBlobsKept = 0;
    qint64 diskAvailableBefore = -1; // -1: not reported
    qint64 diskAvailableAfter = -1;
    QStringList problems;

    static ClientResult<OnlineGcReport> parse(const QByteArray &json);
};

// POST /berth/v1/garbage-collect on a berth-registry: garbage collection
// while it serves (writes wait briefly; uploads in flight are safe). Other
// registries answer 404: the error says this is berth-registry's endpoint.
class OnlineGcJob : public Job
{
    Q_OBJECT

public:
    OnlineGcJob(RegistrySession *session, bool dryRun, bool deleteUntagged);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::OnlineGcReport> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    bool m_dryRun;
    bool m_deleteUntagged;
};

} // namespace berth::client
