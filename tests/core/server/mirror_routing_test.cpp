// One mirror, several upstreams by prefix, and local repositories beside
// them: skopeo, podman and containerd's ?ns= form as clients.
#include "mirror_support.h"
#include "support/await.h"

#include <gtest/gtest.h>

using berth::test::RegistryFixture;
using berth::test::ServeProcess;
using namespace berth::test::mirror;

// One mirror, two real upstreams: the root (registry:2's remoteurl) and one
// under the prefix "b"; "team" is a local prefix. Pulls route by prefix,
// containerd's ?ns= names the upstream by host, podman's registries.conf
// mirror with a path ("host:port/b") works, a local repository takes a
// push and gives it back, a mirrored one refuses it. Without a root
// upstream, every other repository is local.
TEST(Mirror, UpstreamsByPrefixAndLocalRepositories)
{
    RegistryFixture root;
    ASSERT_TRUE(root.start()) << root.error().toStdString();
    RegistryFixture other;
    ASSERT_TRUE(other.start()) << other.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 27);
    const auto hub =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {3000});
    // A real tar layer: podman unpacks what it pulls.
    const auto tool = layout.addImage(
        QStringLiteral("2024-02-01T00:00:00Z"), QStringLiteral("amd64"), {},
        {layout.addTarLayer({{QStringLiteral("bin/tool"), QByteArray("#!/bin/sh\necho tool\n")}})});
    const auto mine =
        layout.addImage(QStringLiteral("2024-03-01T00:00:00Z"), QStringLiteral("amd64"), {5000});
    layout.tag(QStringLiteral("hub"), hub.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("tool"), tool.manifestDigest, kOciManifest);
    layout.tag(QStringLiteral("mine"), mine.manifestDigest, kOciManifest);
    layout.save();
    ASSERT_TRUE(
        root.push(layoutDir.path(), QStringLiteral("hub"), QStringLiteral("library/app:v1")))
        << root.lastOutput().toStdString();
    ASSERT_TRUE(
        other.push(layoutDir.path(), QStringLiteral("tool"), QStringLiteral("owner/tool:v1")))
        << other.lastOutput().toStdString();

    ServeProcess mirror;
    ASSERT_TRUE(mirror.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                            "rootdirectory: %1\nproxy:\n  remoteurl: ") +
                             root.baseUrl() + QStringLiteral("\n  upstreams:\n    - prefix: b\n") +
                             QStringLiteral("      remoteurl: ") + other.baseUrl() +
                             QStringLiteral("\n  local: [team]\n")))
        << mirror.process.readAllStandardError().toStdString();
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("library/app:v1")), hub.manifestDigest);
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("b/owner/tool:v1")), tool.manifestDigest);
    QString output;
    ASSERT_TRUE(pullAllVia(mirror.port, QStringLiteral("b/owner/tool:v1"), output))
        << output.toStdString();

    // containerd's form: the upstream's own name, the upstream named by ?ns=.
    auto curl = startCurl({QStringLiteral("-I"), QStringLiteral("-H"),
                           QStringLiteral("Accept: ") + kOciManifest,
                           QStringLiteral("http://127.0.0.1:%1/v2/owner/tool/manifests/v1?ns=%2")
                               .arg(mirror.port)
                               .arg(other.hostPort())});
    ASSERT_TRUE(curl->waitForFinished(30000));
    const QByteArray head = curl->readAllStandardOutput().toLower();
    EXPECT_TRUE(head.startsWith("http/1.1 200")) << head.toStdString();
    EXPECT_TRUE(head.contains(tool.manifestDigest.toLatin1())) << head.toStdString();

    // ?ns= never reaches past the routing rule: a host no upstream has, or
    // one whose upstream does not own the name it gives, is refused; an
    // ?ns= naming the mirror itself is a direct pull.
    const auto status = [&](const QString &pathAndQuery) {
        auto c = startCurl({QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                            QStringLiteral("%{http_code}"), QStringLiteral("-H"),
                            QStringLiteral("Accept: ") + kOciManifest,
                            QStringLiteral("http://127.0.0.1:%1").arg(mirror.port) + pathAndQuery});
        c->waitForFinished(30000);
        return c->readAllStandardOutput();
    };
    EXPECT_EQ(status(QStringLiteral("/v2/owner/tool/manifests/v1?ns=quay.io")), "404");
    EXPECT_EQ(status(QStringLiteral("/v2/b/owner/tool/manifests/v1?ns=") + root.hostPort()), "404");

    // podman: a registries.conf mirror with a path, for a registry whose own
    // address does not even resolve.
    Podman podman;
    const QString conf = QStringLiteral("unqualified-search-registries = []\n"
                                        "[[registry]]\nprefix = \"upstream.invalid\"\n"
                                        "location = \"upstream.invalid\"\n"
                                        "[[registry.mirror]]\nlocation = \"127.0.0.1:%1/b\"\n"
                                        "insecure = true\n")
                             .arg(mirror.port);
    ASSERT_TRUE(podman.run(
        {QStringLiteral("pull"), QStringLiteral("upstream.invalid/owner/tool:v1")}, conf))
        << podman.output.toStdString();
    ASSERT_TRUE(podman.run({QStringLiteral("image"), QStringLiteral("inspect"),
                            QStringLiteral("--format"), QStringLiteral("{{.Digest}}"),
                            QStringLiteral("upstream.invalid/owner/tool:v1")},
                           conf))
        << podman.output.toStdString();
    EXPECT_EQ(podman.output.trimmed(), tool.manifestDigest);

    // Writes: a local repository takes them, mirrored ones refuse them.
    const auto pushTo = [&](const QString &ref) {
        return skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                       QStringLiteral("oci:") + layoutDir.path() + QStringLiteral(":mine"),
                       QStringLiteral("docker://127.0.0.1:%1/").arg(mirror.port) + ref},
                      output);
    };
    EXPECT_TRUE(pushTo(QStringLiteral("team/mine:v1"))) << output.toStdString();
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("team/mine:v1")), mine.manifestDigest);
    // A pull with ?ns= naming the root upstream cannot write into team/.
    ASSERT_TRUE(root.push(layoutDir.path(), QStringLiteral("hub"), QStringLiteral("team/mine:v1")))
        << root.lastOutput().toStdString();
    EXPECT_EQ(status(QStringLiteral("/v2/team/mine/manifests/v1?ns=") + root.hostPort()), "404");
    EXPECT_EQ(status(QStringLiteral("/v2/team/mine/manifests/v1?ns=127.0.0.1:%1").arg(mirror.port)),
              "200");
    EXPECT_EQ(digestVia(mirror.port, QStringLiteral("team/mine:v1")), mine.manifestDigest);
    EXPECT_FALSE(pushTo(QStringLiteral("b/owner/tool:v2")));
    EXPECT_TRUE(output.contains(QStringLiteral("pull-through cache"))) << output.toStdString();
    EXPECT_FALSE(pushTo(QStringLiteral("library/other:v1")));
    // The refused push left nothing behind: its existence checks (HEADs of
    // blobs the store holds for team/mine) linked nothing there.
    EXPECT_FALSE(QFile::exists(
        mirror.dir.path() + QStringLiteral("/data/docker/registry/v2/repositories/library/other")));
    const QString stored =
        mirror.dir.path() + QStringLiteral("/data/docker/registry/v2/repositories/");
    EXPECT_TRUE(
        QFile::exists(stored + QStringLiteral("b/owner/tool/_manifests/tags/v1/current/link")));
    EXPECT_FALSE(QFile::exists(stored + QStringLiteral("owner")));

    // No root upstream: whatever no prefix claims is local.
    ServeProcess prefixedOnly;
    ASSERT_TRUE(prefixedOnly.start(QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    "
                                                  "rootdirectory: %1\nproxy:\n  upstreams:\n"
                                                  "    - prefix: b\n      remoteurl: ") +
                                   other.baseUrl() + QStringLiteral("\n")))
        << prefixedOnly.process.readAllStandardError().toStdString();
    EXPECT_TRUE(
        skopeo({QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                QStringLiteral("oci:") + layoutDir.path() + QStringLiteral(":mine"),
                QStringLiteral("docker://127.0.0.1:%1/anything/mine:v1").arg(prefixedOnly.port)},
               output))
        << output.toStdString();
    EXPECT_EQ(digestVia(prefixedOnly.port, QStringLiteral("b/owner/tool:v1")), tool.manifestDigest);
}
