#pragma once

#include "client/credentials.h"
#include "client/registry_endpoint.h"
#include "credentials/registry_profile.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

namespace berth::credentials {
class DockerConfigImporter;
class SecretStore;
struct DockerLogin;
} // namespace berth::credentials

namespace berth::cli {

struct CliImage;

// How to reach a registry named on the command line, and as whom.
struct ResolvedRegistry
{
    client::RegistryEndpoint endpoint;
    std::optional<client::Credentials> credentials;
};

// TLS choices given on the command line, for every registry.
struct TlsOverride
{
    bool insecure = false;
    QString caFile;
};

// Finds a registry's address and login: a saved registry (by name, or by
// address) with its password from the OS keychain — a keychain that
// refuses is an error, said in words, while no keychain at all (over ssh)
// falls back, with a warning, to what follows; otherwise docker's
// config.json and that registry's credential helper; otherwise
// anonymous. finished() once.
class RegistryLogin : public QObject
{
    Q_OBJECT

public:
    RegistryLogin(const QList<credentials::RegistryProfile> &profiles,
                  credentials::SecretStore &secrets, TlsOverride tls, QObject *parent = nullptr);

    void resolve(const CliImage &image);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::cli::ResolvedRegistry> &result);
    // Something the user should know that does not stop the copy.
    void warning(const QString &text);

private:
    void fromProfile(const credentials::RegistryProfile &profile);
    void fromDockerConfig(const client::RegistryEndpoint &endpoint);
    void finish(const client::ClientResult<ResolvedRegistry> &result);
    client::RegistryEndpoint withTls(client::RegistryEndpoint endpoint) const;

    QList<credentials::RegistryProfile> m_profiles;
    credentials::SecretStore &m_secrets;
    TlsOverride m_tls;
    QPointer<credentials::DockerConfigImporter> m_importer;
    bool m_done = false;
};

} // namespace berth::cli
