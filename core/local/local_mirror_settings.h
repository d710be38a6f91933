#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace berth::local {

// One registry the local berth-registry mirrors (docs/MIRROR.md).
struct LocalMirrorUpstream
{
    QString prefix;   // empty: every repository no other upstream claims (registry:2's remoteurl)
    QString url;      // "https://registry-1.docker.io"
    QString username; // empty: anonymous; the password lives in the OS keychain
    int ttlHours = 168;

    // The keychain key of this upstream's password.
    QString secretKey() const;
    bool operator==(const LocalMirrorUpstream &) const = default;
};

// The local registry as a pull-through cache: its upstreams by prefix,
// the local (pushable) prefixes under the root upstream, a cache bound.
// Passwords never reach config.yml or QSettings: the registry gets each
// from its environment (passwordVariables()), read from the keychain when
// it starts.
struct LocalMirrorSettings
{
    QList<LocalMirrorUpstream> upstreams;
    QStringList localPrefixes;
    quint64 maxSizeBytes = 0; // 0: no bound

    bool enabled() const { return !upstreams.isEmpty(); }
    // What berth-registry (or, with `distribution`, docker-registry) would
    // refuse, in the user's words; empty when it is fine.
    QString problem(bool distribution) const;
    // config.yml's proxy block (no passwords); empty when not enabled.
    QString yaml(bool distribution) const;
    // The environment variable carrying each upstream's password, in the
    // order of `upstreams` (REGISTRY_PROXY_PASSWORD for the root upstream,
    // REGISTRY_PROXY_UPSTREAMS_<n>_PASSWORD for the n-th prefixed one).
    QStringList passwordVariables() const;

    bool operator==(const LocalMirrorSettings &) const = default;
};

} // namespace berth::local
