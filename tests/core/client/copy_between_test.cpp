// Copying images between real registries: Debian's docker-registry with
// token auth (the project's token server) into one with htpasswd and TLS,
// and into berth-registry. Blobs stream from one into the other through a
// bounded pipe; digests are identical; a source that dies mid-blob or
// serves bytes that do not match leaves nothing tagged, and a re-run
// completes.
#include "support/copy_support.h"

#include "client/authenticator.h"
#include "client/copy_job.h"
#include "client/referrers_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "client/transfer_blob_job.h"
#include "support/await.h"
#include "support/gated_relay.h"
#include "support/pki_environment.h"
#include "support/registry_fixture.h"
#include "support/token_server.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::client::ClientErrorKind;
using berth::client::CopyJob;
using berth::client::CopyRequest;
using berth::client::RegistrySession;
using berth::test::await;
using berth::test::copying::pullsWithSkopeo;
using berth::test::copying::rawManifest;

namespace {

const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

berth::client::CredentialProvider login(const QString &user, const QString &password)
{
    return [user, password] {
        return std::optional<berth::client::Credentials>(
            berth::client::Credentials{user, password});
    };
}

std::unique_ptr<RegistrySession> sessionOn(const berth::test::RegistryFixture &registry,
                                           berth::client::CredentialProvider credentials = {},
                                           bool tls = false)
{
    auto endpoint = berth::client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value();
    if (tls) {
        endpoint.dockerCertsDir.clear();
        endpoint.tlsMode = berth::client::TlsMode::CustomCa;
        endpoint.caFile = berth::test::pki().caCert();
    }
    return std::make_unique<RegistrySession>(endpoint, std::move(credentials));
}

std::optional<berth::client::ClientResult<berth::client::CopySummary>>
copy(RegistrySession &from, RegistrySession &to, const QString &repository, const QString &tag,
     const QString &toRepository, CopyJob **started = nullptr)
{
    auto *job = new CopyJob(&from, &to, CopyRequest{repository, tag, toRepository, {}, false});
    if (started)
        *started = job;
    return await(job, &CopyJob::finished, 120000);
}

QString blobFile(const berth::test::RegistryFixture &registry, const QString &digest)
{
    const QString hex = digest.mid(7);
    return registry.rootDir() + QStringLiteral("/docker/registry/v2/blobs/sha256/") + hex.left(2) +
           QLatin1Char('/') + hex + QStringLiteral("/data");
}

} // namespace

TEST(CopyBetween, TokenAuthToHtpasswdAndTlsEveryPlatformByteForByte)
{
    berth::test::TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    const berth::test::RegistryFixture::Options tokenAuth =
        berth::test::tokenAuthOptions(tokens.realm(), berth::test::pki().tokenCert());
    berth::test::RegistryFixture source(tokenAuth);
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    berth::test::RegistryFixture::Options secured;
    secured.htpasswdUser = QStringLiteral("alice");
    secured.htpasswdPassword = QStringLiteral("s3cret");
    secured.tlsCertificate = berth::test::pki().serverCert();
    secured.tlsKey = berth::test::pki().serverKey();
    berth::test::RegistryFixture target(secured);
    ASSERT_TRUE(target.start()) << target.error().toStdString();

    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 111);
    const auto index = layout.addIndex(QStringLiteral("2024-08-01T00:00:00Z"), true);
    // Larger than the pipe holds: the download waits for the upload.
    const auto big = layout.addImage(QStringLiteral("2024-08-02T00:00:00Z"),
                                     QStringLiteral("amd64"), {12 << 20, 3000});
    layout.tag(QStringLiteral("multi"), index.digest, kOciIndex);
    layout.tag(QStringLiteral("big"), big.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("multi"),
                            QStringLiteral("multi/app:v1"), true))
        << source.lastOutput().toStdString();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("big"), QStringLiteral("big/app:v1")))
        << source.lastOutput().toStdString();

    auto from = sessionOn(source, login(QStringLiteral("bob"), QStringLiteral("pw")));
    auto to = sessionOn(target, login(QStringLiteral("alice"), QStringLiteral("s3cret")), true);
    const auto multi = copy(*from, *to, QStringLiteral("multi/app"), QStringLiteral("v1"),
                            QStringLiteral("mirror/multi"));
    ASSERT_TRUE(multi && multi->ok()) << (multi ? multi->error().message.toStdString() : "");
    EXPECT_EQ(multi->value().digest, index.digest);
    EXPECT_EQ(multi->value().blobsMounted, 0);
    EXPECT_GT(multi->value().blobsCopied, 0);
    EXPECT_EQ(rawManifest(*to, QStringLiteral("mirror/multi"), QStringLiteral("v1")),
              rawManifest(*from, QStringLiteral("multi/app"), QStringLiteral("v1")));
    for (const auto &platform : index.platforms)
        EXPECT_EQ(rawManifest(*to, QStringLiteral("mirror/multi"), platform.manifestDigest),
                  rawManifest(*from, QStringLiteral("multi/app"), platform.manifestDigest));

    const auto large = copy(*from, *to, QStringLiteral("big/app"), QStringLiteral("v1"),
                            QStringLiteral("big/app"));
    ASSERT_TRUE(large && large->ok()) << (large ? large->error().message.toStdString() : "");
    EXPECT_EQ(large->value().bytesCopied, big.size);
    QString output;
    for (const QString &copied : {QStringLiteral("mirror/multi:v1"), QStringLiteral("big/app:v1")})
        EXPECT_TRUE(
            pullsWithSkopeo(target.hostPort(), copied, output,
                            {QStringLiteral("--src-creds"), QStringLiteral("alice:s3cret")}))
            << copied.toStdString() << ": " << output.toStdString();

    // Again: the tags are there, nothing moves.
    const auto again = copy(*from, *to, QStringLiteral("big/app"), QStringLiteral("v1"),
                            QStringLiteral("big/app"));
    ASSERT_TRUE(again && again->ok());
    EXPECT_TRUE(again->value().unchanged);
    EXPECT_EQ(again->value().bytesCopied, 0);
}

