// The real `berth-cli` executable (its own HOME, XDG and DOCKER_CONFIG
// folders) against real registries: docker-registry, one of them with an
// htpasswd login found in docker's config.json, a saved registry found by
// its name; what it prints and the exit status a script relies on.
#include "credentials/profile_store.h"
#include "support/layer_tar.h"
#include "support/registry_fixture.h"
#include "support/umoci_image.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

const QString kOciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");

struct Outcome
{
    int status = -1;
    QString out;
    QString err;
};

// berth-cli with `arguments`, in folders of its own (no saved registry,
// no docker login unless the test writes them).
class CliHome
{
public:
    CliHome()
    {
        QDir().mkpath(config());
        QDir().mkpath(docker());
    }
    QString config() const { return m_dir.path() + QStringLiteral("/config"); }
    QString docker() const { return m_dir.path() + QStringLiteral("/docker"); }

    Outcome run(const QStringList &arguments) const
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config());
        env.insert(QStringLiteral("DOCKER_CONFIG"), docker());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain needed here
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(BERTH_CLI_BINARY), arguments);
        Outcome o;
        if (!cli.waitForFinished(120000)) {
            cli.kill();
            cli.waitForFinished();
            return o;
        }
        o.status = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
        o.out = QString::fromUtf8(cli.readAllStandardOutput());
        o.err = QString::fromUtf8(cli.readAllStandardError());
        return o;
    }

    void dockerLogin(const QString &registry, const QString &user, const QString &password) const
    {
        QFile file(docker() + QStringLiteral("/config.json"));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(R"({"auths":{")" + registry.toUtf8() + R"(":{"auth":")" +
                   (user + QLatin1Char(':') + password).toUtf8().toBase64() + "\"}}}");
    }

    void saveRegistry(const QString &name, const QString &url) const
    {
        QSettings settings(config() + QStringLiteral("/Berth/Berth.conf"), QSettings::IniFormat);
        berth::credentials::ProfileStore store(settings);
        auto profiles = store.load();
        berth::credentials::RegistryProfile profile;
        profile.id = berth::credentials::ProfileStore::newId();
        profile.name = name;
        profile.url = url;
        profiles << profile;
        store.save(profiles);
    }

private:
    QTemporaryDir m_dir;
};

bool pushImage(berth::test::RegistryFixture &registry, quint32 seed, const QString &repoAndTag)
{
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), seed);
    const auto image = layout.addImage(QStringLiteral("2024-09-01T00:00:00Z"),
                                       QStringLiteral("amd64"), {50000, 7000});
    layout.tag(QStringLiteral("img"), image.manifestDigest, kOciManifest);
    layout.save();
    return registry.push(dir.path(), QStringLiteral("img"), repoAndTag);
}

} // namespace

