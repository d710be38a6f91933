#pragma once

#include <QList>
#include <QString>

namespace berth::local {

// A process on this machine that may write to a registry data directory.
struct DirectoryServer
{
    qint64 pid = 0;
    QString program;             // its executable's name: "docker-registry", "registry"
    QString how;                 // "serves it", "has files open in it"
    bool holdsStoreLock = false; // berth-registry's lock: it serves (or a collection runs)
};

// The processes of this machine (those /proc lets this user read) that serve
// `root`: a registry whose command line names a config.yml whose
// storage.filesystem.rootdirectory — with that process's own REGISTRY_*
// environment applied, as distribution does — is `root`, or any process with
// a file open inside it. This process is not listed. Linux only (an empty
// list elsewhere); a registry inside a container is not seen (its paths are
// the container's): the profile's address is the other clue. Blocking: it
// reads /proc; call it off the GUI thread.
QList<DirectoryServer> findDirectoryServers(const QString &root);

// Who uses a data directory: a berth-registry holding its lock (then it must
// collect garbage itself, online), and the other processes above. Only
// processes this user may inspect are seen; a berth-registry of another
// user shows itself when the collector meets its lock (LOCKED).
struct DataDirectoryUse
{
    bool heldByBerthRegistry = false;
    QList<DirectoryServer> servers;
};
DataDirectoryUse probeDataDirectory(const QString &root);

} // namespace berth::local
