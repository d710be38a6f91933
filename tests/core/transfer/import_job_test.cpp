// Importing OCI layouts and archives into real registries: an
// oci-archive skopeo wrote goes into docker-registry digest for digest
// (skopeo pulls it whole) and a second run uploads nothing; an export
// with its referrers round-trips into berth-registry; a damaged archive,
// or a tag pointing elsewhere, tags nothing.
#include "transfer_support.h"

#include "support/copy_support.h"

#include "client/manifest_job.h"
#include "client/referrers_job.h"
#include "support/registry_fixture.h"
#include "transfer/export_job.h"
#include "transfer/import_job.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::archive::LayoutFormat;
using berth::client::ClientErrorKind;
using berth::test::RegistryFixture;
using berth::test::copying::rawManifest;
using berth::test::transferring::exportTo;
using berth::test::transferring::sessionOn;
using berth::test::transferring::skopeo;
using berth::transfer::ImportJob;
using berth::transfer::ImportRequest;

namespace {

const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

std::optional<berth::client::ClientResult<berth::transfer::ImportSummary>>
importInto(berth::client::RegistrySession &session, const ImportRequest &request)
{
    return berth::test::await(new ImportJob(&session, request), &ImportJob::finished, 120000);
}

ImportRequest request(const QString &path, const QString &repository, const QString &tag = {})
{
    ImportRequest r;
    r.path = path;
    r.repository = repository;
    r.tag = tag;
    return r;
}

} // namespace

TEST(ImportJob, AnOciArchiveSkopeoWroteGoesInDigestForDigestAndOnlyOnce)
{
    RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    RegistryFixture target;
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 301);
    const auto index = layout.addIndex(QStringLiteral("2024-10-01T00:00:00Z"), true);
    layout.tag(QStringLiteral("multi"), index.digest, kOciIndex);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("multi"),
                            QStringLiteral("team/app:multi"), true))
        << source.lastOutput().toStdString();
    QTemporaryDir out;
    const QString tar = out.path() + QStringLiteral("/app.tar");
    QString output;
    ASSERT_TRUE(skopeo(
        {QStringLiteral("copy"), QStringLiteral("--all"), QStringLiteral("--src-tls-verify=false"),
         QStringLiteral("docker://") + source.hostPort() + QStringLiteral("/team/app:multi"),
         QStringLiteral("oci-archive:") + tar + QStringLiteral(":multi")},
        output))
        << output.toStdString();

    auto from = sessionOn(source);
    auto to = sessionOn(target);
    const auto imported = importInto(*to, request(tar, QStringLiteral("imported/app")));
    ASSERT_TRUE(imported && imported->ok())
        << (imported ? imported->error().message.toStdString() : "");
    EXPECT_EQ(imported->value().digest, index.digest);
    EXPECT_EQ(imported->value().tag, QStringLiteral("multi")) << "the archive's ref name";
    EXPECT_GT(imported->value().blobsUploaded, 0);
    EXPECT_EQ(rawManifest(*to, QStringLiteral("imported/app"), QStringLiteral("multi")),
              rawManifest(*from, QStringLiteral("team/app"), QStringLiteral("multi")));
    for (const auto &platform : index.platforms)
        EXPECT_EQ(rawManifest(*to, QStringLiteral("imported/app"), platform.manifestDigest),
                  rawManifest(*from, QStringLiteral("team/app"), platform.manifestDigest));
    EXPECT_TRUE(target.pull(QStringLiteral("imported/app:multi"), true))
        << target.lastOutput().toStdString();

    const auto again = importInto(*to, request(tar, QStringLiteral("imported/app")));
    ASSERT_TRUE(again && again->ok()) << (again ? again->error().message.toStdString() : "");
    EXPECT_EQ(again->value().blobsUploaded, 0);
    EXPECT_EQ(again->value().bytesUploaded, 0);
}

