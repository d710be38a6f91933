#pragma once

#include "storage/garbage_collector.h"

#include "oci/result.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace berth::local {

class BackgroundTask;

// storage::GarbageCollector (a dry run or the real thing) as a
// BackgroundTask: progress while it marks, then finished(result) exactly
// once — also after cancel(), with a CANCELLED error (cancelling stops
// before anything is deleted). Destroying a running job cancels it without
// waiting for the worker.
class GarbageCollectJob : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<storage::GcReport>;

    GarbageCollectJob(const QString &root, const storage::GcOptions &options,
                      QObject *parent = nullptr);

    void cancel();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const berth::local::GarbageCollectJob::Outcome &outcome);

private:
    QPointer<BackgroundTask> m_task;
    bool m_finished = false;
};

} // namespace berth::local
