// The mirror streams a blob to its clients while it stores it: a gated
// relay holds a real docker-registry upstream mid-blob.
#include "mirror_support.h"
#include "support/await.h"
#include "support/gated_relay.h"

#include <QDir>
#include <QFileInfo>

#include <gtest/gtest.h>

using berth::test::RegistryFixture;
using berth::test::ServeProcess;
using namespace berth::test::mirror;

// A gate in front of a real upstream holds the blob after its first
// megabyte. Meanwhile every client already has bytes of it (the mirror
// streams while it stores), the blob is not in the store (it is verified
// first), and the upstream was asked for it once. One client is killed;
// the gate opens; the others get the whole blob, identical, and it is
// stored once. A HEAD before any of that is a HEAD upstream, not a GET.
TEST(Mirror, ManyClientsStreamOneFillAndOneMayLeave)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    const auto image = pushImage(upstream, 24, 8 * 1024 * 1024, QStringLiteral("app:v1"));
    ASSERT_FALSE(image.manifestDigest.isEmpty()) << upstream.lastOutput().toStdString();
    const QString digest = image.layers[0].digest;
    const QByteArray original = fileBytes(blobPath(upstream.rootDir(), digest));
    const qsizetype size = original.size();
    ASSERT_GE(size, 8 * 1024 * 1024);

    berth::test::GatedRelay gate(upstream.port());
    ASSERT_TRUE(gate.listen());
    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(berth::test::mirrorConfigOf(gate.url())))
        << mirror.process.readAllStandardError().toStdString();
    const QString url =
        QStringLiteral("http://127.0.0.1:%1/v2/app/blobs/%2").arg(mirror.port).arg(digest);
    const QString root = mirror.dir.path() + QStringLiteral("/data");

    auto head = startCurl({QStringLiteral("-I"), url});
    ASSERT_TRUE(berth::test::pollUntil([&] { return head->state() == QProcess::NotRunning; }));
    const QByteArray headers = head->readAllStandardOutput().toLower();
    EXPECT_TRUE(headers.startsWith("http/1.1 200")) << headers.toStdString();
    EXPECT_TRUE(headers.contains(QByteArray("content-length: ").append(QByteArray::number(size))))
        << headers.toStdString();
    EXPECT_EQ(gate.requests("HEAD /v2/app/blobs/" + digest.toLatin1()), 1);
    EXPECT_EQ(gate.requests("GET /v2/app/blobs/"), 0);

    gate.holdAfter(1024 * 1024);
    QTemporaryDir out;
    const auto received = [&out](int i) -> QString {
        return out.path() + QStringLiteral("/%1").arg(i);
    };
    constexpr int kClients = 20;
    std::vector<std::unique_ptr<QProcess>> clients;
    for (int i = 0; i < kClients; ++i)
        clients.push_back(startCurl({QStringLiteral("-o"), received(i), url}));
    auto ranged = startCurl({QStringLiteral("-o"), received(kClients), QStringLiteral("-r"),
                             QStringLiteral("1000-1999"), url});
    ASSERT_TRUE(berth::test::pollUntil([&] {
        for (int i = 0; i < kClients; ++i) {
            if (QFileInfo(received(i)).size() < 256 * 1024)
                return false;
        }
        return true;
    })) << "not every client got bytes while the upstream was held";
    EXPECT_LT(gate.answerBytes(), size / 2);
    EXPECT_FALSE(QFile::exists(blobPath(root, digest)));
    EXPECT_EQ(gate.requests("GET /v2/app/blobs/" + digest.toLatin1()), 1);

    // A Range short of the end waits for the digest: nothing yet.
    EXPECT_EQ(QFileInfo(received(kClients)).size(), 0);
    clients[0]->kill();
    ASSERT_TRUE(clients[0]->waitForFinished(5000));
    gate.release();
    ASSERT_TRUE(berth::test::pollUntil(
        [&] {
            for (const auto &c : clients) {
                if (c->state() != QProcess::NotRunning)
                    return false;
            }
            return ranged->state() == QProcess::NotRunning;
        },
        60000));
    for (int i = 1; i < kClients; ++i) {
        EXPECT_EQ(clients[i]->exitCode(), 0) << i;
        EXPECT_EQ(sha256Of(fileBytes(received(i))), digest) << i;
    }
    EXPECT_EQ(fileBytes(received(kClients)), original.mid(1000, 1000));
    EXPECT_EQ(fileBytes(blobPath(root, digest)), original);
    EXPECT_EQ(gate.requests("GET /v2/app/blobs/" + digest.toLatin1()), 1);
    const QString uploads = root + QStringLiteral("/docker/registry/v2/repositories/app/_uploads");
    EXPECT_TRUE(QDir(uploads).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot))
        << "a fill left an upload";
}

// Stopped in the middle of a fill (SIGTERM, the gate holding the upstream):
// the clients are cut, the process ends, and the half-fetched blob leaves
// nothing behind — no blob, no upload.
TEST(Mirror, StoppingInTheMiddleOfAFillLeavesNothingHalfStored)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    const auto image = pushImage(upstream, 25, 4 * 1024 * 1024, QStringLiteral("app:v1"));
    ASSERT_FALSE(image.manifestDigest.isEmpty()) << upstream.lastOutput().toStdString();
    const QString digest = image.layers[0].digest;

    berth::test::GatedRelay gate(upstream.port());
    ASSERT_TRUE(gate.listen());
    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                            "rootdirectory: %1\nhttp:\n  draintimeout: 1s\n"
                                            "proxy:\n  remoteurl: ") +
                             gate.url() + QStringLiteral("\n")))
        << mirror.process.readAllStandardError().toStdString();
    const QString root = mirror.dir.path() + QStringLiteral("/data");
    gate.holdAfter(512 * 1024);
    QTemporaryDir out;
    const QString received = out.path() + QStringLiteral("/blob");
    auto client = startCurl(
        {QStringLiteral("-o"), received,
         QStringLiteral("http://127.0.0.1:%1/v2/app/blobs/%2").arg(mirror.port).arg(digest)});
    ASSERT_TRUE(berth::test::pollUntil([&] { return QFileInfo(received).size() > 0; }));

    mirror.process.terminate();
    ASSERT_TRUE(berth::test::pollUntil(
        [&] { return mirror.process.state() == QProcess::NotRunning; }, 30000));
    EXPECT_EQ(mirror.process.exitStatus(), QProcess::NormalExit);
    ASSERT_TRUE(berth::test::pollUntil([&] { return client->state() == QProcess::NotRunning; }));
    EXPECT_NE(client->exitCode(), 0);
    EXPECT_FALSE(QFile::exists(blobPath(root, digest)));
    const QString uploads = root + QStringLiteral("/docker/registry/v2/repositories/app/_uploads");
    EXPECT_TRUE(QDir(uploads).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot))
        << "a stopped fill left an upload";
}
