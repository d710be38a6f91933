// Exporting images from a registry (berth-registry, which has the
// referrers API) into OCI layouts and archives: skopeo reads each one and
// pushes it into Debian's docker-registry, digest for digest; a
// docker-archive holds the platform asked for with real layers skopeo
// unpacks against the config's diff IDs; a failed export leaves nothing.
#include "transfer_support.h"

#include "support/copy_support.h"

#include "client/manifest_job.h"
#include "support/registry_fixture.h"
#include "transfer/export_job.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::archive::LayoutFormat;
using berth::client::ClientErrorKind;
using berth::test::RegistryFixture;
using berth::test::copying::rawManifest;
using berth::test::transferring::exportTo;
using berth::test::transferring::rawWithSkopeo;
using berth::test::transferring::sessionOn;
using berth::test::transferring::skopeo;
using berth::transfer::ExportItem;
using berth::transfer::ExportRequest;

namespace {

const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

RegistryFixture::Options berthRegistry()
{
    RegistryFixture::Options options;
    options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    return options;
}

// An artifact pushed as it is (skopeo would not copy it so) into team/app.
bool pushArtifact(const RegistryFixture &registry, const QString &layoutDir,
                  const berth::test::ImageTruth &artifact, const QString &reference,
                  QString &output)
{
    return berth::test::copying::pushWithCurl(registry.baseUrl(), layoutDir,
                                              QStringLiteral("team/app"),
                                              {artifact.configDigest, artifact.layers[0].digest},
                                              artifact.manifestDigest, reference, output);
}

int entriesIn(const QString &dir)
{
    return static_cast<int>(
        QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size());
}

} // namespace

// Every platform of an index, an image with an SBOM (a referrer) and a
// cosign signature (its tag), into one oci-archive: skopeo reads each by
// its ref name and pushes it elsewhere with the same digests.
TEST(ExportJob, AnOciArchiveHoldsEveryPlatformAndTheReferrersDigestForDigest)
{
    RegistryFixture source(berthRegistry());
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    RegistryFixture elsewhere;
    ASSERT_TRUE(elsewhere.start()) << elsewhere.error().toStdString();

    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 201);
    const auto index = layout.addIndex(QStringLiteral("2024-09-01T00:00:00Z"), true);
    const auto image =
        layout.addImage(QStringLiteral("2024-09-02T00:00:00Z"), QStringLiteral("amd64"), {30000});
    const auto sbom = layout.addArtifact(QStringLiteral("application/spdx+json"), image, 4000);
    const auto signature = layout.addArtifact(
        QStringLiteral("application/vnd.dev.cosign.artifact.sig.v1+json"), image, 300);
    layout.tag(QStringLiteral("multi"), index.digest, kOciIndex);
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("multi"),
                            QStringLiteral("team/app:multi"), true))
        << source.lastOutput().toStdString();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();
    const QString sigTag =
        QStringLiteral("sha256-") + image.manifestDigest.mid(7) + QStringLiteral(".sig");
    QString output;
    ASSERT_TRUE(pushArtifact(source, layoutDir.path(), sbom, sbom.manifestDigest, output))
        << output.toStdString();
    ASSERT_TRUE(pushArtifact(source, layoutDir.path(), signature, sigTag, output))
        << output.toStdString();

    auto session = sessionOn(source);
    QTemporaryDir out;
    const QString tar = out.path() + QStringLiteral("/images.tar");
    ExportRequest request;
    request.items = {ExportItem{QStringLiteral("team/app"), QStringLiteral("multi"), {}, {}},
                     ExportItem{QStringLiteral("team/app"), QStringLiteral("v1"), {}, {}}};
    request.path = tar;
    request.format = LayoutFormat::OciArchive;
    const auto exported = exportTo(*session, request);
    ASSERT_TRUE(exported && exported->ok())
        << (exported ? exported->error().message.toStdString() : "");
    EXPECT_EQ(exported->value().digests, (QStringList{index.digest, image.manifestDigest}));
    EXPECT_EQ(exported->value().referrers, 2);
    EXPECT_EQ(entriesIn(out.path()), 1) << "the archive and nothing else";

    for (const QString &tag : {QStringLiteral("multi"), QStringLiteral("v1"), sigTag}) {
        EXPECT_EQ(rawWithSkopeo(QStringLiteral("oci-archive:") + tar + QLatin1Char(':') + tag),
                  rawManifest(*session, QStringLiteral("team/app"), tag))
            << tag.toStdString();
    }
    ASSERT_TRUE(skopeo(
        {QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--dest-tls-verify=false"),
         QStringLiteral("oci-archive:") + tar + QStringLiteral(":multi"),
         QStringLiteral("docker://") + elsewhere.hostPort() + QStringLiteral("/copied/app:multi")},
        output))
        << output.toStdString();
    auto there = sessionOn(elsewhere);
    EXPECT_EQ(rawManifest(*there, QStringLiteral("copied/app"), QStringLiteral("multi")),
              rawManifest(*session, QStringLiteral("team/app"), QStringLiteral("multi")));
    for (const auto &platform : index.platforms)
        EXPECT_FALSE(
            rawManifest(*there, QStringLiteral("copied/app"), platform.manifestDigest).isEmpty());
    // The signature is in the archive under its tag.
    EXPECT_TRUE(skopeo(
        {QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
         QStringLiteral("oci-archive:") + tar + QStringLiteral(":") + sigTag,
         QStringLiteral("docker://") + elsewhere.hostPort() + QStringLiteral("/copied/app:sig")},
        output))
        << output.toStdString();
}

