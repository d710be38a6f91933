// berth-registry serve as a pull-through cache (registry:2's proxy block)
// in front of a real docker-registry, pulled from with skopeo.
#include "serve_process.h"
#include "support/await.h"
#include "support/gated_relay.h"
#include "support/registry_fixture.h"
#include "support/scripted_http_server.h"

#include "oci/digest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::test::RegistryFixture;
using berth::test::ServeProcess;

namespace {

const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
const QString kOciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");

// skopeo with the mirror (plain HTTP on loopback); false with its output.
bool skopeo(const QStringList &args, QString &output)
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
QString digestVia(quint16 port, const QString &ref)
{
    QString raw;
    if (!skopeo({QStringLiteral("inspect"), QStringLiteral("--raw"),
                 QStringLiteral("--tls-verify=false"),
                 QStringLiteral("docker://127.0.0.1:%1/%2").arg(port).arg(ref)},
                raw))
        return QStringLiteral("error: ") + raw;
    return QString::fromStdString(berth::oci::Digest::sha256Of(raw.toStdString()).toString());
}

bool pullAllVia(quint16 port, const QString &ref, QString &output)
{
    QTemporaryDir target;
    return skopeo({QStringLiteral("copy"), QStringLiteral("--all"),
                   QStringLiteral("--src-tls-verify=false"),
                   QStringLiteral("docker://127.0.0.1:%1/%2").arg(port).arg(ref),
                   QStringLiteral("oci:") + target.path() + QStringLiteral(":x")},
                  output);
}

QString mirrorConfig(const RegistryFixture &upstream, const QString &ttl)
{
    return QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %1\n"
                          "proxy:\n  remoteurl: ") +
           upstream.baseUrl() + QStringLiteral("\n  ttl: ") + ttl + QStringLiteral("\n");
}

