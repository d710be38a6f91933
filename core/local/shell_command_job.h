#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QProcess;

namespace berth::local {

// How a shell command ended.
struct ShellCommandResult
{
    bool started = false;    // false: /bin/sh could not be started (see error)
    bool normalExit = false; // false: stopped by a signal (cancel) or crashed
    int exitCode = -1;
    QString error;
    // Lines of its output naming something "eligible for deletion" (what
    // distribution's garbage-collect prints for each blob it would delete).
    int eligibleLines = 0;

    bool succeeded() const { return started && normalExit && exitCode == 0; }
};

// One run of a user's command through `/bin/sh -c`, in a session and
// process group of its own so cancel() reaches what it started (docker
// exec, ssh), not only the shell: SIGTERM, then SIGKILL after a grace
// period. It starts on the next event-loop turn (connect first). Output
// (stdout and stderr merged) is streamed; finished() comes
// once, and the job deletes itself after it. Destroying a running job kills
// its group without waiting.
class ShellCommandJob : public QObject
{
    Q_OBJECT

public:
    ShellCommandJob(const QString &command, QObject *parent);
    ~ShellCommandJob() override;

    void cancel();

Q_SIGNALS:
    void output(const QString &text);
    void finished(const berth::local::ShellCommandResult &result);

private:
    void onOutput();
    void finish(ShellCommandResult result);

    QProcess *m_process;
    QString m_partialLine;
    int m_eligibleLines = 0;
    bool m_finished = false;
};

} // namespace berth::local
