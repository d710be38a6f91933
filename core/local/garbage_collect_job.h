#pragma once

#include "storage/garbage_collector.h"

#include "oci/result.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <thread>

namespace berth::local {

// Runs storage::GarbageCollector (a dry run or the real thing) on a worker
// thread and reports on the thread that made the job: progress while it
// marks, then finished(result) exactly once — also after cancel(), with a
// CANCELLED error (cancelling stops before anything is deleted). Destroying
// a running job cancels it and waits for the worker.
class GarbageCollectJob : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<storage::GcReport>;

    GarbageCollectJob(const QString &root, const storage::GcOptions &options,
                      QObject *parent = nullptr);
    ~GarbageCollectJob() override;

    void cancel();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const berth::local::GarbageCollectJob::Outcome &outcome);

private:
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_lastProgressMs{0};
    bool m_finished = false;
    std::thread m_worker;
};

} // namespace berth::local
