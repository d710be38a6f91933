#pragma once

#include "storage/inspector.h"

#include "oci/result.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace berth::local {

class BackgroundTask;

// storage::Inspector on a registry:2 data directory as a BackgroundTask:
// progress while it scans, then finished(result) exactly once — also after
// cancel(), with a CANCELLED error. Destroying a running job cancels it
// without waiting for the worker.
class InspectStoreJob : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<storage::InspectReport>;

    // Starts at once; connect before returning to the event loop.
    InspectStoreJob(const QString &root, bool verify, QObject *parent = nullptr);

    void cancel();
    bool isFinished() const { return m_finished; }
    QString root() const { return m_root; }

Q_SIGNALS:
    // stage: "repositories" or "verify"; done of total.
    void progress(const QString &stage, qint64 done, qint64 total);
    void finished(const berth::local::InspectStoreJob::Outcome &outcome);

private:
    QString m_root;
    QPointer<BackgroundTask> m_task;
    bool m_finished = false;
};

} // namespace berth::local
