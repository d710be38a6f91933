// The built-in registry over IPv6 loopback: listening on [::1] only, skopeo
// pushes to it and pulls from it, Berth's client browses it by its IPv6
// literal URL; a registry on [::] serves IPv4 clients too (dual stack).
#include "support/copy_support.h"

#include "client/image_job.h"
#include "client/list_page_job.h"
#include "client/manifest_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "support/await.h"
#include "support/registry_fixture.h"
#include "support/serve_process.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::client::ListPageJob;
using berth::client::RegistryEndpoint;
using berth::client::RegistrySession;
using berth::test::await;

namespace {

const QString kConfig = QStringLiteral(
    "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: true\n");

bool ipv6Loopback()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6, 0);
}

// Debian's skopeo (1.9) parses no IPv6 literal in a reference, so it is
// given a name only ::1 answers to: /etc/hosts is replaced for skopeo alone,
// in a mount namespace of its own (root, as CI runs; else the test skips).
const char kIpv6OnlyName[] = "berth-ipv6-only";

bool skopeo(const QString &hostsFile, const QStringList &args, QString &output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("unshare"),
            QStringList{QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("mount --bind \"$0\" /etc/hosts && exec skopeo "
                                       "--insecure-policy \"$@\""),
                        hostsFile} +
                args);
    p.waitForFinished(120000);
    output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool mountNamespaces()
{
    QProcess p;
    p.start(QStringLiteral("unshare"), {QStringLiteral("-m"), QStringLiteral("true")});
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

} // namespace

TEST(Ipv6, SkopeoRoundTripsThroughTheBuiltInRegistryAndBerthBrowsesIt)
{
    if (!ipv6Loopback())
        GTEST_SKIP() << "this machine has no IPv6 loopback (::1)";
    if (!mountNamespaces())
        GTEST_SKIP() << "unshare -m is not allowed: skopeo cannot be given an IPv6-only name";
    berth::test::ServeProcess serve;
    ASSERT_TRUE(serve.start(kConfig, {QStringLiteral("--addr"), QStringLiteral("[::1]:0")}))
        << serve.process.readAllStandardError().toStdString();
    const QString hostPort = QStringLiteral("[::1]:%1").arg(serve.port);
    QTemporaryDir work;
    const QString hosts = work.path() + QStringLiteral("/hosts");
    {
        QFile f(hosts);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("127.0.0.1 localhost\n::1 ") + kIpv6OnlyName + "\n");
    }
    const QString skopeoHost =
        QStringLiteral("%1:%2").arg(QLatin1String(kIpv6OnlyName)).arg(serve.port);

    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 61);
    const berth::test::ImageTruth image = layout.addImage(QStringLiteral("2024-03-01T00:00:00Z"),
                                                          QStringLiteral("amd64"), {4000, 7000});
    layout.tag(QStringLiteral("v1"), image.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    QString output;
    ASSERT_TRUE(skopeo(hosts,
                       {QStringLiteral("copy"), QStringLiteral("--dest-tls-verify=false"),
                        QStringLiteral("oci:") + layoutDir.path() + QStringLiteral(":v1"),
                        QStringLiteral("docker://") + skopeoHost + QStringLiteral("/six/app:v1")},
                       output))
        << output.toStdString();

    // Berth, by the address a person types.
    auto endpoint = RegistryEndpoint::fromUserInput(hostPort);
    ASSERT_TRUE(endpoint.ok()) << endpoint.error().message.toStdString();
    EXPECT_EQ(endpoint->hostPort(), hostPort);
    EXPECT_EQ(endpoint->baseUrl.scheme(), QStringLiteral("http")) << "loopback: plain HTTP";
    RegistrySession session(endpoint.value());
    const auto repositories = await(session.listRepositories(), &ListPageJob::finished);
    ASSERT_TRUE(repositories && repositories->ok())
        << (repositories ? repositories->error().message.toStdString() : "no answer");
    EXPECT_EQ((*repositories)->items, QStringList{QStringLiteral("six/app")});
    const auto tags = await(session.listTags(QStringLiteral("six/app")), &ListPageJob::finished);
    ASSERT_TRUE(tags && tags->ok());
    EXPECT_EQ((*tags)->items, QStringList{QStringLiteral("v1")});
    const auto described = await(session.describe(QStringLiteral("six/app"), QStringLiteral("v1")),
                                 &berth::client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok())
        << (described ? described->error().message.toStdString() : "no answer");
    EXPECT_EQ(QString::fromStdString((*described)->manifest->digest.toString()),
              image.manifestDigest);

    // skopeo reads back what it pushed, byte for byte, and pulls it whole.
    const QByteArray raw =
        berth::test::copying::rawManifest(session, QStringLiteral("six/app"), QStringLiteral("v1"));
    ASSERT_TRUE(skopeo(hosts,
                       {QStringLiteral("inspect"), QStringLiteral("--raw"),
                        QStringLiteral("--tls-verify=false"),
                        QStringLiteral("docker://") + skopeoHost + QStringLiteral("/six/app:v1")},
                       output))
        << output.toStdString();
    EXPECT_EQ(output.toUtf8(), raw);
    EXPECT_TRUE(skopeo(hosts,
                       {QStringLiteral("copy"), QStringLiteral("--src-tls-verify=false"),
                        QStringLiteral("docker://") + skopeoHost + QStringLiteral("/six/app:v1"),
                        QStringLiteral("oci:") + work.path() + QStringLiteral("/pulled:x")},
                       output))
        << output.toStdString();
}

TEST(Ipv6, ARegistryOnTheUnspecifiedAddressServesIpv4ClientsToo)
{
    if (!ipv6Loopback())
        GTEST_SKIP() << "this machine has no IPv6 loopback (::1)";
    berth::test::ServeProcess serve;
    ASSERT_TRUE(serve.start(kConfig, {QStringLiteral("--addr"), QStringLiteral("[::]:0")}))
        << serve.process.readAllStandardError().toStdString();
    for (const QString &host : {QStringLiteral("[::1]"), QStringLiteral("127.0.0.1")}) {
        auto endpoint = RegistryEndpoint::fromUserInput(
            QStringLiteral("http://%1:%2").arg(host).arg(serve.port));
        ASSERT_TRUE(endpoint.ok());
        RegistrySession session(endpoint.value());
        const auto listed = await(session.listRepositories(), &ListPageJob::finished);
        ASSERT_TRUE(listed && listed->ok())
            << host.toStdString() << ": "
            << (listed ? listed->error().message.toStdString() : "no answer");
    }
}

TEST(Ipv6, AnIpv6AddressWithoutBracketsIsRefusedInWords)
{
    QProcess serve;
    serve.setProcessChannelMode(QProcess::MergedChannels);
    QTemporaryDir dir;
    serve.start(QStringLiteral(BERTH_REGISTRY_BINARY),
                {QStringLiteral("serve"), QStringLiteral("--root"), dir.path(),
                 QStringLiteral("--addr"), QStringLiteral("::1:5000")});
    ASSERT_TRUE(serve.waitForFinished(30000));
    EXPECT_EQ(serve.exitCode(), 2);
    EXPECT_TRUE(serve.readAll().contains("write [::1]:5000"));
}