// A token that the source stops taking in the middle of a copy (tokens
// expire; here it is replaced by one the registry never issued) is not the
// end: the blob's relay hears 401, the session fetches a new token and the
// blob goes again on a fresh upload.
TEST(CopyBetween, ASourceTokenRefusedMidCopyIsFetchedAgain)
{
    berth::test::TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    berth::test::RegistryFixture source(
        berth::test::tokenAuthOptions(tokens.realm(), berth::test::pki().tokenCert()));
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    berth::test::RegistryFixture target;
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 112);
    const auto image = layout.addImage(QStringLiteral("2024-08-03T00:00:00Z"),
                                       QStringLiteral("amd64"), {2 << 20, 3000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();

    auto from = sessionOn(source, login(QStringLiteral("bob"), QStringLiteral("pw")));
    auto to = sessionOn(target);
    // The session learns the registry's token flow, then its token goes bad.
    ASSERT_FALSE(rawManifest(*from, QStringLiteral("team/app"), QStringLiteral("v1")).isEmpty());
    const int issued = tokens.requests();
    from->authenticator()->storeToken(
        berth::client::Authenticator::scopeKey({QStringLiteral("repository:team/app:pull")}),
        "not-issued-by-the-realm", std::chrono::seconds(300));

    const berth::test::LayerTruth &layer = image.layers[0];
    auto *job = new berth::client::TransferBlobJob(
        from.get(), QStringLiteral("team/app"), to.get(), QStringLiteral("copied/app"),
        berth::oci::Digest::parse(layer.digest.toStdString()).value(), layer.size);
    const auto moved = await(job, &berth::client::TransferBlobJob::finished, 60000);
    ASSERT_TRUE(moved && moved->ok()) << (moved ? moved->error().message.toStdString() : "");
    EXPECT_EQ(moved->value(), layer.size);
    EXPECT_GT(tokens.requests(), issued);
    EXPECT_EQ(QFileInfo(blobFile(target, layer.digest)).size(), layer.size);
}

// docker-registry holding team/app:v1, a berth-registry to copy it into.
class IntoBerthRegistry : public ::testing::Test
{
protected:
    IntoBerthRegistry()
        : target(berthOptions())
    {
    }
    static berth::test::RegistryFixture::Options berthOptions()
    {
        berth::test::RegistryFixture::Options o;
        o.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
        return o;
    }
    // One image with a layer of `layerSize` bytes, pushed to the source.
    void pushImage(quint32 seed, qsizetype layerSize)
    {
        ASSERT_TRUE(source.start()) << source.error().toStdString();
        ASSERT_TRUE(target.start()) << target.error().toStdString();
        berth::test::OciLayoutWriter layout(layoutDir.path(), seed);
        image = layout.addImage(QStringLiteral("2024-08-03T00:00:00Z"), QStringLiteral("amd64"),
                                {layerSize});
        layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
        layout.save();
        ASSERT_TRUE(
            source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
            << source.lastOutput().toStdString();
        from = sessionOn(source);
        to = sessionOn(target);
    }

    berth::test::RegistryFixture source;
    berth::test::RegistryFixture target;
    QTemporaryDir layoutDir;
    berth::test::ImageTruth image;
    std::unique_ptr<RegistrySession> from;
    std::unique_ptr<RegistrySession> to;
};

TEST_F(IntoBerthRegistry, ASourceKilledMidBlobTagsNothingAndARerunCompletes)
{
    // Far more than the pipe, Qt's buffer and the sockets hold together.
    ASSERT_NO_FATAL_FAILURE(pushImage(112, 48 << 20));

    auto *job = new CopyJob(from.get(), to.get(),
                            CopyRequest{QStringLiteral("team/app"),
                                        QStringLiteral("v1"),
                                        QStringLiteral("team/app"),
                                        {},
                                        false});
    bool killed = false;
    QObject::connect(job, &CopyJob::progress, job, [&](const berth::client::CopyProgress &p) {
        // 8 MiB into the layer (the config went first): had the upload
        // waited for the whole download, the source would be done by now
        // and the copy would succeed.
        if (!killed && p.bytesCopied > (8 << 20)) {
            killed = true;
            source.kill();
        }
    });
    const auto broken = await(job, &CopyJob::finished, 120000);
    ASSERT_TRUE(killed);
    ASSERT_TRUE(broken && !broken->ok());
    EXPECT_NE(broken->error().kind, ClientErrorKind::Cancelled);
    EXPECT_FALSE(broken->error().message.isEmpty());
    EXPECT_TRUE(rawManifest(*to, QStringLiteral("team/app"), QStringLiteral("v1")).isEmpty())
        << "nothing tagged";

    ASSERT_TRUE(source.start()) << source.error().toStdString();
    auto again = sessionOn(source);
    const auto rerun = copy(*again, *to, QStringLiteral("team/app"), QStringLiteral("v1"),
                            QStringLiteral("team/app"));
    ASSERT_TRUE(rerun && rerun->ok()) << (rerun ? rerun->error().message.toStdString() : "");
    QString output;
    EXPECT_TRUE(pullsWithSkopeo(target.hostPort(), QStringLiteral("team/app:v1"), output))
        << output.toStdString();
}

// A copy stopped while a blob streams leaves no upload open at the
// destination: the blob's job is cancelled with the copy and abandons its
// upload — also one whose POST was still on the way.
TEST_F(IntoBerthRegistry, AStoppedCopyLeavesNoUploadOpen)
{
    pushImage(113, 6 << 20);
    // Scripted: a relay in front of the real source holds its answers
    // after 1 MiB, so the layer is caught mid-way.
    berth::test::GatedRelay gate(source.port());
    ASSERT_TRUE(gate.listen());
    gate.holdAfter(1 << 20);
    from = std::make_unique<RegistrySession>(
        berth::client::RegistryEndpoint::fromUserInput(gate.url()).value());
    auto *job = new CopyJob(from.get(), to.get(),
                            CopyRequest{QStringLiteral("team/app"),
                                        QStringLiteral("v1"),
                                        QStringLiteral("team/app"),
                                        {},
                                        false});
    qint64 copied = 0;
    QObject::connect(job, &CopyJob::progress, job,
                     [&copied](const berth::client::CopyProgress &p) { copied = p.bytesCopied; });
    const auto openUploads = [this] {
        return berth::test::copying::openUploads(target.rootDir(), QStringLiteral("team/app"));
    };
    ASSERT_TRUE(berth::test::pollUntil([&] { return copied > 0; }));
    ASSERT_GT(openUploads(), 0);
    job->cancel();
    EXPECT_TRUE(berth::test::pollUntil([&] { return openUploads() == 0; }))
        << openUploads() << " upload(s) left open at the destination";
    gate.release();
}

// A blob's job stopped while the destination has opened its upload but
// not yet answered: the answer still comes, and the upload is abandoned.
TEST_F(IntoBerthRegistry, AnUploadOpenedAsTheJobStopsIsAbandonedToo)
{
    pushImage(114, 1 << 20);
    // Scripted: a relay in front of the real destination holds every answer.
    berth::test::GatedRelay gate(target.port());
    ASSERT_TRUE(gate.listen());
    gate.holdAfter(0);
    auto held = std::make_unique<RegistrySession>(
        berth::client::RegistryEndpoint::fromUserInput(gate.url()).value());
    const berth::test::LayerTruth &layer = image.layers[0];
    auto *job = new berth::client::TransferBlobJob(
        from.get(), QStringLiteral("team/app"), held.get(), QStringLiteral("team/app"),
        berth::oci::Digest::parse(layer.digest.toStdString()).value(), layer.size);
    const auto openUploads = [this] {
        return berth::test::copying::openUploads(target.rootDir(), QStringLiteral("team/app"));
    };
    ASSERT_TRUE(berth::test::pollUntil([&] { return openUploads() > 0; }));
    job->cancel();
    gate.release();
    EXPECT_TRUE(berth::test::pollUntil([&] { return openUploads() == 0; }))
        << openUploads() << " upload(s) left open at the destination";
}

TEST_F(IntoBerthRegistry, BytesThatDoNotMatchTheirDigestAreStoredNowhere)
{
    ASSERT_NO_FATAL_FAILURE(pushImage(113, 200000));
    // The source's disk went bad: same size, other bytes.
    QFile layer(blobFile(source, image.layers.front().digest));
    ASSERT_TRUE(layer.open(QIODevice::ReadWrite));
    QByteArray bytes = layer.readAll();
    bytes[1000] = static_cast<char>(bytes[1000] ^ 0x5a);
    ASSERT_TRUE(layer.seek(0));
    ASSERT_EQ(layer.write(bytes), bytes.size());
    layer.close();

    const auto result = copy(*from, *to, QStringLiteral("team/app"), QStringLiteral("v1"),
                             QStringLiteral("team/app"));
    ASSERT_TRUE(result && !result->ok());
    EXPECT_TRUE(rawManifest(*to, QStringLiteral("team/app"), QStringLiteral("v1")).isEmpty());
    EXPECT_FALSE(QFile::exists(blobFile(target, image.layers.front().digest)))
        << "the target stored nothing under that digest";
}

// An image's signature (cosign's tag scheme) and SBOM (an OCI referrer)
// come along: from berth-registry (referrers API) into docker-registry
// (none: the referrers are there by digest, the signature under its tag,
// and both in the referrers tag schema's index the copy writes) and into
// berth-registry (its referrers API lists both). Not when asked not to.
TEST(CopyBetween, SignaturesAndSbomsComeAlong)
{
    berth::test::RegistryFixture::Options berth;
    berth.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture source(berth);
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    berth::test::RegistryFixture plain;
    ASSERT_TRUE(plain.start()) << plain.error().toStdString();
    berth::test::RegistryFixture referring(berth);
    ASSERT_TRUE(referring.start()) << referring.error().toStdString();

    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 114);
    const auto image =
        layout.addImage(QStringLiteral("2024-08-05T00:00:00Z"), QStringLiteral("amd64"), {30000});
    const auto sbom = layout.addArtifact(QStringLiteral("application/spdx+json"), image, 4000);
    const auto signature = layout.addArtifact(
        QStringLiteral("application/vnd.dev.cosign.artifact.sig.v1+json"), image, 300);
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();
    const QString sigTag =
        QStringLiteral("sha256-") + image.manifestDigest.mid(7) + QStringLiteral(".sig");
    QString output;
    ASSERT_TRUE(berth::test::copying::pushWithCurl(
        source.baseUrl(), layoutDir.path(), QStringLiteral("team/app"),
        {sbom.configDigest, sbom.layers[0].digest}, sbom.manifestDigest, sbom.manifestDigest,
        output))
        << output.toStdString();
    ASSERT_TRUE(berth::test::copying::pushWithCurl(
        source.baseUrl(), layoutDir.path(), QStringLiteral("team/app"),
        {signature.configDigest, signature.layers[0].digest}, signature.manifestDigest, sigTag,
        output))
        << output.toStdString();

    auto from = sessionOn(source);
    for (berth::test::RegistryFixture *target : {&plain, &referring}) {
        auto to = sessionOn(*target);
        const auto copied = copy(*from, *to, QStringLiteral("team/app"), QStringLiteral("v1"),
                                 QStringLiteral("team/app"));
        ASSERT_TRUE(copied && copied->ok())
            << (copied ? copied->error().message.toStdString() : "");
        EXPECT_EQ(copied->value().referrers, 2);
        EXPECT_EQ(rawManifest(*to, QStringLiteral("team/app"), sbom.manifestDigest),
                  rawManifest(*from, QStringLiteral("team/app"), sbom.manifestDigest));
        EXPECT_EQ(rawManifest(*to, QStringLiteral("team/app"), sigTag),
                  rawManifest(*from, QStringLiteral("team/app"), sigTag));
        EXPECT_FALSE(rawManifest(*to, QStringLiteral("team/app"), sigTag).isEmpty());
        // Listed where readers look: the referrers API, or else the
        // referrers tag schema's index, which the copy wrote.
        const auto there =
            await(to->listReferrers(
                      QStringLiteral("team/app"),
                      berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
                  &berth::client::ReferrersJob::finished);
        ASSERT_TRUE(there && there->ok());
        EXPECT_EQ(there->value().viaTagSchema, target == &plain);
        ASSERT_EQ(there->value().manifests.size(), 2);
        QStringList types;
        for (const auto &d : there->value().manifests)
            types << QString::fromStdString(d.artifactType);
        types.sort();
        EXPECT_EQ(types,
                  (QStringList{QStringLiteral("application/spdx+json"),
                               QStringLiteral("application/vnd.dev.cosign.artifact.sig.v1+json")}));
        const QString indexTag = QStringLiteral("sha256-") + image.manifestDigest.mid(7);
        EXPECT_EQ(rawManifest(*to, QStringLiteral("team/app"), indexTag).isEmpty(),
                  target != &plain)
            << "a registry with the referrers API gets no index tag";
    }
    // Again into docker-registry: the index lists each referrer once.
    auto toPlain = sessionOn(plain);
    const auto twice = copy(*from, *toPlain, QStringLiteral("team/app"), QStringLiteral("v1"),
                            QStringLiteral("team/app"));
    ASSERT_TRUE(twice && twice->ok());
    const auto once =
        await(toPlain->listReferrers(
                  QStringLiteral("team/app"),
                  berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
              &berth::client::ReferrersJob::finished);
    ASSERT_TRUE(once && once->ok());
    EXPECT_EQ(once->value().manifests.size(), 2);

    // From docker-registry (its referrers in the tag schema's index) into
    // berth-registry: the referrers come, the source's index tag does not
    // (the referrers API lists them there).
    auto toApi = sessionOn(referring);
    const auto fromPlain = copy(*toPlain, *toApi, QStringLiteral("team/app"), QStringLiteral("v1"),
                                QStringLiteral("again/app"));
    ASSERT_TRUE(fromPlain && fromPlain->ok())
        << (fromPlain ? fromPlain->error().message.toStdString() : "");
    EXPECT_EQ(fromPlain->value().referrers, 2);
    EXPECT_TRUE(rawManifest(*toApi, QStringLiteral("again/app"),
                            QStringLiteral("sha256-") + image.manifestDigest.mid(7))
                    .isEmpty())
        << "no stray index tag where the API lists referrers";
    const auto viaApi = await(
        toApi->listReferrers(QStringLiteral("again/app"),
                             berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
        &berth::client::ReferrersJob::finished);
    ASSERT_TRUE(viaApi && viaApi->ok());
    EXPECT_FALSE(viaApi->value().viaTagSchema);
    EXPECT_EQ(viaApi->value().manifests.size(), 2);
    auto to = sessionOn(referring);
    const auto listed = await(
        to->listReferrers(QStringLiteral("team/app"),
                          berth::oci::Digest::parse(image.manifestDigest.toStdString()).value()),
        &berth::client::ReferrersJob::finished);
    ASSERT_TRUE(listed && listed->ok());
    EXPECT_FALSE(listed->value().viaTagSchema);
    EXPECT_EQ(listed->value().manifests.size(), 2);

    auto *bare = new CopyJob(from.get(), to.get(),
                             CopyRequest{QStringLiteral("team/app"),
                                         QStringLiteral("v1"),
                                         QStringLiteral("bare/app"),
                                         {},
                                         false,
                                         4,
                                         false});
    const auto alone = await(bare, &CopyJob::finished, 60000);
    ASSERT_TRUE(alone && alone->ok()) << (alone ? alone->error().message.toStdString() : "");
    EXPECT_EQ(alone->value().referrers, 0);
    EXPECT_TRUE(rawManifest(*to, QStringLiteral("bare/app"), sbom.manifestDigest).isEmpty());

    // Copied again with them: the tag is in place, the referrers still come.
    const auto later = copy(*from, *to, QStringLiteral("team/app"), QStringLiteral("v1"),
                            QStringLiteral("bare/app"));
    ASSERT_TRUE(later && later->ok()) << (later ? later->error().message.toStdString() : "");
    EXPECT_FALSE(later->value().unchanged);
    EXPECT_EQ(later->value().referrers, 2);
    EXPECT_FALSE(rawManifest(*to, QStringLiteral("bare/app"), sbom.manifestDigest).isEmpty());
}
