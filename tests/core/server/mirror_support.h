#pragma once

// What the mirror's tests share: skopeo, podman and curl as clients of a
// berth-registry mirror, and the registry:2 layout's paths.
#include "support/registry_fixture.h"
#include "support/serve_process.h"

#include "oci/digest.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <initializer_list>
#include <memory>

namespace berth::test::mirror {

using berth::test::RegistryFixture;

inline const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");

// skopeo with the mirror (plain HTTP on loopback); false with its output.
inline bool skopeo(const QStringList &args, QString &output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("skopeo"), QStringList{QStringLiteral("--insecure-policy")} + args);
    const bool ok =
        p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    output = QString::fromUtf8(p.readAll());
    return ok;
}

// The manifest digest `ref` has through the mirror (skopeo inspect --raw).
inline QString digestVia(quint16 port, const QString &ref)
{
    QString raw;
    if (!skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                 QStringLiteral("--tls-verify=false"),
                 QStringLiteral("docker://127.0.0.1:%1/%2").arg(port).arg(ref)},
                raw))
        return QStringLiteral("error: ") + raw;
    return QString::fromStdString(berth::oci::Digest::sha256Of(raw.toStdString()).toString());
}

inline bool pullAllVia(quint16 port, const QString &ref, QString &output)
{
    QTemporaryDir target;
    return skopeo({QStringLiteral("copy"), QStringLiteral("--all"),
                   QStringLiteral("--src-tls-verify=false"),
                   QStringLiteral("docker://127.0.0.1:%1/%2").arg(port).arg(ref),
                   QStringLiteral("oci:") + target.path() + QStringLiteral(":x")},
                  output);
}

inline QString mirrorConfig(const RegistryFixture &upstream, const QString &ttl)
{
    return berth::test::mirrorConfigOf(upstream.baseUrl()) + QStringLiteral("  ttl: ") + ttl +
           QStringLiteral("\n");
}

inline QString blobPath(const QString &root, const QString &digest)
{
    const QString hex = digest.mid(7);
    return root + QStringLiteral("/docker/registry/v2/blobs/sha256/") + hex.left(2) +
           QLatin1Char('/') + hex + QStringLiteral("/data");
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QString sha256Of(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

inline std::unique_ptr<QProcess> startCurl(const QStringList &args)
{
    auto curl = std::make_unique<QProcess>();
    curl->start(QStringLiteral("curl"), QStringList{QStringLiteral("-s")} + args);
    return curl;
}

inline QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list)
        out << QLatin1String(name);
    return out;
}

// A list the mirror answers (tags or catalog), and its Link header.
inline QStringList listVia(quint16 port, const QString &path, const char *field,
                           QByteArray *link = nullptr)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"),
               {QStringLiteral("-s"), QStringLiteral("-D"), QStringLiteral("/dev/stderr"),
                QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)});
    if (!curl.waitForFinished(30000))
        return {QStringLiteral("curl did not finish")};
    const QByteArray headers = curl.readAllStandardError();
    if (link) {
        const qsizetype at = headers.toLower().indexOf("\nlink: ");
        *link = at < 0 ? QByteArray()
                       : headers.mid(at + 7, headers.indexOf('\r', at) - at - 7).trimmed();
    }
    QStringList out;
    const QJsonArray items =
        QJsonDocument::fromJson(curl.readAllStandardOutput())[QLatin1String(field)].toArray();
    for (const auto &item : items)
        out << item.toString();
    return out;
}

// podman (--storage-driver vfs) with a registries.conf of the test's own.
struct Podman
{
    QTemporaryDir dir;
    QString output;

    bool run(const QStringList &args, const QString &registriesConf)
    {
        QFile conf(dir.path() + QStringLiteral("/registries.conf"));
        if (!conf.open(QIODevice::WriteOnly))
            return false;
        conf.write(registriesConf.toUtf8());
        conf.close();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONTAINERS_REGISTRIES_CONF"), conf.fileName());
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("podman"),
                QStringList{QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
                            QStringLiteral("--root"), dir.path() + QStringLiteral("/root"),
                            QStringLiteral("--runroot"), dir.path() + QStringLiteral("/run"),
                            QStringLiteral("--events-backend"), QStringLiteral("file")} +
                    args);
        const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit &&
                        p.exitCode() == 0;
        output = QString::fromUtf8(p.readAll());
        return ok;
    }
};

// A single-layer image with `layerBytes` of random layer, pushed to
// `upstream` as `ref` (skopeo); its manifestDigest is empty when the push
// failed (upstream.lastOutput() says why).
inline berth::test::ImageTruth pushImage(RegistryFixture &upstream, quint32 seed,
                                         qsizetype layerBytes, const QString &ref)
{
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), seed);
    auto image = layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"),
                                 {layerBytes});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    if (!upstream.push(dir.path(), QStringLiteral("img"), ref))
        image.manifestDigest.clear();
    return image;
}

} // namespace berth::test::mirror