TEST(BerthCli, CopiesBetweenRegistriesWithDockersLoginAndSaysWhatItDid)
{
    berth::test::RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    berth::test::RegistryFixture::Options login;
    login.htpasswdUser = QStringLiteral("alice");
    login.htpasswdPassword = QStringLiteral("s3cret");
    login.pushCredentials = QStringLiteral("alice:s3cret"); // for the check with skopeo
    berth::test::RegistryFixture target(login);
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    ASSERT_TRUE(pushImage(source, 121, QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();
    ASSERT_TRUE(pushImage(source, 122, QStringLiteral("team/app:v2")))
        << source.lastOutput().toStdString();
    const QString from = source.hostPort() + QStringLiteral("/team/app:v1");
    const QString to = target.hostPort() + QStringLiteral("/prod/app");

    CliHome home;
    const Outcome anonymous = home.run({QStringLiteral("copy"), from, to});
    EXPECT_EQ(anonymous.status, 1) << anonymous.err.toStdString();
    EXPECT_TRUE(anonymous.err.startsWith(QStringLiteral("berth-cli: ")))
        << anonymous.err.toStdString();
    EXPECT_TRUE(anonymous.out.isEmpty());

    home.dockerLogin(target.hostPort(), QStringLiteral("alice"), QStringLiteral("s3cret"));
    const Outcome copied = home.run(
        {QStringLiteral("copy"), QStringLiteral("--parallel"), QStringLiteral("1"), from, to});
    ASSERT_EQ(copied.status, 0) << copied.err.toStdString();
    EXPECT_TRUE(copied.out.startsWith(QStringLiteral("Copied ") + from + QStringLiteral(" to ") +
                                      to + QStringLiteral(":v1 (")))
        << copied.out.toStdString();
    EXPECT_TRUE(target.pull(QStringLiteral("prod/app:v1"))) << target.lastOutput().toStdString();

    const Outcome again = home.run({QStringLiteral("copy"), from, to});
    EXPECT_EQ(again.status, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(QStringLiteral("nothing to do"))) << again.out.toStdString();

    // v2 onto prod/app:v1: refused with status 3, done with --overwrite.
    const QString other = source.hostPort() + QStringLiteral("/team/app:v2");
    const QString onto = to + QStringLiteral(":v1");
    const Outcome refused = home.run({QStringLiteral("copy"), other, onto});
    EXPECT_EQ(refused.status, 3) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("already points at another image")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("--overwrite"))) << refused.err.toStdString();
    const Outcome moved = home.run(
        {QStringLiteral("copy"), QStringLiteral("--overwrite"), other, onto, QStringLiteral("-q")});
    EXPECT_EQ(moved.status, 0) << moved.err.toStdString();
    EXPECT_TRUE(moved.out.isEmpty()) << "quiet";

    // Every tag of the repository, one line each.
    const QString repository = source.hostPort() + QStringLiteral("/team/app");
    const Outcome all = home.run({QStringLiteral("copy"), QStringLiteral("--all-tags"), repository,
                                  target.hostPort() + QStringLiteral("/all/app")});
    ASSERT_EQ(all.status, 0) << all.err.toStdString();
    EXPECT_TRUE(all.out.contains(QStringLiteral("v1: copied"))) << all.out.toStdString();
    EXPECT_TRUE(all.out.contains(QStringLiteral("v2: copied"))) << all.out.toStdString();
    EXPECT_TRUE(all.out.endsWith(QStringLiteral("2 tags: 2 copied, 0 already there, 0 failed.\n")))
        << all.out.toStdString();
    EXPECT_TRUE(target.pull(QStringLiteral("all/app:v2"))) << target.lastOutput().toStdString();

    // The tags a pattern finds; prod/app:v1 holds v2's image now: status 3.
    const Outcome found = home.run(
        {QStringLiteral("copy"), QStringLiteral("--tags"), QStringLiteral("^V"), repository, to});
    EXPECT_EQ(found.status, 3) << found.err.toStdString();
    EXPECT_TRUE(found.out.contains(QStringLiteral("v2: copied"))) << found.out.toStdString();
    EXPECT_TRUE(found.err.contains(QStringLiteral("v1: ") + to.section(QLatin1Char('/'), 1)))
        << found.err.toStdString();
    EXPECT_TRUE(found.err.contains(QStringLiteral("--overwrite moves them")))
        << found.err.toStdString();

    // One platform of an index: that platform's image, and said so.
    QTemporaryDir multiDir;
    berth::test::OciLayoutWriter multi(multiDir.path(), 124);
    const auto index = multi.addIndex(QStringLiteral("2024-09-02T00:00:00Z"), false);
    multi.tag(QStringLiteral("multi"), index.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
    multi.save();
    ASSERT_TRUE(source.push(multiDir.path(), QStringLiteral("multi"),
                            QStringLiteral("team/multi:v1"), true))
        << source.lastOutput().toStdString();
    const Outcome arm = home.run({QStringLiteral("copy"), QStringLiteral("--platform"),
                                  QStringLiteral("linux/arm64"),
                                  source.hostPort() + QStringLiteral("/team/multi:v1"),
                                  target.hostPort() + QStringLiteral("/arm/app")});
    ASSERT_EQ(arm.status, 0) << arm.err.toStdString();
    EXPECT_TRUE(arm.out.contains(QStringLiteral("Only linux/arm64: that platform's image, not the "
                                                "index ") +
                                 index.digest))
        << arm.out.toStdString();
    EXPECT_TRUE(arm.out.contains(index.platforms[1].manifestDigest)) << arm.out.toStdString();
}

TEST(BerthCli, ASavedRegistryIsNamedAndBadUsageIsSaid)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    ASSERT_TRUE(pushImage(registry, 123, QStringLiteral("team/app:rc")))
        << registry.lastOutput().toStdString();
    CliHome home;
    home.saveRegistry(QStringLiteral("Staging"), registry.hostPort());
    home.saveRegistry(QStringLiteral("team"), registry.hostPort()); // also a Hub namespace
    // Promoted within the registry, by its saved name: the layers are linked.
    const Outcome promoted =
        home.run({QStringLiteral("copy"), QStringLiteral("Staging/team/app:rc"),
                  QStringLiteral("Staging/team/app:1.0")});
    ASSERT_EQ(promoted.status, 0) << promoted.err.toStdString();
    EXPECT_TRUE(promoted.out.contains(QStringLiteral("0 copied"))) << promoted.out.toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:1.0")))
        << registry.lastOutput().toStdString();

    const std::vector<std::pair<QStringList, const char *>> usage = {
        {{}, "no command given"},
        {{QStringLiteral("move"), QStringLiteral("a"), QStringLiteral("b")}, "unknown command"},
        {{QStringLiteral("copy"), QStringLiteral("a")}, "SOURCE and a DESTINATION"},
        {{QStringLiteral("copy"), QStringLiteral("--force"), QStringLiteral("a"),
          QStringLiteral("b")},
         "unknown option --force"},
        {{QStringLiteral("copy"), QStringLiteral("a"), QStringLiteral("b"),
          QStringLiteral("--ca-file")},
         "--ca-file needs a file"},
        {{QStringLiteral("copy"), QStringLiteral("a"), QStringLiteral("b"),
          QStringLiteral("--parallel"), QStringLiteral("0")},
         "--parallel needs a number from 1 to 32"},
        {{QStringLiteral("copy"), QStringLiteral("Bad Name!"), QStringLiteral("x/y")},
         "is not a valid image reference"},
        {{QStringLiteral("copy"), QStringLiteral("Staging/team/app:rc"),
          QStringLiteral("Staging/team/app@sha256:") + QString(64, QLatin1Char('a'))},
         "takes a tag, not a digest"},
        {{QStringLiteral("copy"), QStringLiteral("team/app:rc"), QStringLiteral("Staging/x/y")},
         "is ambiguous"},
        {{QStringLiteral("copy"), QStringLiteral("Prod/team/app:rc"),
          QStringLiteral("Staging/x/y")},
         "no saved registry is called Prod"},
        {{QStringLiteral("copy"), QStringLiteral("Staging/team/app:rc"),
          QStringLiteral("registry.example.com:5000")},
         "names a registry but no repository"},
        {{QStringLiteral("copy"), QStringLiteral("--ca-file"), QStringLiteral("/nonexistent.pem"),
          QStringLiteral("Staging/team/app:rc"), QStringLiteral("Staging/x/y")},
         "Cannot read the CA file"},
        // Docker Hub short names with dotted tags are references, not hosts:
        // read as such, the next check (the CA file) is what stops them.
        {{QStringLiteral("copy"), QStringLiteral("--ca-file"), QStringLiteral("/nonexistent.pem"),
          QStringLiteral("ubuntu:22.04"), QStringLiteral("python:3.12-slim")},
         "Cannot read the CA file"},
    };
    for (const auto &[arguments, said] : usage) {
        const Outcome o = home.run(arguments);
        EXPECT_EQ(o.status, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(o.err.contains(QLatin1String(said)))
            << arguments.join(QLatin1Char(' ')).toStdString() << " → " << o.err.toStdString();
    }
    const Outcome unknown = home.run({QStringLiteral("copy"), QStringLiteral("127.0.0.1:1/a/b:c"),
                                      QStringLiteral("Staging/x/y")});
    EXPECT_EQ(unknown.status, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("Connection refused")))
        << unknown.err.toStdString();
}

