#pragma once

#include "ui/gc_findings.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// One garbage collection (a preview or the real thing) by one method, over
// the core job that does it: local::GarbageCollectJob on a data directory,
// client::OnlineGcJob on a berth-registry, local::ShellCommandJob for a
// command. It starts on the next event-loop turn (connect first); finished()
// comes once, then the run deletes itself. cancel() asks the job to stop.
class GcRun : public QObject
{
    Q_OBJECT

public:
    GcRun(const GcMethod &method, client::RegistrySession *session, bool dryRun,
          bool deleteUntagged, QObject *parent);
    ~GcRun() override; // a run in flight is cancelled, not waited for

    void cancel();

Q_SIGNALS:
    void output(const QString &text);         // a command's output as it comes
    void progress(qint64 done, qint64 total); // marking a data directory
    void finished(const berth::ui::GcOutcome &outcome);

private:
    void start();
    void startDataDirectory();
    void startOnline();
    void startCommand();
    void finish(const GcOutcome &outcome);

    GcMethod m_method;
    QPointer<client::RegistrySession> m_session;
    bool m_dryRun;
    bool m_deleteUntagged;
    std::function<void()> m_cancelJob; // set once the job runs
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace berth::ui