// Exported from berth-registry with an SBOM, imported into another: the
// referrers API lists the SBOM; imported into docker-registry (no API):
// the referrers tag schema's index lists it.
TEST(ImportJob, AnExportWithItsReferrersRoundTrips)
{
    RegistryFixture::Options berth;
    berth.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    RegistryFixture source(berth);
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    RegistryFixture target(berth);
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 302);
    const auto image =
        layout.addImage(QStringLiteral("2024-10-02T00:00:00Z"), QStringLiteral("amd64"), {20000});
    const auto sbom = layout.addArtifact(QStringLiteral("application/spdx+json"), image, 3000);
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("sbom"), sbom.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();
    // The SBOM by digest, as an OCI 1.1 referrer (skopeo copies artifacts as they are
    // when they come from a layout).
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("sbom"),
                            QStringLiteral("team/app@") + sbom.manifestDigest))
        << source.lastOutput().toStdString();

    auto from = sessionOn(source);
    QTemporaryDir out;
    berth::transfer::ExportRequest exportRequest;
    exportRequest.items = {
        berth::transfer::ExportItem{QStringLiteral("team/app"), QStringLiteral("v1"), {}, {}}};
    exportRequest.path = out.path() + QStringLiteral("/app.tar");
    exportRequest.format = LayoutFormat::OciArchive;
    const auto exported = exportTo(*from, exportRequest);
    ASSERT_TRUE(exported && exported->ok())
        << (exported ? exported->error().message.toStdString() : "");
    ASSERT_EQ(exported->value().referrers, 1);

    auto to = sessionOn(target);
    const auto imported = importInto(
        *to, request(exportRequest.path, QStringLiteral("team/app"), QStringLiteral("1.0")));
    ASSERT_TRUE(imported && imported->ok())
        << (imported ? imported->error().message.toStdString() : "");
    EXPECT_EQ(imported->value().referrers, 1);
    EXPECT_EQ(rawManifest(*to, QStringLiteral("team/app"), QStringLiteral("1.0")),
              rawManifest(*from, QStringLiteral("team/app"), QStringLiteral("v1")));
    const auto listed = berth::test::await(
        to->listReferrers(QStringLiteral("team/app"),
                          berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
        &berth::client::ReferrersJob::finished);
    ASSERT_TRUE(listed && listed->ok());
    EXPECT_EQ(listed->value().manifests.size(), 1);

    // Into docker-registry, which has no referrers API: the import writes
    // the referrers tag schema's index, where readers look instead.
    RegistryFixture plain;
    ASSERT_TRUE(plain.start()) << plain.error().toStdString();
    auto toPlain = sessionOn(plain);
    const auto intoPlain = importInto(
        *toPlain, request(exportRequest.path, QStringLiteral("team/app"), QStringLiteral("1.0")));
    ASSERT_TRUE(intoPlain && intoPlain->ok())
        << (intoPlain ? intoPlain->error().message.toStdString() : "");
    const auto viaTag = berth::test::await(
        toPlain->listReferrers(
            QStringLiteral("team/app"),
            berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
        &berth::client::ReferrersJob::finished);
    ASSERT_TRUE(viaTag && viaTag->ok());
    EXPECT_TRUE(viaTag->value().viaTagSchema);
    ASSERT_EQ(viaTag->value().manifests.size(), 1);
    EXPECT_EQ(QString::fromStdString(viaTag->value().manifests[0].digest.toString()),
              sbom.manifestDigest);
    EXPECT_EQ(viaTag->value().manifests[0].artifactType, "application/spdx+json");
}

// A byte changed inside a layer of the archive: the import fails naming
// the entry, and the destination has no tag; a tag pointing at another
// image is refused before anything moves.
TEST(ImportJob, ADamagedArchiveOrATagElsewhereTagsNothing)
{
    RegistryFixture target;
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 303);
    const auto image =
        layout.addImage(QStringLiteral("2024-10-03T00:00:00Z"), QStringLiteral("amd64"), {90000});
    const auto other =
        layout.addImage(QStringLiteral("2024-10-04T00:00:00Z"), QStringLiteral("amd64"), {9000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("other"), other.manifestDigest, kOciManifest);
    layout.save();
    QTemporaryDir out;
    const QString tar = out.path() + QStringLiteral("/app.tar");
    QString output;
    ASSERT_TRUE(skopeo({QStringLiteral("copy"),
                        QStringLiteral("oci:") + layoutDir.path() + QStringLiteral(":img"),
                        QStringLiteral("oci-archive:") + tar + QStringLiteral(":img")},
                       output))
        << output.toStdString();
    QFile layer(layoutDir.path() + QStringLiteral("/blobs/sha256/") +
                image.layers[0].digest.mid(7));
    ASSERT_TRUE(layer.open(QIODevice::ReadOnly));
    const QByteArray marker = layer.read(64);
    QFile archive(tar);
    ASSERT_TRUE(archive.open(QIODevice::ReadWrite));
    const QByteArray all = archive.readAll();
    const qsizetype at = all.indexOf(marker);
    ASSERT_GT(at, 0);
    archive.seek(at + 1000);
    archive.write("damage");
    archive.close();

    auto to = sessionOn(target);
    const auto damaged = importInto(*to, request(tar, QStringLiteral("team/app")));
    ASSERT_TRUE(damaged && !damaged->ok());
    EXPECT_EQ(damaged->error().kind, ClientErrorKind::ArchiveInvalid)
        << damaged->error().message.toStdString();
    EXPECT_TRUE(damaged->error().message.contains(image.layers[0].digest.mid(7)))
        << damaged->error().message.toStdString();
    EXPECT_TRUE(rawManifest(*to, QStringLiteral("team/app"), QStringLiteral("img")).isEmpty());
    EXPECT_TRUE(rawManifest(*to, QStringLiteral("team/app"), image.manifestDigest).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(target.rootDir() +
                                   QStringLiteral("/docker/registry/v2/repositories/team")))
        << "checked whole before anything was pushed: no trace at the registry";

    // The registry has every blob already (the good image): the damaged
    // archive is still refused, not imported on the strength of those.
    ASSERT_TRUE(
        target.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("good/app:img")));
    const auto present =
        importInto(*to, request(tar, QStringLiteral("good/app"), QStringLiteral("from-damaged")));
    ASSERT_TRUE(present && !present->ok());
    EXPECT_EQ(present->error().kind, ClientErrorKind::ArchiveInvalid)
        << present->error().message.toStdString();
    EXPECT_TRUE(
        rawManifest(*to, QStringLiteral("good/app"), QStringLiteral("from-damaged")).isEmpty());

    ASSERT_TRUE(
        target.push(layoutDir.path(), QStringLiteral("other"), QStringLiteral("team/app:img")));
    ASSERT_TRUE(skopeo({QStringLiteral("copy"),
                        QStringLiteral("oci:") + layoutDir.path() + QStringLiteral(":img"),
                        QStringLiteral("oci-archive:") + tar + QStringLiteral(":img")},
                       output))
        << output.toStdString();
    const auto refused = importInto(*to, request(tar, QStringLiteral("team/app")));
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::TagExists)
        << refused->error().message.toStdString();
    EXPECT_TRUE(rawManifest(*to, QStringLiteral("team/app"), image.manifestDigest).isEmpty())
        << "nothing moved";
    ImportRequest overwrite = request(tar, QStringLiteral("team/app"));
    overwrite.overwrite = true;
    const auto moved = importInto(*to, overwrite);
    ASSERT_TRUE(moved && moved->ok()) << (moved ? moved->error().message.toStdString() : "");
    EXPECT_FALSE(rawManifest(*to, QStringLiteral("team/app"), QStringLiteral("img")).isEmpty());
}

