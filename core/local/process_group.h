#pragma once

class QProcess;

namespace berth::local {

// A QProcess child in a session and process group of its own, so a cancel
// reaches everything it started (a shell's docker exec, ssh, the collector),
// not just the shell.

// Call before start(): the child calls setsid() before it execs.
void startInOwnProcessGroup(QProcess &process);
// SIGTERM / SIGKILL to the whole group of a running process (nothing when
// it is not running).
void terminateProcessGroup(const QProcess &process);
void killProcessGroup(const QProcess &process);

} // namespace berth::local
