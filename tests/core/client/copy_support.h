#pragma once

// What the copy tests ask of registries: a manifest's exact bytes, and
// whether skopeo pulls an image whole (it checks every digest).
#include "client/manifest_job.h"
#include "client/registry_session.h"
#include "support/await.h"

#include <QProcess>
#include <QTemporaryDir>

namespace berth::test::copying {

// The manifest's bytes as the registry serves them now (empty: none).
inline QByteArray rawManifest(client::RegistrySession &session, const QString &repository,
                              const QString &reference)
{
    const auto r = await(session.getManifestFromRegistry(repository, reference),
                         &client::ManifestJob::finished);
    return r && r->ok() ? r->value()->bytes : QByteArray();
}

// skopeo copy --all docker://<hostPort>/<reference> to a throwaway layout.
inline bool pullsWithSkopeo(const QString &hostPort, const QString &reference, QString &output,
                            const QStringList &sourceOptions = {})
{
    QTemporaryDir target;
    QProcess skopeo;
    skopeo.setProcessChannelMode(QProcess::MergedChannels);
    skopeo.start(
        QStringLiteral("skopeo"),
        QStringList{QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                    QStringLiteral("--all"), QStringLiteral("--src-tls-verify=false")} +
            sourceOptions +
            QStringList{QStringLiteral("docker://") + hostPort + QLatin1Char('/') + reference,
                        QStringLiteral("oci:") + target.path() + QStringLiteral(":x")});
    skopeo.waitForFinished(120000);
    output = QString::fromUtf8(skopeo.readAll());
    return skopeo.exitStatus() == QProcess::NormalExit && skopeo.exitCode() == 0;
}

} // namespace berth::test::copying
