#include "local/process_group.h"

#include <QProcess>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace berth::local {

namespace {

void signalGroup(qint64 group, int signal)
{
    if (group > 1)
        ::kill(-static_cast<pid_t>(group), signal);
}

} // namespace

void startInOwnProcessGroup(QProcess &process)
{
    process.setChildProcessModifier([] { ::setsid(); });
}

void terminateProcessGroup(qint64 group)
{
    signalGroup(group, SIGTERM);
}

void killProcessGroup(qint64 group)
{
    signalGroup(group, SIGKILL);
}

} // namespace berth::local
