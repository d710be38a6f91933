#pragma once

#include "storage/inspector.h"

#include "oci/result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

namespace berth::local {

// Inspects a registry:2 data directory on a worker thread (storage::Inspector)
// and reports on the thread that made the job: progress while it scans, then
// finished(result) exactly once — also after cancel(), with a CANCELLED error.
// Destroying a running job cancels it and waits for the worker to stop.
class InspectStoreJob : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<storage::InspectReport>;

    // Starts at once; connect before returning to the event loop.
    InspectStoreJob(const QString &root, bool verify, QObject *parent = nullptr);
    ~InspectStoreJob() override;

    void cancel();
    bool isFinished() const { return m_finished; }
    QString root() const { return m_root; }

Q_SIGNALS:
    // stage: "repositories" or "verify"; done of total.
    void progress(const QString &stage, qint64 done, qint64 total);
    void finished(const berth::local::InspectStoreJob::Outcome &outcome);

private:
    void deliver(std::shared_ptr<Outcome> outcome);

    QString m_root;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_lastProgressMs{0};
    bool m_finished = false;
    std::thread m_worker;
};

} // namespace berth::local