// A directory layout takes images over several exports, keeps what it
// has, and writes nothing twice.
TEST(ExportJob, AnOciDirectoryGrowsAndWritesNothingTwice)
{
    RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 202);
    const auto one =
        layout.addImage(QStringLiteral("2024-09-03T00:00:00Z"), QStringLiteral("amd64"), {5000});
    const auto two = layout.addImage(QStringLiteral("2024-09-04T00:00:00Z"),
                                     QStringLiteral("amd64"), {6000}, {one.layers[0]});
    layout.tag(QStringLiteral("one"), one.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("two"), two.manifestDigest, kOciManifest);
    layout.save();
    for (const QString &tag : {QStringLiteral("one"), QStringLiteral("two")})
        ASSERT_TRUE(source.push(layoutDir.path(), tag, QStringLiteral("team/app:") + tag))
            << source.lastOutput().toStdString();

    auto session = sessionOn(source);
    QTemporaryDir out;
    const QString dir = out.path() + QStringLiteral("/layout");
    ExportRequest request;
    request.path = dir;
    request.format = LayoutFormat::OciDirectory;
    request.items = {ExportItem{QStringLiteral("team/app"), QStringLiteral("one"), {}, {}}};
    const auto first = exportTo(*session, request);
    ASSERT_TRUE(first && first->ok()) << (first ? first->error().message.toStdString() : "");
    EXPECT_EQ(first->value().blobsWritten, 2);

    request.items = {ExportItem{QStringLiteral("team/app"), QStringLiteral("two"), {}, {}}};
    const auto second = exportTo(*session, request);
    ASSERT_TRUE(second && second->ok()) << (second ? second->error().message.toStdString() : "");
    EXPECT_EQ(second->value().blobsPresent, 1) << "the shared layer is there already";
    EXPECT_EQ(second->value().blobsWritten, 2);

    const auto again = exportTo(*session, request);
    ASSERT_TRUE(again && again->ok());
    EXPECT_EQ(again->value().blobsWritten, 0);
    EXPECT_EQ(again->value().bytesWritten, 0);

    for (const QString &tag : {QStringLiteral("one"), QStringLiteral("two")})
        EXPECT_EQ(rawWithSkopeo(QStringLiteral("oci:") + dir + QLatin1Char(':') + tag),
                  rawManifest(*session, QStringLiteral("team/app"), tag))
            << tag.toStdString();
}