// A docker-archive in the form before Docker 25, as skopeo writes it
// (manifest.json, the configuration, uncompressed layers): imported as
// an OCI image of that configuration and those layers — each layer's
// digest its diff ID — which skopeo pulls whole; its name gives the tag.
TEST(ImportJob, ADockerSaveArchiveBecomesAnImageOfTheSameConfiguration)
{
    RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    RegistryFixture target;
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 304);
    const auto base = layout.addTarLayer(
        {{QStringLiteral("etc/os-release"), QByteArrayLiteral("NAME=berth-test\n")}});
    const auto app = layout.addTarLayer({{QStringLiteral("bin/app"), QByteArray(6000, 'a')}});
    const auto image = layout.addImage(QStringLiteral("2024-10-05T00:00:00Z"),
                                       QStringLiteral("amd64"), {}, {base, app});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();
    QTemporaryDir out;
    const QString tar = out.path() + QStringLiteral("/saved.tar");
    QString output;
    ASSERT_TRUE(
        skopeo({QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                QStringLiteral("docker://") + source.hostPort() + QStringLiteral("/team/app:v1"),
                QStringLiteral("docker-archive:") + tar + QStringLiteral(":team/app:v1")},
               output))
        << output.toStdString();

    auto to = sessionOn(target);
    const auto imported = importInto(*to, request(tar, QStringLiteral("saved/app")));
    ASSERT_TRUE(imported && imported->ok())
        << (imported ? imported->error().message.toStdString() : "");
    EXPECT_EQ(imported->value().tag, QStringLiteral("v1")) << "from RepoTags";
    EXPECT_EQ(imported->value().blobsUploaded, 3);
    const QByteArray manifest = rawManifest(*to, QStringLiteral("saved/app"), QStringLiteral("v1"));
    EXPECT_TRUE(manifest.contains(image.configDigest.toUtf8())) << manifest.toStdString();
    EXPECT_TRUE(manifest.contains(base.diffId.toUtf8())) << manifest.toStdString();
    EXPECT_TRUE(manifest.contains(app.diffId.toUtf8())) << manifest.toStdString();
    EXPECT_TRUE(target.pull(QStringLiteral("saved/app:v1"))) << target.lastOutput().toStdString();

    const auto unknown = importInto(*to, [&tar] {
        ImportRequest r = request(tar, QStringLiteral("saved/app"));
        r.image = QStringLiteral("team/app:v2");
        return r;
    }());
    ASSERT_TRUE(unknown && !unknown->ok());
    EXPECT_EQ(unknown->error().kind, ClientErrorKind::InvalidArgument);
    EXPECT_TRUE(unknown->error().message.contains(QStringLiteral("no image named team/app:v2")))
        << unknown->error().message.toStdString();
}
