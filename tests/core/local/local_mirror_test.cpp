// The local registry as a mirror, as the app sets it up: the proxy block it
// writes is what berth-registry reads, bad settings are refused in words,
// snippets point each client at it, and an upstream's password reaches the
// registry through its environment only (a real berth-registry mirroring a
// real docker-registry that needs a login).
#include "local/local_registry.h"
#include "local/mirror_snippets.h"
#include "oci/digest.h"
#include "server/registry_config.h"
#include "support/await.h"
#include "support/registry_fixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>

using berth::local::LocalMirrorSettings;
using berth::local::LocalMirrorUpstream;
using berth::local::LocalRegistry;
using berth::local::LocalRegistrySettings;
using berth::server::RegistryConfig;

namespace {

const char *noEnv(const char *)
{
    return nullptr;
}

LocalMirrorSettings twoUpstreams()
{
    LocalMirrorSettings m;
    m.upstreams << LocalMirrorUpstream{QString(), QStringLiteral("https://registry-1.docker.io"),
                                       QStringLiteral("it's me"), 24}
                << LocalMirrorUpstream{QStringLiteral("ghcr"), QStringLiteral("https://ghcr.io"),
                                       QStringLiteral("bot"), 1};
    m.localPrefixes << QStringLiteral("team");
    m.maxSizeBytes = 50ULL << 30;
    return m;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

TEST(LocalMirror, TheProxyBlockWrittenIsWhatBerthRegistryReads)
{
    LocalRegistrySettings s;
    s.dataDirectory = QStringLiteral("/tmp/data");
    s.mirror = twoUpstreams();
    const QString yaml = LocalRegistry::configYaml(s);
    EXPECT_FALSE(yaml.contains(QStringLiteral("password"))) << yaml.toStdString();
    auto config = RegistryConfig::parse(yaml.toStdString(), noEnv);
    ASSERT_TRUE(config.ok()) << config.error().message << "\n" << yaml.toStdString();
    EXPECT_TRUE(config->warnings.empty());
    EXPECT_EQ(config->proxy.remoteUrl, "https://registry-1.docker.io");
    EXPECT_EQ(config->proxy.username, "it's me");
    EXPECT_EQ(config->proxy.ttl, std::chrono::hours(24));
    ASSERT_EQ(config->proxy.prefixed.size(), 1u);
    EXPECT_EQ(config->proxy.prefixed[0].prefix, "ghcr");
    EXPECT_EQ(config->proxy.prefixed[0].username, "bot");
    EXPECT_EQ(config->proxy.local, std::vector<std::string>{"team"});
    EXPECT_EQ(config->proxy.maxSize, std::optional<std::uintmax_t>(50ULL << 30));
    // The passwords' variables, in the upstreams' order, reach the same fields.
    EXPECT_EQ(s.mirror.passwordVariables(),
              (QStringList{QStringLiteral("REGISTRY_PROXY_PASSWORD"),
                           QStringLiteral("REGISTRY_PROXY_UPSTREAMS_0_PASSWORD")}));
    auto withEnv = RegistryConfig::parse(yaml.toStdString(), [](const char *name) -> const char * {
        const std::string n = name;
        return n == "REGISTRY_PROXY_PASSWORD"               ? "root secret"
               : n == "REGISTRY_PROXY_UPSTREAMS_0_PASSWORD" ? "ghcr secret"
                                                            : nullptr;
    });
    ASSERT_TRUE(withEnv.ok());
    EXPECT_EQ(withEnv->proxy.password, "root secret");
    EXPECT_EQ(withEnv->proxy.prefixed[0].password, "ghcr secret");
}

TEST(LocalMirror, SettingsBerthRegistryWouldRefuseAreRefusedInWords)
{
    const auto problemWith = [](const std::function<void(LocalMirrorSettings &)> &change,
                                bool distribution = false) {
        LocalMirrorSettings m = twoUpstreams();
        change(m);
        return m.problem(distribution);
    };
    EXPECT_TRUE(problemWith([](LocalMirrorSettings &) {}).isEmpty());
    EXPECT_FALSE(
        problemWith([](auto &m) { m.upstreams[0].url = QStringLiteral("ftp://x"); }).isEmpty());
    EXPECT_FALSE(problemWith([](auto &m) {
                     m.upstreams[0].url = QStringLiteral("https://h/path");
                 }).isEmpty());
    EXPECT_FALSE(problemWith([](auto &m) { m.upstreams[1].prefix.clear(); }).isEmpty());
    EXPECT_FALSE(
        problemWith([](auto &m) { m.upstreams[1].prefix = QStringLiteral("Up"); }).isEmpty());
    EXPECT_FALSE(problemWith([](auto &m) {
                     m.upstreams[1].url = QStringLiteral("https://REGISTRY-1.docker.io");
                 }).isEmpty());
    EXPECT_FALSE(problemWith([](auto &m) {
                     m.upstreams[0].username = QStringLiteral("a\n  password: x");
                 }).isEmpty());
    EXPECT_FALSE(
        problemWith([](auto &m) { m.upstreams[0].username = QStringLiteral("a:b"); }).isEmpty());
    EXPECT_FALSE(problemWith([](auto &m) { m.localPrefixes << QStringLiteral("ghcr"); }).isEmpty());
    EXPECT_FALSE(
        problemWith([](auto &m) { m.upstreams.removeFirst(); }).isEmpty()); // local, no root
    // distribution mirrors one upstream and nothing more.
    EXPECT_FALSE(problemWith([](LocalMirrorSettings &) {}, true).isEmpty());
    EXPECT_TRUE(problemWith(
                    [](auto &m) {
                        m.upstreams.removeLast();
                        m.localPrefixes.clear();
                        m.maxSizeBytes = 0;
                    },
                    true)
                    .isEmpty());
}

TEST(LocalMirror, SnippetsPointEachClientAtTheMirror)
{
    const QString text =
        berth::local::mirrorSnippets(twoUpstreams(), QStringLiteral("127.0.0.1:5000"), false);
    EXPECT_TRUE(text.contains(QStringLiteral("\"registry-mirrors\": [\"http://127.0.0.1:5000\"]")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("prefix = \"docker.io\"\nlocation = \"docker.io\"\n"
                                             "[[registry.mirror]]\nlocation = \"127.0.0.1:5000\"")))
        << text.toStdString();
    EXPECT_TRUE(
        text.contains(QStringLiteral("prefix = \"ghcr.io\"\nlocation = \"ghcr.io\"\n"
                                     "[[registry.mirror]]\nlocation = \"127.0.0.1:5000/ghcr\"")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("certs.d/ghcr.io/hosts.toml (containerd")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(
        QStringLiteral("server = \"https://ghcr.io\"\n[host.\"http://127.0.0.1:5000\"]")))
        << text.toStdString();
    EXPECT_TRUE(berth::local::mirrorSnippets({}, QStringLiteral("h:1"), false).isEmpty());
}

// An upstream that needs a login, under a prefix: its password is given to
// the registry in its environment (as the app does with the keychain's),
// never written to config.yml, and pulls through the mirror work.
TEST(LocalMirror, AnUpstreamPasswordReachesTheRegistryThroughItsEnvironmentOnly)
{
    berth::test::RegistryFixture::Options options;
    options.htpasswdUser = QStringLiteral("puller");
    options.htpasswdPassword = QStringLiteral("s3cret-upstream");
    berth::test::RegistryFixture upstream(options);
    ASSERT_TRUE(upstream.start()) << upstream.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter layout(layoutDir.path(), 71);
    const auto image =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {2048});
    layout.tag(QStringLiteral("img"), image.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    ASSERT_TRUE(upstream.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("app:v1")))
        << upstream.lastOutput().toStdString();

    QTemporaryDir dir;
    LocalRegistry registry(dir.filePath(QStringLiteral("work")));
    LocalRegistrySettings s;
    s.program = QStringLiteral(BERTH_REGISTRY_BINARY);
    s.port = freePort();
    s.dataDirectory = dir.filePath(QStringLiteral("data"));
    s.mirror.upstreams << LocalMirrorUpstream{QStringLiteral("up"), upstream.baseUrl(),
                                              QStringLiteral("puller"), 168};
    registry.start(s, {{QStringLiteral("REGISTRY_PROXY_UPSTREAMS_0_PASSWORD"),
                        QStringLiteral("s3cret-upstream")}});
    struct Stop
    {
        LocalRegistry &registry;
        ~Stop()
        {
            if (registry.processRunning())
                ::kill(static_cast<pid_t>(registry.pid()), SIGKILL);
        }
    } stop{registry};
    ASSERT_TRUE(berth::test::pollUntil([&] {
        return registry.state() == LocalRegistry::State::Running ||
               registry.state() == LocalRegistry::State::Failed;
    }));
    ASSERT_EQ(registry.state(), LocalRegistry::State::Running)
        << registry.errorText().toStdString();
    QFile config(registry.configPath());
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    const QByteArray written = config.readAll();
    EXPECT_FALSE(written.contains("s3cret")) << written.toStdString();
    EXPECT_TRUE(written.contains("username: 'puller'")) << written.toStdString();

    QProcess skopeo;
    skopeo.start(QStringLiteral("skopeo"),
                 {QStringLiteral("inspect"), QStringLiteral("--raw"),
                  QStringLiteral("--tls-verify=false"),
                  QStringLiteral("docker://127.0.0.1:%1/up/app:v1").arg(s.port)});
    ASSERT_TRUE(skopeo.waitForFinished(60000));
    const QByteArray raw = skopeo.readAllStandardOutput();
    EXPECT_EQ(berth::oci::Digest::sha256Of(raw.toStdString()).toString(),
              image.manifestDigest.toStdString())
        << raw.toStdString() << skopeo.readAllStandardError().toStdString();
    registry.stop();
    EXPECT_TRUE(
        berth::test::pollUntil([&] { return registry.state() == LocalRegistry::State::Stopped; }));
}