// export: an oci-archive skopeo reads by the tag, a docker-archive by the
// name it loads as, a directory layout; the options only export takes.
TEST(BerthCli, ExportsIntoArchivesOtherToolsRead)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    ASSERT_TRUE(pushImage(registry, 124, QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();
    const QString image = registry.hostPort() + QStringLiteral("/team/app:v1");
    CliHome home;
    QTemporaryDir out;
    const auto inspect = [](const QStringList &arguments) {
        QProcess skopeo;
        skopeo.start(QStringLiteral("skopeo"), QStringList{QStringLiteral("inspect")} + arguments);
        skopeo.waitForFinished(60000);
        return skopeo.exitCode() == 0 ? skopeo.readAllStandardOutput() : QByteArray();
    };
    const QByteArray served =
        inspect({QStringLiteral("--raw"), QStringLiteral("--tls-verify=false"),
                 QStringLiteral("docker://") + image});
    ASSERT_FALSE(served.isEmpty());

    const QString oci = out.path() + QStringLiteral("/app.oci.tar");
    const Outcome exported = home.run({QStringLiteral("export"), image, oci});
    ASSERT_EQ(exported.status, 0) << exported.err.toStdString();
    EXPECT_TRUE(exported.out.startsWith(QStringLiteral("Exported ") + image))
        << exported.out.toStdString();
    EXPECT_EQ(inspect({QStringLiteral("--raw"),
                       QStringLiteral("oci-archive:") + oci + QStringLiteral(":v1")}),
              served);

    const QString docker = out.path() + QStringLiteral("/app.docker.tar");
    const Outcome saved =
        home.run({QStringLiteral("export"), QStringLiteral("--format"),
                  QStringLiteral("docker-archive"), image, docker, QStringLiteral("-q")});
    ASSERT_EQ(saved.status, 0) << saved.err.toStdString();
    EXPECT_TRUE(saved.out.isEmpty()) << "quiet";
    EXPECT_FALSE(inspect({QStringLiteral("--config"), QStringLiteral("--raw"),
                          QStringLiteral("docker-archive:") + docker + QLatin1Char(':') + image})
                     .isEmpty())
        << "loads as " << image.toStdString();

    const QString dir = out.path() + QStringLiteral("/layout");
    const Outcome laidOut = home.run(
        {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("oci"), image, dir});
    ASSERT_EQ(laidOut.status, 0) << laidOut.err.toStdString();
    EXPECT_EQ(
        inspect({QStringLiteral("--raw"), QStringLiteral("oci:") + dir + QStringLiteral(":v1")}),
        served);

    const std::vector<std::pair<QStringList, const char *>> usage = {
        {{QStringLiteral("export"), image}, "export takes a SOURCE and a PATH"},
        {{QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("zip"), image, dir},
         "--format needs oci, oci-archive or docker-archive"},
        {{QStringLiteral("export"), QStringLiteral("--overwrite"), image, dir},
         "--overwrite is no option of export"},
        {{QStringLiteral("copy"), QStringLiteral("--json"), image, image},
         "--json is no option of copy"},
        {{QStringLiteral("copy"), QStringLiteral("--all-tags"), image, image},
         "With --all-tags, name repositories without a tag"},
        {{QStringLiteral("export"), QStringLiteral("--platform"), QStringLiteral("linux"), image,
          dir},
         "is no platform"},
    };
    for (const auto &[arguments, said] : usage) {
        const Outcome o = home.run(arguments);
        EXPECT_EQ(o.status, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(o.err.contains(QLatin1String(said)))
            << arguments.join(QLatin1Char(' ')).toStdString() << " → " << o.err.toStdString();
    }
    // A folder that is not a layout is left alone, and said so.
    QDir().mkpath(out.path() + QStringLiteral("/notes"));
    QFile note(out.path() + QStringLiteral("/notes/a.txt"));
    ASSERT_TRUE(note.open(QIODevice::WriteOnly));
    note.close();
    const Outcome refused =
        home.run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("oci"),
                  image, out.path() + QStringLiteral("/notes")});
    EXPECT_EQ(refused.status, 1);
    EXPECT_TRUE(refused.err.contains(QStringLiteral("neither empty nor an OCI image layout")))
        << refused.err.toStdString();
}

