#pragma once

#include "client/registry_endpoint.h"

#include <QString>

namespace berth::credentials {

// A saved registry as the user sees it. Holds no secret: the password or
// token lives in the OS keychain under secretKey().
struct RegistryProfile
{
    QString id;   // stable, generated once
    QString name; // "Local registry", "Production"
    QString url;  // as typed: "localhost:5000", "https://registry.example.com"
    client::TlsMode tlsMode = client::TlsMode::Verify;
    QString caFile;
    QString username;
    bool builtIn = false; // the built-in local registry
    // Garbage collection for this registry (Berth picks the first that is set):
    QString gcCommand;       // e.g. "docker exec registry registry garbage-collect …"
    QString gcDryRunCommand; // the same with --dry-run, if the user gives one
    QString dataDirectory;   // registry:2 data on this machine: Berth's own GC engine

    QString secretKey() const { return QStringLiteral("registry/") + id; }
    client::ClientResult<client::RegistryEndpoint> endpoint() const;
    bool operator==(const RegistryProfile &) const = default;
};

} // namespace berth::credentials
