#pragma once

// What the tests that move images (copy, export, import) ask of
// registries: a manifest's exact bytes, whether skopeo pulls an image
// whole (it checks every digest), and an artifact pushed as it is.
#include "client/manifest_job.h"
#include "client/registry_session.h"
#include "support/await.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

namespace berth::test::copying {

// Uploads open in `repository` of a registry's data directory `root`
// (registry:2's layout): one folder each under _uploads.
inline qsizetype openUploads(const QString &root, const QString &repository)
{
    const QDir uploads(root + QStringLiteral("/docker/registry/v2/repositories/") + repository +
                       QStringLiteral("/_uploads"));
    return uploads.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
}

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

namespace berth::test::copying {

// Pushes what an OCI layout at `layoutDir` holds under `manifestDigest`
// (its blobs `blobDigests`, then the manifest, under `reference`) with
// curl: for artifacts skopeo would not copy as they are.
inline bool pushWithCurl(const QString &baseUrl, const QString &layoutDir,
                         const QString &repository, const QStringList &blobDigests,
                         const QString &manifestDigest, const QString &reference, QString &output)
{
    const auto file = [&layoutDir](const QString &digest) -> QString {
        return layoutDir + QStringLiteral("/blobs/sha256/") + digest.mid(7);
    };
    const auto curl = [&output](const QStringList &args) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("curl"),
                QStringList{QStringLiteral("-sS"), QStringLiteral("-f")} + args);
        p.waitForFinished(60000);
        output += QString::fromUtf8(p.readAll());
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    for (const QString &blob : blobDigests) {
        if (!curl({QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("--data-binary"),
                   QLatin1Char('@') + file(blob), QStringLiteral("-H"),
                   QStringLiteral("Content-Type: application/octet-stream"),
                   baseUrl + QStringLiteral("/v2/") + repository +
                       QStringLiteral("/blobs/uploads/?digest=") + blob}))
            return false;
    }
    return curl({QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("--data-binary"),
                 QLatin1Char('@') + file(manifestDigest), QStringLiteral("-H"),
                 QStringLiteral("Content-Type: application/vnd.oci.image.manifest.v1+json"),
                 baseUrl + QStringLiteral("/v2/") + repository + QStringLiteral("/manifests/") +
                     reference});
}

} // namespace berth::test::copying
