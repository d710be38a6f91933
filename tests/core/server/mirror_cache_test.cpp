// A mirror's bounded cache (proxy.maxsize): the least recently pulled
// mirrored content goes, local repositories never do, and what was pulled
// within the hour stays.
#include "mirror_support.h"

#include <QDateTime>
#include <QDirIterator>
#include <QJsonObject>
#include <QMap>

#include <gtest/gtest.h>

using berth::test::RegistryFixture;
using berth::test::ServeProcess;
using namespace berth::test::mirror;

namespace {

// Sets a file's modification time `age` back from now.
bool age(const QString &path, qint64 seconds)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) &&
           f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-seconds),
                         QFileDevice::FileModificationTime);
}

QString revisionLink(const QString &root, const QString &repository, const QString &digest)
{
    return root + QStringLiteral("/docker/registry/v2/repositories/") + repository +
           QStringLiteral("/_manifests/revisions/sha256/") + digest.mid(7) +
           QStringLiteral("/link");
}

qint64 secondsSinceModified(const QString &path)
{
    return QFileInfo(path).lastModified().secsTo(QDateTime::currentDateTime());
}

} // namespace

// Two mirrored images and a local one, all pulled (or pushed) hours ago,
// the local one longest ago; a bound that holds two of the three. The
// least recently pulled mirrored image is evicted (tag, manifest, layer),
// the other mirrored one and the local one stay. It pulls again (from its
// upstream); a pull notes its time, and content pulled within the hour is
// not evicted even when the cache is over its bound again.
TEST(Mirror, CacheBoundEvictsTheLeastRecentlyPulledMirroredImagesOnly)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    const qsizetype layer = 400 * 1000;
    const auto older = pushImage(upstream, 61, layer, QStringLiteral("old/app:v1"));
    const auto newer = pushImage(upstream, 62, layer, QStringLiteral("new/app:v1"));
    ASSERT_FALSE(older.manifestDigest.isEmpty()) << upstream.lastOutput().toStdString();
    ASSERT_FALSE(newer.manifestDigest.isEmpty()) << upstream.lastOutput().toStdString();

    QTemporaryDir dataDir;
    const QString root = dataDir.path();
    const QString config = QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                          "rootdirectory: ") +
                           root + QStringLiteral("\nproxy:\n  remoteurl: ") + upstream.baseUrl() +
                           QStringLiteral("\n  local: [team]\n");
    QTemporaryDir localDir;
    berth::test::OciLayoutWriter layout(localDir.path(), 63);
    const auto local =
        layout.addImage(QStringLiteral("2024-03-01T00:00:00Z"), QStringLiteral("amd64"), {layer});
    layout.tag(QStringLiteral("mine"), local.manifestDigest, kOciManifest);
    const auto early =
        layout.addImage(QStringLiteral("2024-02-01T00:00:00Z"), QStringLiteral("amd64"), {layer});
    layout.tag(QStringLiteral("early"), early.manifestDigest, kOciManifest);
    layout.save();
    {
        // Pushed while the registry was no mirror: early/app is then a
        // name the root upstream claims, but its content is the user's.
        ServeProcess plain;
        ASSERT_TRUE(plain.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                               "rootdirectory: ") +
                                root + QStringLiteral("\n")))
            << plain.process.readAllStandardError().toStdString();
        QString output;
        ASSERT_TRUE(skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                            QStringLiteral("oci:") + localDir.path() + QStringLiteral(":early"),
                            QStringLiteral("docker://127.0.0.1:%1/early/app:v1").arg(plain.port)},
                           output))
            << output.toStdString();
        ASSERT_TRUE(plain.stop());
    }
    {
        ServeProcess unbounded;
        ASSERT_TRUE(unbounded.start(config))
            << unbounded.process.readAllStandardError().toStdString();
        QString output;
        ASSERT_TRUE(pullAllVia(unbounded.port, QStringLiteral("old/app:v1"), output))
            << output.toStdString();
        ASSERT_TRUE(pullAllVia(unbounded.port, QStringLiteral("new/app:v1"), output))
            << output.toStdString();
        ASSERT_TRUE(
            skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                    QStringLiteral("oci:") + localDir.path() + QStringLiteral(":mine"),
                    QStringLiteral("docker://127.0.0.1:%1/team/mine:v1").arg(unbounded.port)},
                   output))
            << output.toStdString();
        ASSERT_TRUE(unbounded.stop());
    }
    // Hours pass: every blob was stored 4 h ago; the image pushed before the
    // mirror was pulled last 5 h ago, the local one 4 h ago, the older
    // mirrored one 3 h ago, the newer 2 h ago.
    QDirIterator blobs(root + QStringLiteral("/docker/registry/v2/blobs"), QDir::Files,
                       QDirIterator::Subdirectories);
    while (blobs.hasNext())
        ASSERT_TRUE(age(blobs.next(), 4 * 3600));
    const QString oldLink = revisionLink(root, QStringLiteral("old/app"), older.manifestDigest);
    const QString newLink = revisionLink(root, QStringLiteral("new/app"), newer.manifestDigest);
    ASSERT_TRUE(
        age(revisionLink(root, QStringLiteral("team/mine"), local.manifestDigest), 4 * 3600));
    ASSERT_TRUE(age(oldLink, 3 * 3600));
    ASSERT_TRUE(
        age(revisionLink(root, QStringLiteral("early/app"), early.manifestDigest), 5 * 3600));
    ASSERT_TRUE(age(newLink, 2 * 3600));

    // ~1.6 MB stored, 1.4 MB allowed: down to 90 %, one mirrored image goes,
    // the least recently pulled one the mirror fetched itself.
    ServeProcess bounded;
    ASSERT_TRUE(bounded.start(config + QStringLiteral("  maxsize: 1400kB\n")))
        << bounded.process.readAllStandardError().toStdString();
    ASSERT_TRUE(bounded.awaitLog("cache bound:")) << bounded.log.toStdString();
    EXPECT_TRUE(bounded.log.contains("1 least recently pulled manifests evicted"))
        << bounded.log.toStdString();
    EXPECT_FALSE(QFile::exists(oldLink));
    EXPECT_FALSE(QFile::exists(root + QStringLiteral("/docker/registry/v2/repositories/old/app/"
                                                     "_manifests/tags/v1/current/link")));
    EXPECT_FALSE(QFile::exists(blobPath(root, older.layers[0].digest)));
    EXPECT_TRUE(QFile::exists(blobPath(root, newer.layers[0].digest)));
    EXPECT_TRUE(QFile::exists(blobPath(root, local.layers[0].digest)));
    EXPECT_TRUE(QFile::exists(blobPath(root, early.layers[0].digest)));

    // A pull notes its time (the newer image is now the most recent)...
    EXPECT_EQ(digestVia(bounded.port, QStringLiteral("new/app:v1")), newer.manifestDigest);
    EXPECT_LT(secondsSinceModified(newLink), 60);
    // ...and the evicted image comes back from its upstream; the cache is
    // over its bound again, but everything mirrored was pulled just now.
    QString output;
    ASSERT_TRUE(pullAllVia(bounded.port, QStringLiteral("old/app:v1"), output))
        << output.toStdString();
    ASSERT_TRUE(bounded.awaitLog("cache bound:", 2)) << bounded.log.toStdString();
    EXPECT_TRUE(bounded.log.contains("0 least recently pulled manifests evicted"))
        << bounded.log.toStdString();
    EXPECT_TRUE(bounded.log.contains("still over")) << bounded.log.toStdString();
    EXPECT_EQ(fileBytes(blobPath(root, older.layers[0].digest)).size(), older.layers[0].size);
    EXPECT_TRUE(QFile::exists(blobPath(root, newer.layers[0].digest)));
    EXPECT_TRUE(QFile::exists(blobPath(root, local.layers[0].digest)));

    // inspect (given the config) says which repositories are mirrored, from
    // where, and when each was last pulled.
    const auto inspect = [&](const QStringList &extra) {
        QProcess p;
        p.start(QStringLiteral(BERTH_REGISTRY_BINARY),
                QStringList{QStringLiteral("inspect"),
                            bounded.dir.path() + QStringLiteral("/config.yml")} +
                    extra);
        p.waitForFinished(30000);
        return p.readAllStandardOutput();
    };
    QMap<QString, QJsonObject> repositories;
    const QJsonArray listed =
        QJsonDocument::fromJson(inspect({QStringLiteral("--json")}))[QLatin1String("repositories")]
            .toArray();
    for (const auto &r : listed)
        repositories.insert(r[QLatin1String("name")].toString(), r.toObject());
    ASSERT_EQ(repositories.size(), 4) << inspect({QStringLiteral("--json")}).toStdString();
    EXPECT_EQ(repositories[QStringLiteral("team/mine")][QLatin1String("mirroredFrom")].toString(),
              QStringLiteral("local"));
    EXPECT_EQ(repositories[QStringLiteral("new/app")][QLatin1String("mirroredFrom")].toString(),
              upstream.baseUrl());
    const auto pulledSecondsAgo = [&](const QString &name) {
        return QDateTime::fromString(repositories[name][QLatin1String("lastPulled")].toString(),
                                     Qt::ISODate)
            .secsTo(QDateTime::currentDateTimeUtc());
    };
    EXPECT_LT(pulledSecondsAgo(QStringLiteral("new/app")), 60);
    EXPECT_NEAR(pulledSecondsAgo(QStringLiteral("team/mine")), 4 * 3600, 60);
    const QByteArray text = inspect({});
    EXPECT_TRUE(text.contains(", local")) << text.toStdString();
    EXPECT_TRUE(text.contains(QByteArray("mirrored from " + upstream.baseUrl().toUtf8())))
        << text.toStdString();
    // The local image and the one pushed before the mirror still pull (the
    // latter by digest: its tag is the upstream's to answer now).
    EXPECT_EQ(digestVia(bounded.port, QStringLiteral("early/app@") + early.manifestDigest),
              early.manifestDigest);
    EXPECT_EQ(digestVia(bounded.port, QStringLiteral("team/mine:v1")), local.manifestDigest);
}
