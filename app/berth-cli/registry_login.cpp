#include "registry_login.h"

#include "cli_image.h"

#include "credentials/docker_config_importer.h"
#include "credentials/secret_store.h"

#include <QFile>

namespace berth::cli {

namespace {

// Docker Hub's API host, for the names docker writes.
QString apiHost(const QString &registry)
{
    return registry == QLatin1String("docker.io") ? QStringLiteral("registry-1.docker.io")
                                                  : registry;
}

} // namespace

RegistryLogin::RegistryLogin(const QList<credentials::RegistryProfile> &profiles,
                             credentials::SecretStore &secrets, TlsOverride tls, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_tls(std::move(tls))
{
}

client::RegistryEndpoint RegistryLogin::withTls(client::RegistryEndpoint endpoint) const
{
    if (m_tls.insecure) {
        endpoint.tlsMode = client::TlsMode::Insecure;
    } else if (!m_tls.caFile.isEmpty()) {
        endpoint.tlsMode = client::TlsMode::CustomCa;
        endpoint.caFile = m_tls.caFile;
    }
    return endpoint;
}

void RegistryLogin::resolve(const CliImage &image)
{
    for (const credentials::RegistryProfile &profile : std::as_const(m_profiles)) {
        const auto endpoint = profile.endpoint();
        if (image.saved ? profile.name == image.registry
                        : endpoint.ok() && endpoint->hostPort() == apiHost(image.registry)) {
            fromProfile(profile);
            return;
        }
    }
    if (image.saved) {
        finish(client::ClientError{client::ClientErrorKind::InvalidArgument,
                                   tr("No saved registry is called %1.").arg(image.registry),
                                   0,
                                   {},
                                   {}});
        return;
    }
    const auto endpoint = client::RegistryEndpoint::fromUserInput(apiHost(image.registry));
    if (!endpoint.ok()) {
        finish(endpoint.error());
        return;
    }
    fromDockerConfig(endpoint.value());
}

void RegistryLogin::fromProfile(const credentials::RegistryProfile &profile)
{
    const auto endpoint = profile.endpoint();
    if (!endpoint.ok()) {
        finish(endpoint.error());
        return;
    }
    ResolvedRegistry resolved{withTls(endpoint.value()), std::nullopt};
    if (profile.username.isEmpty()) { // saved without a login: docker's may have one
        fromDockerConfig(endpoint.value());
        return;
    }
    auto *job = m_secrets.read(profile.secretKey());
    connect(
        job, &credentials::SecretJob::finished, this,
        [this, resolved, profile](const credentials::SecretResult &secret) mutable {
            if (!secret.ok() && secret.error().kind == credentials::SecretError::Kind::NoKeychain) {
                Q_EMIT warning(tr("no keychain here to read the password of %1 (user %2) "
                                  "from; trying docker's login: %3")
                                   .arg(profile.name, profile.username, secret.error().message));
                fromDockerConfig(resolved.endpoint);
                return;
            }
            if (!secret.ok()) {
                finish(client::ClientError{
                    client::ClientErrorKind::Unauthorized,
                    tr("Could not read the password of %1 (user %2) from the keychain: %3")
                        .arg(profile.name, profile.username, secret.error().message),
                    0,
                    {},
                    {}});
                return;
            }
            resolved.credentials = client::Credentials{profile.username, secret.value()};
            finish(resolved);
        });
}

void RegistryLogin::fromDockerConfig(const client::RegistryEndpoint &endpoint)
{
    const QString config = credentials::DockerConfigImporter::defaultPath();
    if (!QFile::exists(config)) {
        finish(ResolvedRegistry{withTls(endpoint), std::nullopt}); // anonymous
        return;
    }
    m_importer = new credentials::DockerConfigImporter(this);
    connect(m_importer, &credentials::DockerConfigImporter::finished, this,
            [this, endpoint,
             config](const client::ClientResult<QList<credentials::DockerLogin>> &logins) {
                if (!logins.ok()) {
                    client::ClientError error = logins.error();
                    error.message = tr("%1: %2").arg(config, error.message);
                    finish(error);
                    return;
                }
                ResolvedRegistry resolved{withTls(endpoint), std::nullopt};
                for (const credentials::DockerLogin &login : logins.value()) {
                    if (!login.secret.isEmpty()) { // only this registry's are left
                        resolved.credentials = client::Credentials{login.username, login.secret};
                        break;
                    }
                }
                finish(resolved);
            });
    m_importer->start(config, endpoint.hostPort());
}

void RegistryLogin::finish(const client::ClientResult<ResolvedRegistry> &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace berth::cli