QString blobPath(const QString &root, const QString &digest)
{
    const QString hex = digest.mid(7);
    return root + QStringLiteral("/docker/registry/v2/blobs/sha256/") + hex.left(2) +
           QLatin1Char('/') + hex + QStringLiteral("/data");
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256Of(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

std::unique_ptr<QProcess> startCurl(const QStringList &args)
{
    auto curl = std::make_unique<QProcess>();
    curl->start(QStringLiteral("curl"), QStringList{QStringLiteral("-s")} + args);
    return curl;
}

} // namespace

// The guide's block pointed at a local upstream: single and multi-arch
// images pull through with the upstream's digests; the cache is plain
// registry:2 layout; pushes are refused; a moved tag is seen at once with
// ttl 0 and not before the ttl otherwise; with the upstream gone, what was
// pulled still pulls.
TEST(Mirror, PullsThroughCachesAndKeepsServingOffline)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 21);
    const auto single = layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"),
                                        QStringLiteral("amd64"), {200000, 3000});
    const auto newer =
        layout.addImage(QStringLiteral("2024-06-01T00:00:00Z"), QStringLiteral("amd64"), {5000});
    const auto multi = layout.addIndex(QStringLiteral("2024-03-01T00:00:00Z"), false);
    layout.tag(QStringLiteral("single"), single.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("newer"), newer.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("multi"), multi.digest, kOciIndex);
    layout.save();
    ASSERT_TRUE(
        upstream.push(layoutDir.path(), QStringLiteral("single"), QStringLiteral("library/app:v1")))
        << upstream.lastOutput().toStdString();
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("multi"),
                              QStringLiteral("library/multi:latest"), true))
        << upstream.lastOutput().toStdString();

    ServeProcess fresh; // ttl 0: every pull of a tag asks the upstream
    ASSERT_TRUE(fresh.start(mirrorConfig(upstream, QStringLiteral("0s"))))
        << fresh.process.readAllStandardError().toStdString();
    ServeProcess lasting; // ttl 1h
    ASSERT_TRUE(lasting.start(mirrorConfig(upstream, QStringLiteral("1h"))))
        << lasting.process.readAllStandardError().toStdString();

    QString output;
    for (ServeProcess *mirror : {&fresh, &lasting}) {
        EXPECT_EQ(digestVia(mirror->port, QStringLiteral("library/app:v1")), single.manifestDigest);
        ASSERT_TRUE(pullAllVia(mirror->port, QStringLiteral("library/app:v1"), output))
            << output.toStdString();
        ASSERT_TRUE(pullAllVia(mirror->port, QStringLiteral("library/multi:latest"), output))
            << output.toStdString();
        EXPECT_EQ(digestVia(mirror->port, QStringLiteral("library/multi:latest")), multi.digest);
    }
    // Stored as registry:2 stores it.
    const QString root = fresh.dir.path() + QStringLiteral("/data");
    EXPECT_TRUE(QFile::exists(blobPath(root, single.layers[0].digest)));
    EXPECT_TRUE(QFile::exists(root + QStringLiteral("/docker/registry/v2/repositories/library/"
                                                    "app/_manifests/tags/v1/current/link")));

    // A push is refused in words.
    EXPECT_FALSE(skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                         QStringLiteral("oci:") + layoutDir.path() + QStringLiteral(":newer"),
                         QStringLiteral("docker://127.0.0.1:%1/library/app:v2").arg(fresh.port)},
                        output));
    EXPECT_TRUE(output.contains(QStringLiteral("pull-through cache"))) << output.toStdString();

    // The tag moves upstream: ttl 0 sees it now, ttl 1h keeps the old one.
    ASSERT_TRUE(
        upstream.push(layoutDir.path(), QStringLiteral("newer"), QStringLiteral("library/app:v1")))
        << upstream.lastOutput().toStdString();
    EXPECT_EQ(digestVia(fresh.port, QStringLiteral("library/app:v1")), newer.manifestDigest);
    EXPECT_EQ(digestVia(lasting.port, QStringLiteral("library/app:v1")), single.manifestDigest);
    ASSERT_TRUE(pullAllVia(fresh.port, QStringLiteral("library/app:v1"), output))
        << output.toStdString();

    // The upstream goes away: what was pulled still pulls; the rest says why.
    upstream.stop();
    ASSERT_TRUE(pullAllVia(fresh.port, QStringLiteral("library/app:v1"), output))
        << output.toStdString();
    ASSERT_TRUE(pullAllVia(fresh.port, QStringLiteral("library/multi:latest"), output))
        << output.toStdString();
    EXPECT_FALSE(pullAllVia(fresh.port, QStringLiteral("library/other:v1"), output));
    // skopeo shows only the status of a 5xx; the body says why.
    QProcess curl;
    curl.start(
        QStringLiteral("curl"),
        {QStringLiteral("-s"),
         QStringLiteral("http://127.0.0.1:%1/v2/library/other/manifests/v1").arg(fresh.port)});
    ASSERT_TRUE(curl.waitForFinished(30000));
    const QByteArray body = curl.readAllStandardOutput();
    EXPECT_TRUE(body.contains("cannot be reached")) << body.toStdString();
    EXPECT_TRUE(body.contains(upstream.baseUrl().toUtf8())) << body.toStdString();
}

// An upstream whose blob does not match its digest (its file corrupted
// behind its back): the client gets an error, the mirror stores nothing.
TEST(Mirror, ABlobThatDoesNotMatchItsDigestIsNeverStored)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 22);
    const auto image =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {40000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("app:v1")))
        << upstream.lastOutput().toStdString();
    QFile layer(blobPath(upstream.rootDir(), image.layers[0].digest));
    ASSERT_TRUE(layer.open(QIODevice::ReadWrite));
    QByteArray bytes = layer.readAll();
    bytes[100] = static_cast<char>(bytes[100] ^ 0x5a);
    layer.seek(0);
    layer.write(bytes);
    layer.close();

    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(mirrorConfig(upstream, QStringLiteral("1h"))))
        << mirror.process.readAllStandardError().toStdString();
    QString output;
    EXPECT_FALSE(pullAllVia(mirror.port, QStringLiteral("app:v1"), output));
    const QString root = mirror.dir.path() + QStringLiteral("/data");
    EXPECT_FALSE(QFile::exists(blobPath(root, image.layers[0].digest)));
    // The blob is streamed, and cut before its last byte: no client ever
    // holds the wrong bytes whole.
    QTemporaryDir out;
    const QString received = out.path() + QStringLiteral("/blob");
    auto curl = startCurl({QStringLiteral("-o"), received,
                           QStringLiteral("http://127.0.0.1:%1/v2/app/blobs/%2")
                               .arg(mirror.port)
                               .arg(image.layers[0].digest)});
    ASSERT_TRUE(curl->waitForFinished(30000));
    EXPECT_NE(curl->exitCode(), 0);
    EXPECT_LT(QFileInfo(received).size(), bytes.size());
    EXPECT_FALSE(QFile::exists(blobPath(root, image.layers[0].digest)));
    // The manifest was fine, and is served.
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("app:v1")), image.manifestDigest);
}

