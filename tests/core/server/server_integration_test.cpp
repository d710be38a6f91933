// berth-registry serve, used by clients no one here wrote (skopeo) and by
// Berth's own client; and the data directory shared both ways with
// distribution 2.8.
#include "support/await.h"

#include "support/registry_fixture.h"
#include "support/serve_process.h"
#include "support/test_pki.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <sys/types.h>

#include "delete_tag_job.h"
#include "image_job.h"
#include "list_page_job.h"
#include "ping_job.h"
#include "referrers_job.h"
#include "registry_session.h"

using berth::test::ServeProcess;
using namespace berth;
namespace fs = std::filesystem;

namespace {

const QString kBerthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);

struct Images
{
    QTemporaryDir dir;
    test::ImageTruth single;
    test::IndexTruth multi;
    Images()
    {
        test::OciLayoutWriter w(dir.path(), 77);
        single = w.addImage(QStringLiteral("2024-07-07T07:07:07Z"), QStringLiteral("amd64"),
                            {70000, 1234});
        multi = w.addIndex(QStringLiteral("2024-07-08T00:00:00Z"), true);
        w.tag(QStringLiteral("single"), single.manifestDigest,
              QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        w.tag(QStringLiteral("multi"), multi.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
        w.save();
    }
};

test::RegistryFixture::Options berthOptions()
{
    test::RegistryFixture::Options o;
    o.berthRegistry = kBerthRegistry;
    return o;
}

} // namespace

TEST(BerthRegistryServe, SkopeoPushAndPullRoundTripsSingleAndMultiArch)
{
    test::RegistryFixture registry(berthOptions());
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    Images images;
    ASSERT_TRUE(
        registry.push(images.dir.path(), QStringLiteral("single"), QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("multi"),
                              QStringLiteral("team/app:multi"), true))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:multi"), true))
        << registry.lastOutput().toStdString();

    // Berth's own client sees exactly what was pushed (same digests, sizes).
    client::RegistrySession session(
        client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    const auto ping = test::await(session.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok());
    EXPECT_EQ((*ping)->apiVersion, QStringLiteral("registry/2.0"));
    const auto single =
        test::await(session.describe(QStringLiteral("team/app"), QStringLiteral("v1")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(single && single->ok()) << single->error().message.toStdString();
    EXPECT_EQ(QString::fromStdString((*single)->manifest->digest.toString()),
              images.single.manifestDigest);
    EXPECT_EQ((*single)->size, images.single.size);
    const auto multi =
        test::await(session.describe(QStringLiteral("team/app"), QStringLiteral("multi")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(multi && multi->ok()) << multi->error().message.toStdString();
    EXPECT_EQ(QString::fromStdString((*multi)->manifest->digest.toString()), images.multi.digest);
    EXPECT_EQ((*multi)->size, images.multi.uniqueSize);
    EXPECT_EQ((*multi)->attestations.size(), 1);

    // The spec's tag delete works directly (no placeholder dance needed).
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("team/app:v1-copy")));
    auto *del = session.deleteTag(QStringLiteral("team/app"), QStringLiteral("v1"),
                                  (*single)->manifest->digest);
    QPointer<client::DeleteTagJob> watch(del);
    bool direct = false;
    QObject::connect(del, &client::DeleteTagJob::finished, &session,
                     [&](const client::ClientResult<berth::Ok> &) {
                         direct = watch && watch->deletedDirectly();
                     });
    const auto deleted = test::await(del, &client::DeleteTagJob::finished);
    ASSERT_TRUE(deleted && deleted->ok()) << deleted->error().message.toStdString();
    EXPECT_TRUE(direct);
    const auto tags =
        test::await(session.listTags(QStringLiteral("team/app")), &client::ListPageJob::finished);
    ASSERT_TRUE(tags && tags->ok());
    EXPECT_EQ((*tags)->items, (QStringList{QStringLiteral("multi"), QStringLiteral("v1-copy")}));
    // Referrers API exists here (empty list, not the tag-schema fallback).
    const auto refs =
        test::await(session.listReferrers(QStringLiteral("team/app"), (*single)->manifest->digest),
                    &client::ReferrersJob::finished);
    ASSERT_TRUE(refs && refs->ok());
    EXPECT_FALSE((*refs)->viaTagSchema);
}

TEST(BerthRegistryServe, DataDirectoryIsSharedBothWaysWithDistribution)
{
    Images images;
    // Written by docker-registry, served by berth-registry.
    test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("from/distribution:v1")));
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("multi"),
                              QStringLiteral("from/distribution:multi"), true));
    registry.stop();
    registry.setEngine(kBerthRegistry);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/distribution:v1")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/distribution:multi"), true))
        << registry.lastOutput().toStdString();
    // Written by berth-registry, served by docker-registry.
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("from/berth:v1")));
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("multi"),
                              QStringLiteral("from/berth:multi"), true));
    registry.stop();
    registry.setEngine(QString());
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/berth:v1")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("from/berth:multi"), true))
        << registry.lastOutput().toStdString();
    client::RegistrySession session(
        client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    const auto described =
        test::await(session.describe(QStringLiteral("from/berth"), QStringLiteral("multi")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok());
    EXPECT_EQ(QString::fromStdString((*described)->manifest->digest.toString()),
              images.multi.digest);
}

TEST(BerthRegistryServe, HtpasswdLoginForSkopeoAndBerth)
{
    auto options = berthOptions();
    options.htpasswdUser = QStringLiteral("alice");
    options.htpasswdPassword = QStringLiteral("s3cret-pw");
    test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    Images images;
    ASSERT_TRUE(registry.push(images.dir.path(), QStringLiteral("single"),
                              QStringLiteral("private/app:v1")))
        << registry.lastOutput().toStdString();
    const auto endpoint = client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value();
    client::RegistrySession anonymous(endpoint);
    const auto refused = test::await(anonymous.listRepositories(), &client::ListPageJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, client::ClientErrorKind::Unauthorized);
    client::RegistrySession alice(endpoint, [] {
        return std::optional<client::Credentials>(
            client::Credentials{QStringLiteral("alice"), QStringLiteral("s3cret-pw")});
    });
    const auto ping = test::await(alice.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();
    EXPECT_EQ((*ping)->authScheme, QStringLiteral("basic"));
    EXPECT_TRUE((*ping)->loggedIn);
    const auto described =
        test::await(alice.describe(QStringLiteral("private/app"), QStringLiteral("v1")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok()) << described->error().message.toStdString();
    EXPECT_EQ((*described)->size, images.single.size);
}

TEST(BerthRegistryServe, HttpsFromConfigYmlWithHtpasswdForSkopeoAndBerth)
{
    test::TestPki pki;
    ASSERT_TRUE(pki.generate()) << pki.error().toStdString();
    auto options = berthOptions();
    options.tlsCertificate = pki.serverCert();
    options.tlsKey = pki.serverKey();
    options.htpasswdUser = QStringLiteral("alice");
    options.htpasswdPassword = QStringLiteral("s3cret-pw");
    test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    ASSERT_TRUE(registry.baseUrl().startsWith(QStringLiteral("https://")));
    Images images;
    ASSERT_TRUE(
        registry.push(images.dir.path(), QStringLiteral("single"), QStringLiteral("secure/app:v1")))
        << registry.lastOutput().toStdString();

    auto endpoint = client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value();
    endpoint.dockerCertsDir.clear();
    client::RegistrySession untrusted(endpoint);
    const auto refused = test::await(untrusted.ping(), &client::PingJob::finished);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, client::ClientErrorKind::Tls);

    endpoint.tlsMode = client::TlsMode::CustomCa;
    endpoint.caFile = pki.caCert();
    client::RegistrySession alice(endpoint, [] {
        return std::optional<client::Credentials>(
            client::Credentials{QStringLiteral("alice"), QStringLiteral("s3cret-pw")});
    });
    const auto ping = test::await(alice.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();
    EXPECT_TRUE((*ping)->tlsSummary.contains(QStringLiteral("Berth Test CA")))
        << (*ping)->tlsSummary.toStdString();
    const auto described =
        test::await(alice.describe(QStringLiteral("secure/app"), QStringLiteral("v1")),
                    &client::ImageJob::finished);
    ASSERT_TRUE(described && described->ok()) << described->error().message.toStdString();
    EXPECT_EQ((*described)->size, images.single.size);
}

TEST(BerthRegistryServe, ConfigHeadersLogLevelAndUnknownKeyWarnings)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start(QStringLiteral(
        "version: 0.1\nlog:\n  level: info\n  formatter: text\n"
        "storage:\n  filesystem:\n    rootdirectory: %1\n  cache:\n    blobdescriptor: inmemory\n"
        "http:\n  addr: :5000\n  headers:\n    X-Content-Type-Options: [nosniff]\n"
        "    X-Berth-Test: [one, two]\n  draintimeout: 5s\n"
        "frobnicate: yes\n")))
        << serve.process.readAllStandardError().toStdString();

    client::RegistrySession session(client::RegistryEndpoint::fromUserInput(
                                        QStringLiteral("http://127.0.0.1:%1").arg(serve.port))
                                        .value());
    const auto ping = test::await(session.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();

    // Headers from http.headers on every response (checked with curl: raw).
    QProcess curl;
    curl.start(QStringLiteral("curl"),
               {QStringLiteral("-sS"), QStringLiteral("-D"), QStringLiteral("-"),
                QStringLiteral("-o"), QStringLiteral("/dev/null"),
                QStringLiteral("http://127.0.0.1:%1/v2/_catalog").arg(serve.port)});
    ASSERT_TRUE(curl.waitForFinished(15000));
    const QString headers = QString::fromUtf8(curl.readAllStandardOutput());
    EXPECT_TRUE(
        headers.contains(QStringLiteral("X-Content-Type-Options: nosniff"), Qt::CaseInsensitive))
        << headers.toStdString();
    EXPECT_TRUE(headers.contains(QStringLiteral("X-Berth-Test: one"), Qt::CaseInsensitive));
    EXPECT_TRUE(headers.contains(QStringLiteral("X-Berth-Test: two"), Qt::CaseInsensitive));

    // Percent-encoded traversal reaches the API decoded, and is refused there.
    for (const char *path : {"/v2/%2e%2e/tags/list", "/v2/a/%2e%2e/%2e%2e/tags/list",
                             "/v2/%2E%2E%2Fetc/manifests/x", "/v2/a%2F..%2Fb/blobs/uploads/"}) {
        QProcess raw;
        raw.start(QStringLiteral("curl"),
                  {QStringLiteral("-s"), QStringLiteral("--path-as-is"), QStringLiteral("-X"),
                   QString::fromLatin1(path).contains(QStringLiteral("uploads"))
                       ? QStringLiteral("POST")
                       : QStringLiteral("GET"),
                   QStringLiteral("-w"), QStringLiteral("\n%{http_code}"),
                   QStringLiteral("http://127.0.0.1:%1").arg(serve.port) + QLatin1String(path)});
        ASSERT_TRUE(raw.waitForFinished(15000));
        const QByteArray out = raw.readAllStandardOutput();
        EXPECT_TRUE(out.endsWith("\n400")) << path << ": " << out.toStdString();
        EXPECT_TRUE(out.contains("NAME_INVALID")) << path << ": " << out.toStdString();
    }
    EXPECT_FALSE(QDir(serve.dir.path() + QStringLiteral("/etc")).exists());

    // SIGUSR1: online garbage collection, reported in the log.
    ::kill(static_cast<pid_t>(serve.process.processId()), SIGUSR1);
    QByteArray early;
    QDeadlineTimer gcDeadline(15000);
    while (!early.contains("garbage collection (SIGUSR1)") && !gcDeadline.hasExpired() &&
           serve.process.state() == QProcess::Running) {
        serve.process.waitForReadyRead(100);
        early += serve.process.readAllStandardError();
    }
    EXPECT_TRUE(early.contains("garbage collection (SIGUSR1): 0 blobs marked"))
        << early.toStdString();

    // SIGTERM: drains and exits 0; the log has the warnings and access lines.
    serve.process.terminate();
    ASSERT_TRUE(serve.process.waitForFinished(15000));
    EXPECT_EQ(serve.process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(serve.process.exitCode(), 0);
    const QString log = QString::fromUtf8(early + serve.process.readAllStandardError());
    EXPECT_TRUE(log.contains(QStringLiteral("unknown key frobnicate"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("storage.cache is not used"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("log.formatter is not used"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("GET /v2/_catalog 200"))) << log.toStdString();

    // log.level: error silences the access log and the warnings.
    ServeProcess quiet;
    ASSERT_TRUE(quiet.start(QStringLiteral(
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %1\n"
        "frobnicate: yes\n")));
    client::RegistrySession quietSession(client::RegistryEndpoint::fromUserInput(
                                             QStringLiteral("http://127.0.0.1:%1").arg(quiet.port))
                                             .value());
    const auto quietPing = test::await(quietSession.ping(), &client::PingJob::finished);
    ASSERT_TRUE(quietPing && quietPing->ok());
    quiet.process.terminate();
    ASSERT_TRUE(quiet.process.waitForFinished(15000));
    EXPECT_EQ(quiet.process.readAllStandardError(), QByteArray());
}

TEST(BerthRegistryServe, RefusesBadConfigWithTheKeyNamedAndClearTextAuthOffLoopback)
{
    struct Case
    {
        const char *config;
        const char *expected;
    };
    const Case cases[] = {
        {"version: 0.1\nstorage:\n  s3:\n    bucket: x\n", "storage.s3"},
        {"version: 0.1\nlog:\n  level: loud\n", "log.level"},
        {"version: 0.1\nstorage:\n  delete:\n    enabled: perhaps\n", "storage.delete.enabled"},
        {"version: 0.1\nhttp:\n  draintimeout: soon\n", "http.draintimeout"},
        {"version: 0.1\nhttp:\n  tls:\n    certificate: /x.crt\n", "http.tls.key"},
        {"version: 0.1\nhttp:\n  headers:\n    \"Bad Header\": [x]\n", "http.headers.Bad Header"},
        {"version: 0.1\nauth:\n  token:\n    realm: x\n", "auth.token"},
        {"version: 2\n", "version"},
        // A bad proxy block names its key, never the password.
        {"version: 0.1\nproxy:\n  remoteurl: registry-1.docker.io\n  username: u\n"
         "  password: hunter2\n",
         "proxy.remoteurl"},
    };
    for (const Case &c : cases) {
        ServeProcess serve;
        EXPECT_FALSE(serve.start(QString::fromUtf8(c.config))) << c.config;
        serve.process.waitForFinished(15000);
        EXPECT_EQ(serve.process.exitCode(), 2) << c.config;
        const QString err = QString::fromUtf8(serve.process.readAllStandardError());
        EXPECT_TRUE(err.contains(QString::fromUtf8(c.expected)))
            << c.config << " -> " << err.toStdString();
        EXPECT_FALSE(err.contains(QStringLiteral("hunter2"))) << err.toStdString();
    }

    // htpasswd without TLS on a non-loopback address: refused unless told.
    QTemporaryDir dir;
    const QString users = dir.path() + QStringLiteral("/users");
    QFile(users).open(QIODevice::WriteOnly);
    ServeProcess exposed;
    EXPECT_FALSE(exposed.start(
        QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %1\n"
                       "auth:\n  htpasswd:\n    realm: r\n    path: ") +
            users + QStringLiteral("\n"),
        {QStringLiteral("--addr"), QStringLiteral("0.0.0.0:0")}));
    exposed.process.waitForFinished(15000);
    EXPECT_EQ(exposed.process.exitCode(), 2);
    EXPECT_TRUE(exposed.process.readAllStandardError().contains("clear text"));
}

// Command-line mistakes: exit status 2 and a sentence that names the
// mistake; --help anywhere prints the usage on stdout with status 0.
TEST(BerthRegistryCli, UsageMistakesAreNamedAndHelpWorksAfterACommand)
{
    struct Case
    {
        QStringList args;
        int status;
        const char *said; // on stderr, or on stdout for status 0
    };
    QTemporaryDir empty;
    const Case cases[] = {
        {{QStringLiteral("serve"), QStringLiteral("--help")}, 0, "Usage: berth-registry"},
        {{QStringLiteral("garbage-collect"), QStringLiteral("-h")}, 0, "Usage: berth-registry"},
        {{QStringLiteral("serve"), QStringLiteral("--root")}, 2, "option '--root' needs a value"},
        {{QStringLiteral("serve"), QStringLiteral("--addr")}, 2, "option '--addr' needs a value"},
        {{QStringLiteral("garbage-collect"), empty.path(), QStringLiteral("--uploads-older-than")},
         2,
         "option '--uploads-older-than' needs a value"},
        {{QStringLiteral("inspect"), empty.path(), QStringLiteral("--dry-run")},
         2,
         "unknown option '--dry-run' for inspect"},
        {{QStringLiteral("serve"), QStringLiteral("--bogus")}, 2, "unknown option '--bogus'"},
        {{QStringLiteral("frobnicate")}, 2, "unknown command 'frobnicate'"},
    };
    for (const Case &c : cases) {
        QProcess p;
        p.start(kBerthRegistry, c.args);
        ASSERT_TRUE(p.waitForFinished(15000)) << c.args.join(u' ').toStdString();
        EXPECT_EQ(p.exitCode(), c.status) << c.args.join(u' ').toStdString();
        const QByteArray text =
            c.status == 0 ? p.readAllStandardOutput() : p.readAllStandardError();
        EXPECT_TRUE(text.contains(c.said))
            << c.args.join(u' ').toStdString() << " -> " << text.toStdString();
    }
}

namespace {

// Every file named "data" below `dir` (blobs, upload files).
void forEachDataFile(const QString &dir, const std::function<void(const QFileInfo &)> &visit)
{
    QDirIterator it(dir, QStringList{QStringLiteral("data")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        visit(it.fileInfo());
    }
}

int countBlobs(const QString &root)
{
    int n = 0;
    forEachDataFile(root + QStringLiteral("/docker/registry/v2/blobs/sha256"),
                    [&n](const QFileInfo &) { ++n; });
    return n;
}

// berth-registry inspect --verify --json on a root: the parsed report.
QJsonObject inspectVerify(const QString &root)
{
    QProcess p;
    p.start(kBerthRegistry, {QStringLiteral("inspect"), root, QStringLiteral("--json"),
                             QStringLiteral("--verify")});
    if (!p.waitForFinished(120000))
        return {};
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

} // namespace

// kill -9 during 20 concurrent pushes, several rounds: afterwards every
// blob's content matches its digest, no tag or manifest points at anything
// missing, and the interrupted pushes succeed when retried.
// Bytes in upload files: what pushes had sent but not committed.
qint64 uploadBytes(const QString &root)
{
    qint64 n = 0;
    forEachDataFile(root + QStringLiteral("/docker/registry/v2/repositories"),
                    [&n](const QFileInfo &file) {
                        if (file.filePath().contains(QStringLiteral("/_uploads/")))
                            n += file.size();
                    });
    return n;
}

// SIGKILL while 20 pushes run, three rounds, each with images of its own
// (so every round has work in flight: blobs already stored would let the
// pushes skip them and finish before the kill). Every round must really
// have interrupted pushes. BERTH_TEST_SEED replays a kill schedule.
TEST(BerthRegistryServe, SurvivesKill9DuringConcurrentPushes)
{
    constexpr int kImages = 20;
    constexpr int kRounds = 3;
    constexpr int kBlobsPerImage = 3; // config + two layers
    std::vector<std::unique_ptr<QTemporaryDir>> layouts;
    for (int round = 0; round < kRounds; ++round) {
        layouts.push_back(std::make_unique<QTemporaryDir>());
        test::OciLayoutWriter w(layouts.back()->path(), 4242 + round);
        for (int i = 0; i < kImages; ++i) {
            const auto image = w.addImage(QStringLiteral("2024-01-01T00:00:00Z"),
                                          QStringLiteral("amd64"), {200000 + i * 1000, 30000});
            w.tag(QStringLiteral("img%1").arg(i), image.manifestDigest,
                  QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        }
        w.save();
    }
    const auto destination = [](int round, int i) {
        return QStringLiteral("crash/r%1/app%2:v1").arg(round).arg(i);
    };
    test::RegistryFixture registry(berthOptions());
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();

    const QByteArray seedText = qgetenv("BERTH_TEST_SEED");
    const unsigned seed = seedText.isEmpty() ? std::random_device{}() : seedText.toUInt();
    std::printf("kill schedule seed %u (replay: BERTH_TEST_SEED=%u)\n", seed, seed);
    SCOPED_TRACE("kill schedule seed " + std::to_string(seed));
    std::mt19937 rng(seed);

    for (int round = 0; round < kRounds; ++round) {
        std::vector<std::unique_ptr<QProcess>> pushes;
        for (int i = 0; i < kImages; ++i) {
            auto p = std::make_unique<QProcess>();
            p->setProcessChannelMode(QProcess::MergedChannels);
            p->start(QStringLiteral("skopeo"),
                     registry.pushArguments(layouts[round]->path(), QStringLiteral("img%1").arg(i),
                                            destination(round, i)));
            pushes.push_back(std::move(p));
        }
        // Kill once the store has grown by a random number of this round's
        // blobs, at most two thirds of them: a moment defined by progress,
        // polled with a deadline, with work still in flight.
        const int before = countBlobs(registry.rootDir());
        const int grow =
            std::uniform_int_distribution<int>(1, 2 * kImages * kBlobsPerImage / 3)(rng);
        QDeadlineTimer deadline(60000);
        while (countBlobs(registry.rootDir()) < before + grow && !deadline.hasExpired()) {
            // Let QProcess notice children that ended (bounded, not a sleep).
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            pushes.front()->waitForFinished(5);
        }
        const int atKill = countBlobs(registry.rootDir());
        const qint64 inFlight = uploadBytes(registry.rootDir());
        registry.kill();
        int succeeded = 0;
        for (auto &p : pushes) {
            p->waitForFinished(120000);
            succeeded += p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0;
        }
        std::printf("round %d: %d blobs before, killed at %d (target +%d) with %lld upload bytes "
                    "in flight; %d of %d pushes finished\n",
                    round, before, atKill, grow, static_cast<long long>(inFlight), succeeded,
                    kImages);
        EXPECT_LT(succeeded, kImages) << "round " << round << ": the kill interrupted no push";
        ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    }
    registry.stop();

    const QJsonObject crashed = inspectVerify(registry.rootDir());
    ASSERT_FALSE(crashed.isEmpty());
    EXPECT_EQ(crashed[QStringLiteral("corruptBlobs")].toArray().size(), 0)
        << QJsonDocument(crashed).toJson().toStdString();
    EXPECT_EQ(crashed[QStringLiteral("danglingLinks")].toArray().size(), 0)
        << QJsonDocument(crashed[QStringLiteral("danglingLinks")].toArray()).toJson().toStdString();

    // Every push, retried, succeeds; images then pull completely.
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    for (int round = 0; round < kRounds; ++round) {
        for (int i = 0; i < kImages; ++i) {
            EXPECT_TRUE(registry.push(layouts[round]->path(), QStringLiteral("img%1").arg(i),
                                      destination(round, i)))
                << round << "/" << i << ": " << registry.lastOutput().toStdString();
        }
        for (int i = 0; i < kImages; i += 5) {
            EXPECT_TRUE(registry.pull(destination(round, i)))
                << registry.lastOutput().toStdString();
        }
    }
    registry.stop();
    const QJsonObject after = inspectVerify(registry.rootDir());
    EXPECT_EQ(after[QStringLiteral("corruptBlobs")].toArray().size(), 0);
    EXPECT_EQ(after[QStringLiteral("danglingLinks")].toArray().size(), 0);
    EXPECT_EQ(after[QStringLiteral("repositories")].toArray().size(), kImages * kRounds);
}

// A client that sends its request head one byte at a time never trips an
// idle timeout; the head timeout cuts it, and others are served meanwhile.
TEST(BerthRegistryServe, SlowHeaderClientIsCutAfterTheHeadTimeout)
{
    ServeProcess serve;
    ASSERT_TRUE(serve.start(
        QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %1\n"),
        {QStringLiteral("--header-timeout"), QStringLiteral("1")}));
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, serve.port);
    ASSERT_TRUE(slow.waitForConnected(5000));
    const QByteArray head =
        "GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + QByteArray(200, 'a') + "\r\n\r\n";
    QElapsedTimer elapsed;
    elapsed.start();
    qsizetype sent = 0;
    // One byte every 200 ms; waitForDisconnected paces it and notices the cut.
    while (slow.state() == QAbstractSocket::ConnectedState && sent < head.size() &&
           elapsed.elapsed() < 15000) {
        slow.write(head.mid(sent++, 1));
        slow.waitForBytesWritten(1000);
        slow.waitForDisconnected(200);
    }
    EXPECT_EQ(slow.state(), QAbstractSocket::UnconnectedState)
        << "still connected after " << elapsed.elapsed() << " ms, " << sent << " bytes";
    EXPECT_LT(sent, head.size()) << "the whole head went through";
    EXPECT_LT(elapsed.elapsed(), 10000);

    // Meanwhile and afterwards, normal clients are served.
    client::RegistrySession session(client::RegistryEndpoint::fromUserInput(
                                        QStringLiteral("http://127.0.0.1:%1").arg(serve.port))
                                        .value());
    const auto ping = test::await(session.ping(), &client::PingJob::finished);
    ASSERT_TRUE(ping && ping->ok()) << ping->error().message.toStdString();
}

namespace {

// curl with a bounded wait; true on a 2xx. `output` gets the body.
bool curlOk(const QStringList &args, QByteArray *output = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("curl"), QStringList{QStringLiteral("-sf")} + args);
    if (!p.waitForFinished(60000))
        return false;
    if (output)
        *output = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

// Online garbage collection, run again and again while pushes and deletes go
// on, never breaks a push and never loses anything tagged; what it collects
// is what was old and untagged.
TEST(BerthRegistryServe, OnlineGcUnderPushesAndDeletesLosesNothingTagged)
{
    constexpr int kImages = 8;
    QTemporaryDir layout;
    {
        test::OciLayoutWriter w(layout.path(), 99);
        const auto base = w.addBlob(w.randomBytes(60000));
        for (int i = 0; i < kImages; ++i) {
            const auto image = w.addImage(QStringLiteral("2024-02-02T00:00:00Z"),
                                          QStringLiteral("amd64"), {20000 + i * 100}, {base});
            w.tag(QStringLiteral("img%1").arg(i), image.manifestDigest,
                  QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        }
        const auto multi = w.addIndex(QStringLiteral("2024-02-03T00:00:00Z"), true);
        w.tag(QStringLiteral("multi"), multi.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
        w.save();
    }
    test::RegistryFixture registry(berthOptions());
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    const QString url = registry.baseUrl();

    // Old content: pushed, aged three hours, half of it untagged since.
    for (int i = 0; i < kImages; ++i) {
        ASSERT_TRUE(registry.push(layout.path(), QStringLiteral("img%1").arg(i),
                                  QStringLiteral("old/app%1:v1").arg(i)))
            << registry.lastOutput().toStdString();
    }
    const auto aged = fs::file_time_type::clock::now() - std::chrono::hours(3);
    for (const auto &e : fs::recursive_directory_iterator(registry.rootDir().toStdString()))
        fs::last_write_time(e.path(), aged);
    for (int i = 0; i < kImages; i += 2) {
        ASSERT_TRUE(curlOk({QStringLiteral("-X"), QStringLiteral("DELETE"),
                            url + QStringLiteral("/v2/old/app%1/manifests/v1").arg(i)}));
    }

    // New pushes (sharing the old base layer) while GC runs again and again,
    // and more old tags go.
    std::vector<std::unique_ptr<QProcess>> pushes;
    for (int i = 0; i <= kImages; ++i) {
        const bool multi = i == kImages;
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(QStringLiteral("skopeo"),
                 registry.pushArguments(
                     layout.path(),
                     multi ? QStringLiteral("multi") : QStringLiteral("img%1").arg(i),
                     multi ? QStringLiteral("new/multi:v1") : QStringLiteral("new/app%1:v1").arg(i),
                     multi));
        pushes.push_back(std::move(p));
    }
    int collections = 0;
    const QString gcUrl = url + QStringLiteral("/berth/v1/garbage-collect?delete-untagged=true");
    QDeadlineTimer deadline(180000);
    auto running = [&] {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        for (auto &p : pushes) {
            if (p->state() != QProcess::NotRunning)
                return true;
        }
        return false;
    };
    while ((running() || collections < 3) && !deadline.hasExpired()) {
        EXPECT_TRUE(curlOk({QStringLiteral("-X"), QStringLiteral("POST"), gcUrl}));
        ++collections;
        if (collections == 2) {
            EXPECT_TRUE(curlOk({QStringLiteral("-X"), QStringLiteral("DELETE"),
                                url + QStringLiteral("/v2/old/app1/manifests/v1")}));
        }
    }
    for (std::size_t i = 0; i < pushes.size(); ++i) {
        pushes[i]->waitForFinished(60000);
        EXPECT_EQ(pushes[i]->exitCode(), 0)
            << "push " << i
            << " broke under online GC: " << pushes[i]->readAll().right(1500).toStdString();
    }
    EXPECT_GE(collections, 3);

    // What was old and untagged is gone; everything tagged pulls completely.
    QByteArray report;
    ASSERT_TRUE(curlOk({QStringLiteral("-X"), QStringLiteral("POST"), gcUrl}, &report));
    for (int i : {0, 2, 4, 6})
        EXPECT_FALSE(curlOk({url + QStringLiteral("/v2/old/app%1/manifests/v1").arg(i)}));
    QByteArray catalog;
    ASSERT_TRUE(curlOk({url + QStringLiteral("/v2/_catalog")}, &catalog));
    int pulled = 0;
    for (const QJsonValue repo :
         QJsonDocument::fromJson(catalog)[QStringLiteral("repositories")].toArray()) {
        QByteArray tags;
        ASSERT_TRUE(curlOk({url + QStringLiteral("/v2/%1/tags/list").arg(repo.toString())}, &tags));
        for (const QJsonValue tag :
             QJsonDocument::fromJson(tags)[QStringLiteral("tags")].toArray()) {
            const QString ref = repo.toString() + QLatin1Char(':') + tag.toString();
            EXPECT_TRUE(registry.pull(ref, repo.toString().endsWith(QStringLiteral("multi"))))
                << ref.toStdString() << ": " << registry.lastOutput().toStdString();
            ++pulled;
        }
    }
    EXPECT_EQ(pulled, kImages + 1 + kImages / 2 - 1); // new/*, multi, old odd minus app1
    registry.stop();
    const QJsonObject inspected = inspectVerify(registry.rootDir());
    EXPECT_EQ(inspected[QStringLiteral("corruptBlobs")].toArray().size(), 0);
    EXPECT_EQ(inspected[QStringLiteral("danglingLinks")].toArray().size(), 0)
        << QJsonDocument(inspected[QStringLiteral("danglingLinks")].toArray())
               .toJson()
               .toStdString();
}
