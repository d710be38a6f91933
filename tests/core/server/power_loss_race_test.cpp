// Two pushes of one layer, and the power cut between them (berth-crash-fs
// holds one writer between placing a name and syncing it): a manifest is
// answered only once the blobs and links it names are durable — a
// manifest acknowledged on a link another push placed but had not synced
// would name, after the cut, a layer its repository no longer has.
#include "curl_request.h"
#include "support/crash_fs_mount.h"
#include "support/registry_fixture.h"
#include "support/wait_for.h"

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace berth::test {
namespace {

QString sha256(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A curl request left running (its answer's status on standard output).
std::unique_ptr<QProcess> startCurl(const QStringList &args)
{
    auto process = std::make_unique<QProcess>();
    process->start(QStringLiteral("curl"),
                   QStringList{QStringLiteral("-s"), QStringLiteral("-o"),
                               QStringLiteral("/dev/null"), QStringLiteral("-w"),
                               QStringLiteral("%{http_code}")} +
                       args);
    return process;
}

bool finished(QProcess &process)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(0);
}

TEST(PowerLoss, AManifestIsAnsweredOnlyOnceTheLinksItNamesAreDurable)
{
    QTemporaryDir dir;
    const QString state = dir.path() + QStringLiteral("/state");
    const QString mountPoint = dir.path() + QStringLiteral("/mnt");
    QDir().mkpath(state);
    QDir().mkpath(mountPoint);
    const QByteArray config = R"({"architecture":"amd64","os":"linux"})";
    const QByteArray layer = "a layer two pushes share";
    const QString configDigest = sha256(config);
    const QString layerDigest = sha256(layer);
    const QByteArray manifest =
        QStringLiteral(
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
            R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%1","size":%2},)"
            R"("layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%3","size":%4}]})")
            .arg(configDigest)
            .arg(config.size())
            .arg(layerDigest)
            .arg(layer.size())
            .toUtf8();

    bool acknowledged = false;
    {
        CrashFsMount fs(BERTH_CRASH_FS_BINARY, state.toStdString(), mountPoint.toStdString());
        ASSERT_TRUE(fs.mounted()) << "no FUSE here (/dev/fuse, fusermount3)";
        RegistryFixture::Options options;
        options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
        options.rootDirectory = mountPoint + QStringLiteral("/store");
        RegistryFixture registry(options);
        ASSERT_TRUE(registry.start()) << registry.error().toStdString();
        const HeldSyncsReleased released(fs); // before the registry stops, however this ends
        const QString blobs =
            QStringLiteral("http://") + registry.hostPort() + QStringLiteral("/v2/team/app/blobs/");
        const QStringList octets = {QStringLiteral("-H"),
                                    QStringLiteral("Content-Type: application/octet-stream")};
        ASSERT_EQ(
            curlRequest(QStringList{QStringLiteral("-X"), QStringLiteral("POST")} + octets +
                        QStringList{QStringLiteral("--data-binary"), QString::fromLatin1(config),
                                    blobs + QStringLiteral("uploads/?digest=") + configDigest})
                .code,
            201);

        // Push one: the layer placed and linked, held before its link's
        // folder is synced.
        ASSERT_TRUE(fs.holdSyncsOf("/store/docker/registry/v2/repositories/team/app/_layers/"
                                   "sha256/" +
                                   layerDigest.mid(7).toStdString()));
        const auto first =
            startCurl(QStringList{QStringLiteral("-X"), QStringLiteral("POST")} + octets +
                      QStringList{QStringLiteral("--data-binary"), QString::fromLatin1(layer),
                                  blobs + QStringLiteral("uploads/?digest=") + layerDigest});
        ASSERT_TRUE(waitFor([&fs] { return fs.status("held") == 1; }));

        // Push two finds the layer there (a client then skips its upload)…
        ASSERT_EQ(curlRequest({QStringLiteral("-I"), blobs + layerDigest}).code, 200);
        // …and sends its manifest: it waits for the held sync, or is answered.
        const auto second =
            startCurl({QStringLiteral("-X"), QStringLiteral("PUT"), QStringLiteral("-H"),
                       QStringLiteral("Content-Type: application/vnd.oci.image.manifest.v1+json"),
                       QStringLiteral("--data-binary"), QString::fromUtf8(manifest),
                       QStringLiteral("http://") + registry.hostPort() +
                           QStringLiteral("/v2/team/app/manifests/two")});
        // Waiting: it opened the held folder to sync it (the sync itself
        // waits in the kernel, behind the first one's inode lock).
        ASSERT_TRUE(waitFor([&fs, &second] {
            return fs.status("held-opens") >= 2 || finished(*second);
        })) << "the manifest neither answered nor went to sync the link's folder";
        acknowledged = finished(*second) && second->readAllStandardOutput() == "201";

        ASSERT_TRUE(fs.crash()); // held syncs fail: neither push is answered 2xx now
        first->waitForFinished(30000);
        second->waitForFinished(30000);
        if (!acknowledged) {
            EXPECT_NE(second->readAllStandardOutput(), "201") << "answered as the power went";
        }
        registry.kill();
    }
    if (!acknowledged)
        return; // not answered before the cut: nothing was promised

    // Answered: after the cut, what it names must be there.
    CrashFsMount fs(BERTH_CRASH_FS_BINARY, state.toStdString(), mountPoint.toStdString());
    ASSERT_TRUE(fs.mounted());
    RegistryFixture::Options options;
    options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    options.rootDirectory = mountPoint + QStringLiteral("/store");
    RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    const CurlAnswer blob = curlRequest({QStringLiteral("http://") + registry.hostPort() +
                                         QStringLiteral("/v2/team/app/blobs/") + layerDigest});
    EXPECT_EQ(blob.code, 200) << "the manifest was answered 201 before the cut; its layer is gone";
    registry.kill();
}

} // namespace
} // namespace berth::test