// import: what export wrote goes into another registry under a tag; a
// tag pointing elsewhere is exit status 3; a damaged archive fails naming
// its entry and tags nothing.
TEST(BerthCli, ImportsWhatExportWroteAndRefusesADamagedArchive)
{
    berth::test::RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    berth::test::RegistryFixture target;
    ASSERT_TRUE(target.start()) << target.error().toStdString();
    ASSERT_TRUE(pushImage(source, 125, QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();
    ASSERT_TRUE(pushImage(target, 126, QStringLiteral("team/app:taken")))
        << target.lastOutput().toStdString();
    CliHome home;
    QTemporaryDir out;
    const QString tar = out.path() + QStringLiteral("/app.tar");
    ASSERT_EQ(home.run({QStringLiteral("export"),
                        source.hostPort() + QStringLiteral("/team/app:v1"), tar})
                  .status,
              0);

    const Outcome imported =
        home.run({QStringLiteral("import"), tar, target.hostPort() + QStringLiteral("/team/app")});
    ASSERT_EQ(imported.status, 0) << imported.err.toStdString();
    EXPECT_TRUE(imported.out.startsWith(QStringLiteral("Imported ") + target.hostPort() +
                                        QStringLiteral("/team/app:v1 (sha256:")))
        << imported.out.toStdString();
    EXPECT_TRUE(target.pull(QStringLiteral("team/app:v1"))) << target.lastOutput().toStdString();

    const Outcome taken = home.run(
        {QStringLiteral("import"), tar, target.hostPort() + QStringLiteral("/team/app:taken")});
    EXPECT_EQ(taken.status, 3) << taken.err.toStdString();
    EXPECT_TRUE(taken.err.contains(QStringLiteral("--overwrite"))) << taken.err.toStdString();

    // A byte of the last blob's data changed (the tar ends with index.json
    // and two blocks of zeros; the first blob starts after its header).
    QFile archive(tar);
    ASSERT_TRUE(archive.open(QIODevice::ReadWrite));
    const QByteArray all = archive.readAll();
    const qsizetype layer = all.indexOf(QByteArray("blobs/sha256/"), 2048);
    ASSERT_GT(layer, 0);
    archive.seek((layer / 512 + 1) * 512 + 100);
    archive.write("X");
    archive.close();
    const Outcome damaged = home.run(
        {QStringLiteral("import"), tar, target.hostPort() + QStringLiteral("/other/app:v1")});
    EXPECT_EQ(damaged.status, 1) << damaged.err.toStdString();
    EXPECT_TRUE(damaged.err.contains(QStringLiteral("nothing was tagged")))
        << damaged.err.toStdString();
    EXPECT_FALSE(target.pull(QStringLiteral("other/app:v1")));

    const std::vector<std::pair<QStringList, const char *>> usage = {
        {{QStringLiteral("import"), tar}, "import takes a PATH and a DESTINATION"},
        {{QStringLiteral("import"), QStringLiteral("--platform"), QStringLiteral("linux/amd64"),
          tar, QStringLiteral("x/y")},
         "--platform is no option of import"},
        {{QStringLiteral("import"), out.path() + QStringLiteral("/missing.tar"),
          target.hostPort() + QStringLiteral("/x/y")},
         "does not exist"},
        {{QStringLiteral("import"), tar,
          target.hostPort() + QStringLiteral("/x/y@sha256:") + QString(64, QLatin1Char('a'))},
         "takes a tag, not a digest"},
    };
    for (const auto &[arguments, said] : usage) {
        const Outcome o = home.run(arguments);
        EXPECT_EQ(o.status, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(o.err.contains(QLatin1String(said)))
            << arguments.join(QLatin1Char(' ')).toStdString() << " → " << o.err.toStdString();
    }
}

namespace {

// An image of two layers made by umoci (from tars made here) in `repoAndTag`.
// `layers` 1 or 2 of them: the second deletes etc/big.cache.
bool pushLayeredImage(berth::test::RegistryFixture &registry, const QString &repoAndTag,
                      int layers = 2)
{
    using berth::test::LayerTar;
    QString output;
    std::vector<std::string> tars = {
        LayerTar(LayerTar::Compression::None)
            .dir("etc")
            .file("etc/big.cache", std::string(30000, 'x'))
            .file("etc/app.conf", "port=80\n")
            .hardlink("etc/app.link", "etc/app.conf")
            .symlink("etc/current", "/etc/app.conf")
            .take(),
        LayerTar(LayerTar::Compression::None).dir("etc").whiteout("etc", "big.cache").take()};
    tars.resize(static_cast<std::size_t>(layers));
    return berth::test::pushUmociImage(registry, tars, repoAndTag, output);
}

} // namespace

TEST(BerthCli, ListsAnImagesFilesItsWasteAndOneFileWithoutPullingIt)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    ASSERT_TRUE(pushLayeredImage(registry, QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();
    const QString image = registry.hostPort() + QStringLiteral("/team/app:v1");
    CliHome home;

    const Outcome files = home.run({QStringLiteral("files"), QStringLiteral("--insecure"), image});
    ASSERT_EQ(files.status, 0) << files.err.toStdString();
    EXPECT_EQ(files.out.toStdString(),
              "drwxr-xr-x 0/0                  0 L2 etc\n"
              "-rw-r--r-- 0/0                  8 L1 etc/app.conf\n"
              "-rw-r--r-- 0/0                  8 L1 etc/app.link link to etc/app.conf\n"
              "lrwxrwxrwx 0/0                  0 L1 etc/current -> /etc/app.conf\n");

    const Outcome layer =
        home.run({QStringLiteral("files"), QStringLiteral("--insecure"), QStringLiteral("--layer"),
                  QStringLiteral("2"), QStringLiteral("--json"), image, QStringLiteral("/etc/")});
    ASSERT_EQ(layer.status, 0) << layer.err.toStdString();
    const QJsonArray entries = QJsonDocument::fromJson(layer.out.toUtf8()).array();
    ASSERT_EQ(entries.size(), 2) << layer.out.toStdString();
    EXPECT_EQ(entries[1].toObject()[QStringLiteral("path")].toString(),
              QStringLiteral("etc/big.cache"));
    EXPECT_EQ(entries[1].toObject()[QStringLiteral("type")].toString(), QStringLiteral("whiteout"));

    const Outcome waste = home.run(
        {QStringLiteral("waste"), QStringLiteral("--insecure"), QStringLiteral("--json"), image});
    ASSERT_EQ(waste.status, 0) << waste.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(waste.out.toUtf8()).object();
    EXPECT_EQ(report[QStringLiteral("wastedBytes")].toInteger(), 30000);
    EXPECT_EQ(report[QStringLiteral("wasted")].toArray()[0].toObject()[QStringLiteral("path")],
              QStringLiteral("etc/big.cache"));

    for (const QString &path : {QStringLiteral("/etc/app.conf"), QStringLiteral("etc/app.link"),
                                QStringLiteral("etc/current")}) {
        const Outcome cat =
            home.run({QStringLiteral("cat"), QStringLiteral("--insecure"), image, path});
        ASSERT_EQ(cat.status, 0) << cat.err.toStdString();
        EXPECT_EQ(cat.out.toStdString(), "port=80\n");
    }
    const Outcome deleted = home.run({QStringLiteral("cat"), QStringLiteral("--insecure"), image,
                                      QStringLiteral("etc/big.cache")});
    EXPECT_EQ(deleted.status, 1) << "a later layer deleted it";

    ASSERT_TRUE(pushLayeredImage(registry, QStringLiteral("team/app:v0"), 1));
    const Outcome diff = home.run({QStringLiteral("diff"), QStringLiteral("--insecure"),
                                   registry.hostPort() + QStringLiteral("/team/app:v0"), image});
    ASSERT_EQ(diff.status, 0) << diff.err.toStdString();
    EXPECT_TRUE(diff.out.contains(QStringLiteral("Layers: 1 shared, 0 only in the first, 1 only "
                                                 "in the second.")))
        << diff.out.toStdString();
    EXPECT_TRUE(diff.out.endsWith(QStringLiteral("- /etc/big.cache\n"))) << diff.out.toStdString();

    const Outcome missing = home.run(
        {QStringLiteral("files"), QStringLiteral("--insecure"), image, QStringLiteral("/usr")});
    EXPECT_EQ(missing.status, 1);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("has no /usr"))) << missing.err.toStdString();
    const Outcome noLayer = home.run({QStringLiteral("files"), QStringLiteral("--insecure"),
                                      QStringLiteral("--layer"), QStringLiteral("3"), image});
    EXPECT_EQ(noLayer.status, 2);
    EXPECT_TRUE(noLayer.err.contains(QStringLiteral("no layer 3"))) << noLayer.err.toStdString();
    const Outcome wrong =
        home.run({QStringLiteral("waste"), QStringLiteral("--layer"), QStringLiteral("1"), image});
    EXPECT_EQ(wrong.status, 2);
}
