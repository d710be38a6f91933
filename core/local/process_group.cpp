#include "process_group.h"

#include <QProcess>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace berth::local {

namespace {

void signalGroup(const QProcess &process, int signal)
{
    const qint64 pid = process.processId();
    if (pid > 0 && process.state() != QProcess::NotRunning)
        ::kill(-static_cast<pid_t>(pid), signal);
}

} // namespace

void startInOwnProcessGroup(QProcess &process)
{
    process.setChildProcessModifier([] { ::setsid(); });
}

void terminateProcessGroup(const QProcess &process)
{
    signalGroup(process, SIGTERM);
}

void killProcessGroup(const QProcess &process)
{
    signalGroup(process, SIGKILL);
}

} // namespace berth::local