// Scripted stand-in (no real registry hangs on purpose): an upstream that
// never answers. Clients of blobs wait for it holding no worker; at most
// four manifest requests wait on workers, and the fifth is told to come
// back (503, Retry-After) instead of queueing behind them, so the mirror's
// other work keeps its workers: a push is still answered (refused).
TEST(Mirror, AHangingUpstreamHoldsAtMostFourWorkers)
{
    berth::test::ScriptedHttpServer upstream([](const berth::test::ScriptedRequest &) {
        berth::test::ScriptedReply reply;
        reply.hang = true;
        return reply;
    });
    ASSERT_TRUE(upstream.listen());
    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                            "rootdirectory: %1\nproxy:\n  remoteurl: ") +
                             upstream.urlVia127() + QStringLiteral("\n")))
        << mirror.process.readAllStandardError().toStdString();
    const QString base = QStringLiteral("http://127.0.0.1:%1/v2/app/").arg(mirror.port);
    std::vector<std::unique_ptr<QProcess>> waiting;
    for (int i = 0; i < 10; ++i)
        waiting.push_back(startCurl(
            {base + QStringLiteral("blobs/sha256:") + QString(64, QLatin1Char("abcdef0123"[i]))}));
    for (int i = 0; i < 4; ++i)
        waiting.push_back(startCurl({base + QStringLiteral("manifests/t%1").arg(i)}));
    ASSERT_TRUE(berth::test::pollUntil([&] { return upstream.requests().size() == 14; }))
        << upstream.requests().size();
    auto fifth = startCurl({QStringLiteral("-i"), base + QStringLiteral("manifests/t4")});
    ASSERT_TRUE(
        berth::test::pollUntil([&] { return fifth->state() == QProcess::NotRunning; }, 20000));
    const QByteArray answer = fifth->readAllStandardOutput();
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 503")) << answer.toStdString();
    EXPECT_TRUE(answer.toLower().contains("retry-after: 1")) << answer.toStdString();
    auto push = startCurl({QStringLiteral("-i"), QStringLiteral("-X"), QStringLiteral("PUT"),
                           QStringLiteral("--data-binary"), QStringLiteral("{}"),
                           base + QStringLiteral("manifests/pushed")});
    ASSERT_TRUE(
        berth::test::pollUntil([&] { return push->state() == QProcess::NotRunning; }, 20000));
    EXPECT_TRUE(push->readAllStandardOutput().startsWith("HTTP/1.1 405"));
    EXPECT_EQ(upstream.requests().size(), 14);
    for (auto &p : waiting)
        p->kill();
    for (auto &p : waiting)
        p->waitForFinished(5000);
}

