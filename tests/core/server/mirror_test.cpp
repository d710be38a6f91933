// berth-registry serve as a pull-through cache (registry:2's proxy block)
// in front of a real docker-registry, pulled from with skopeo: caching,
// offline, bad upstream bytes, a hanging upstream, stale tags, lists.
#include "mirror_support.h"
#include "support/await.h"
#include "support/scripted_http_server.h"

#include <QFileInfo>

#include <gtest/gtest.h>

using berth::test::RegistryFixture;
using berth::test::ServeProcess;
using namespace berth::test::mirror;

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
    const auto image = pushImage(upstream, 22, 40000, QStringLiteral("app:v1"));
    ASSERT_FALSE(image.manifestDigest.isEmpty()) << upstream.lastOutput().toStdString();
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
    // -f: a fill that failed just before may answer with its refusal (an
    // HTTP error) instead of a cut; either way, never the whole blob.
    auto curl = startCurl({QStringLiteral("-f"), QStringLiteral("-o"), received,
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
                                            "rootdirectory: %1\nhttp:\n  draintimeout: 1s\n"
                                            "proxy:\n  remoteurl: ") +
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
    // Stopping does not wait out the upstream's timeouts (30 s without a
    // byte): everything waiting on it is abandoned after the drain.
    mirror.process.terminate();
    EXPECT_TRUE(berth::test::pollUntil(
        [&] { return mirror.process.state() == QProcess::NotRunning; }, 15000));
    for (auto &p : waiting)
        EXPECT_TRUE(p->state() == QProcess::NotRunning || p->waitForFinished(5000));
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