// One platform of an index, with real (gzipped tar) layers: skopeo loads
// the docker-archive by its name and unpacks each layer against the
// config's diff IDs. A platform the index lacks is refused in words.
TEST(ExportJob, ADockerArchiveHoldsThePlatformAskedFor)
{
    RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 203);
    const auto base = layout.addTarLayer(
        {{QStringLiteral("etc/os-release"), QByteArrayLiteral("NAME=berth-test\n")}});
    const auto amd = layout.addImage(
        QStringLiteral("2024-09-05T00:00:00Z"), QStringLiteral("amd64"), {},
        {base, layout.addTarLayer({{QStringLiteral("bin/app"), QByteArray(5000, 'a')}})});
    const auto arm = layout.addImage(
        QStringLiteral("2024-09-05T00:00:00Z"), QStringLiteral("arm64"), {},
        {base, layout.addTarLayer({{QStringLiteral("bin/app"), QByteArray(4000, 'r')}})});
    layout.tag(QStringLiteral("amd"), amd.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("arm"), arm.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(
        source.push(layoutDir.path(), QStringLiteral("amd"), QStringLiteral("team/app:amd64")));
    ASSERT_TRUE(
        source.push(layoutDir.path(), QStringLiteral("arm"), QStringLiteral("team/app:arm64")));
    QString output;
    // An index of both, made by skopeo's own manifest list support is not
    // at hand: docker-registry takes one PUT of an OCI index.
    const QByteArray indexBytes =
        QStringLiteral(
            R"({"schemaVersion":2,"mediaType":"%1","manifests":[)"
            R"({"mediaType":"%2","digest":"%3","size":%4,"platform":{"architecture":"amd64","os":"linux"}},)"
            R"({"mediaType":"%2","digest":"%5","size":%6,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]})")
            .arg(kOciIndex, kOciManifest, amd.manifestDigest)
            .arg(amd.manifestSize)
            .arg(arm.manifestDigest)
            .arg(arm.manifestSize)
            .toUtf8();
    QFile indexFile(layoutDir.path() + QStringLiteral("/index-of-both.json"));
    ASSERT_TRUE(indexFile.open(QIODevice::WriteOnly));
    indexFile.write(indexBytes);
    indexFile.close();
    QProcess curl;
    curl.start(QStringLiteral("curl"),
               {QStringLiteral("-sSf"), QStringLiteral("-X"), QStringLiteral("PUT"),
                QStringLiteral("-H"), QStringLiteral("Content-Type: ") + kOciIndex,
                QStringLiteral("--data-binary"), QLatin1Char('@') + indexFile.fileName(),
                source.baseUrl() + QStringLiteral("/v2/team/app/manifests/multi")});
    curl.waitForFinished(30000);
    ASSERT_EQ(curl.exitCode(), 0) << curl.readAllStandardError().toStdString();

    auto session = sessionOn(source);
    QTemporaryDir out;
    const QString tar = out.path() + QStringLiteral("/app.tar");
    ExportRequest request;
    request.path = tar;
    request.format = LayoutFormat::DockerArchive;
    request.platform = berth::oci::parsePlatform("linux/arm64");
    request.items = {ExportItem{QStringLiteral("team/app"),
                                QStringLiteral("multi"),
                                source.hostPort() + QStringLiteral("/team/app:multi"),
                                {}}};
    const auto exported = exportTo(*session, request);
    ASSERT_TRUE(exported && exported->ok())
        << (exported ? exported->error().message.toStdString() : "");
    EXPECT_EQ(exported->value().digests, QStringList{arm.manifestDigest});
    ASSERT_EQ(exported->value().platformNote.size(), 1);

    const QByteArray config =
        rawWithSkopeo(QStringLiteral("docker-archive:") + tar + QLatin1Char(':') +
                          source.hostPort() + QStringLiteral("/team/app:multi"),
                      {QStringLiteral("--config")});
    QFile armConfig(layoutDir.path() + QStringLiteral("/blobs/sha256/") + arm.configDigest.mid(7));
    ASSERT_TRUE(armConfig.open(QIODevice::ReadOnly));
    EXPECT_EQ(config, armConfig.readAll()) << "the arm64 image's configuration, byte for byte";
    QTemporaryDir unpacked;
    ASSERT_TRUE(skopeo({QStringLiteral("copy"), QStringLiteral("docker-archive:") + tar,
                        QStringLiteral("oci:") + unpacked.path() + QStringLiteral(":x")},
                       output))
        << output.toStdString();

    // podman loads it as docker load does (its own storage, vfs: no root
    // filesystem features needed), under the name it was exported as.
    QTemporaryDir storage;
    QProcess podman;
    podman.setProcessChannelMode(QProcess::MergedChannels);
    podman.start(QStringLiteral("podman"),
                 {QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
                  QStringLiteral("--root"), storage.path() + QStringLiteral("/root"),
                  QStringLiteral("--runroot"), storage.path() + QStringLiteral("/run"),
                  QStringLiteral("load"), QStringLiteral("-i"), tar});
    podman.waitForFinished(120000);
    const QString loaded = QString::fromUtf8(podman.readAll());
    EXPECT_EQ(podman.exitCode(), 0) << loaded.toStdString();
    EXPECT_TRUE(loaded.contains(source.hostPort() + QStringLiteral("/team/app:multi")))
        << loaded.toStdString();

    request.platform = berth::oci::parsePlatform("linux/s390x");
    request.path = out.path() + QStringLiteral("/s390x.tar");
    const auto refused = exportTo(*session, request);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::InvalidArgument);
    EXPECT_TRUE(refused->error().message.contains(QStringLiteral("linux/arm64")))
        << refused->error().message.toStdString();
    EXPECT_EQ(entriesIn(out.path()), 1) << "only the first archive";
}

// A blob the registry serves wrong (its bytes changed on disk) fails the
// export with the digest named, and nothing appears at the path.
TEST(ExportJob, ABlobThatDoesNotMatchLeavesNoArchive)
{
    RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 204);
    const auto image =
        layout.addImage(QStringLiteral("2024-09-06T00:00:00Z"), QStringLiteral("amd64"), {40000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(
        source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")));
    const QString hex = image.layers[0].digest.mid(7);
    QFile blob(source.rootDir() + QStringLiteral("/docker/registry/v2/blobs/sha256/") +
               hex.left(2) + QLatin1Char('/') + hex + QStringLiteral("/data"));
    ASSERT_TRUE(blob.open(QIODevice::ReadWrite));
    blob.seek(100);
    blob.write("tampered");
    blob.close();

    auto session = sessionOn(source);
    QTemporaryDir out;
    ExportRequest request;
    request.path = out.path() + QStringLiteral("/app.tar");
    request.format = LayoutFormat::OciArchive;
    request.items = {ExportItem{QStringLiteral("team/app"), QStringLiteral("v1"), {}, {}}};
    const auto exported = exportTo(*session, request);
    ASSERT_TRUE(exported && !exported->ok());
    EXPECT_EQ(exported->error().kind, ClientErrorKind::DigestMismatch)
        << exported->error().message.toStdString();
    EXPECT_EQ(entriesIn(out.path()), 0) << "no archive, no temporary file";
}