// A stale tag costs a HEAD, not a GET (Docker Hub counts GETs as pulls):
// the upstream (berth-registry, whose access log counts) sees one GET of
// the tag per change, whatever the number of pulls with ttl 0.
TEST(Mirror, AStaleTagIsCheckedWithAHeadAndFetchedOnlyWhenItMoved)
{
    ServeProcess upstream;
    ASSERT_TRUE(upstream.start(
        QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %1\n")))
        << upstream.process.readAllStandardError().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 23);
    const auto first =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {1000});
    const auto second =
        layout.addImage(QStringLiteral("2024-02-01T00:00:00Z"), QStringLiteral("amd64"), {2000});
    layout.tag(QStringLiteral("first"), first.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("second"), second.manifestDigest, kOciManifest);
    layout.save();
    const auto push = [&](const char *ref) {
        QString output;
        return skopeo(
            {QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
             QStringLiteral("oci:") + layoutDir.path() + QLatin1Char(':') + QLatin1String(ref),
             QStringLiteral("docker://127.0.0.1:%1/app:v1").arg(upstream.port)},
            output);
    };
    ASSERT_TRUE(push("first"));

    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                            "rootdirectory: %1\nproxy:\n  remoteurl: "
                                            "http://127.0.0.1:") +
                             QString::number(upstream.port) + QStringLiteral("\n  ttl: 0s\n")))
        << mirror.process.readAllStandardError().toStdString();
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(digestVia(mirror.port, QStringLiteral("app:v1")), first.manifestDigest);
    ASSERT_TRUE(push("second"));
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("app:v1")), second.manifestDigest);

    QByteArray log;
    const auto count = [&log](const QByteArray &line) {
        return log.count(line);
    };
    // The access log reaches us through the event loop: wait for the last line.
    ASSERT_TRUE(berth::test::pollUntil([&] {
        log += upstream.process.readAllStandardError();
        return count("GET /v2/app/manifests/v1 200") >= 2;
    })) << log.toStdString();
    EXPECT_EQ(count("GET /v2/app/manifests/v1 200"), 2) << log.toStdString();
    EXPECT_GE(count("HEAD /v2/app/manifests/v1 200"), 3) << log.toStdString();
}

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
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 24);
    const auto image = layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"),
                                       QStringLiteral("amd64"), {8 * 1024 * 1024});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("app:v1")))
        << upstream.lastOutput().toStdString();
    const QString digest = image.layers[0].digest;
    const QByteArray original = fileBytes(blobPath(upstream.rootDir(), digest));
    const qsizetype size = original.size();
    ASSERT_GE(size, 8 * 1024 * 1024);

    berth::test::GatedRelay gate(upstream.port());
    ASSERT_TRUE(gate.listen());
    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                            "rootdirectory: %1\nproxy:\n  remoteurl: ") +
                             gate.url() + QStringLiteral("\n")))
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
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 25);
    const auto image = layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"),
                                       QStringLiteral("amd64"), {4 * 1024 * 1024});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("app:v1")))
        << upstream.lastOutput().toStdString();
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

namespace {

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list)
        out << QLatin1String(name);
    return out;
}

// A list the mirror answers (tags or catalog), and its Link header.
QStringList listVia(quint16 port, const QString &path, const char *field,
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

} // namespace

// Tag lists and the catalog come from the upstream while it answers (tags
// never pulled included, paged by the mirror), and from the cache once it
// is gone.
TEST(Mirror, ListsComeFromTheUpstreamAndFromTheCacheWhenItIsGone)
{
    RegistryFixture upstream;
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 26);
    const auto image =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {1000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    for (const char *ref : {"app:v1", "app:v2", "other:v1"})
        ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("img"), QLatin1String(ref)))
            << upstream.lastOutput().toStdString();
    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(mirrorConfig(upstream, QStringLiteral("1h"))))
        << mirror.process.readAllStandardError().toStdString();
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("app:v1")), image.manifestDigest);

    const QString tags = QStringLiteral("/v2/app/tags/list");
    EXPECT_EQ(listVia(mirror.port, tags, "tags"), names({"v1", "v2"}));
    QByteArray link;
    EXPECT_EQ(listVia(mirror.port, tags + QStringLiteral("?n=1"), "tags", &link), names({"v1"}));
    EXPECT_EQ(link, QByteArray("</v2/app/tags/list?n=1&last=v1>; rel=\"next\""));
    EXPECT_EQ(listVia(mirror.port, tags + QStringLiteral("?n=1&last=v1"), "tags"), names({"v2"}));
    EXPECT_EQ(listVia(mirror.port, QStringLiteral("/v2/_catalog"), "repositories"),
              names({"app", "other"}));

    upstream.stop();
    EXPECT_EQ(listVia(mirror.port, tags, "tags"), names({"v1"}));
    EXPECT_EQ(listVia(mirror.port, QStringLiteral("/v2/_catalog"), "repositories"), names({"app"}));
}
