#pragma once

#include "local/local_mirror_settings.h"

#include <QString>

namespace berth::local {

// What to paste into Docker's daemon.json, podman's registries.conf and
// containerd's hosts.toml so that they pull through the local mirror at
// `hostPort` (plain HTTP unless `tls`). Empty when no upstream is set.
QString mirrorSnippets(const LocalMirrorSettings &mirror, const QString &hostPort, bool tls);

} // namespace berth::local
