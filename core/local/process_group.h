#pragma once

#include <QtGlobal>

class QProcess;

namespace berth::local {

// A QProcess child in a session and process group of its own, so a cancel
// reaches everything it started (a shell's docker exec, ssh, the collector),
// not just the shell.

// Call before start(): the child calls setsid() before it execs; its group
// id is then its pid (QProcess::processId() while it runs).
void startInOwnProcessGroup(QProcess &process);
// SIGTERM / SIGKILL to every process of `group`, whether or not its leader
// still runs (a child that ignored SIGTERM outlives a shell that did not).
// A group id stays unused by others while any member lives; 0 does nothing.
void terminateProcessGroup(qint64 group);
void killProcessGroup(qint64 group);

} // namespace berth::local
