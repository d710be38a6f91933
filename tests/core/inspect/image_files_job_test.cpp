// An image's files read from Debian's docker-registry without pulling it,
// checked against umoci's unpacked rootfs: layers made here entry by entry
// (whiteouts, an opaque folder, hard links, setuid, devices, long names)
// and an image buildah builds; the same layers gzip, zstd and with Docker's
// media types give one tree (plain tars: test_layers); a blob the registry serves damaged is
// refused and never cached; a cached layer is not read again.
#include "umoci_oracle.h"

#include "inspect/file_content_job.h"
#include "inspect/image_files_job.h"
#include "inspect/save_folder_job.h"
#include "layers/image_diff.h"
#include "layers/layer_index_cache.h"
#include "support/await.h"
#include "support/layer_tar.h"
#include "support/registry_fixture.h"
#include "support/umoci_image.h"

#include "client/registry_session.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <set>

#include <gtest/gtest.h>

using berth::client::ClientErrorKind;
using berth::client::ClientResult;
using berth::inspect::ImageFiles;
using berth::inspect::ImageFilesJob;
using berth::layers::EntryType;
namespace oci = berth::oci;
using berth::test::LayerTar;
using berth::test::RegistryFixture;
namespace oracle = berth::test::oracle;

namespace {

std::string bytesOf(std::size_t n, char seed)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>(seed + static_cast<char>(i * 7 % 251));
    return s;
}

std::string firstLayer()
{
    const std::string longName(120, 'n');
    return LayerTar(LayerTar::Compression::None)
        .dir("etc")
        .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        .dir("usr")
        .dir("usr/bin")
        .file("usr/bin/tool", bytesOf(1000, 'a'), {0755, 1000, 1000})
        .file("usr/bin/su", "su", {04755})
        .symlink("usr/bin/t", "tool")
        .hardlink("usr/bin/tool2", "usr/bin/tool")
        .dir(longName)
        .dir(longName + "/" + longName)
        .file(longName + "/" + longName + "/deep", "deep")
        .dir("dev")
        .device("dev/null")
        .dir("run")
        .device("run/fifo", AE_IFIFO)
        .dir("srv")
        .file("srv/a", "a")
        .file("srv/b", "b")
        .dir("var")
        .dir("var/lib")
        .file("var/lib/state", bytesOf(500, 's'))
        .take();
}

std::string secondLayer()
{
    return LayerTar(LayerTar::Compression::None)
        .dir("etc")
        .whiteout("etc", "passwd")
        .dir("srv")
        .opaque("srv")
        .file("srv/c", "c")
        .dir("usr")
        .dir("usr/bin")
        .file("usr/bin/tool", bytesOf(2000, 'b'), {0750, 1000, 1000})
        .dir("var")
        .whiteout("var", "lib")
        .dir("opt")
        .file("opt/new", "new", {0600, 5, 6})
        .take();
}

class ImageFilesJobTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_work.isValid());
        ASSERT_TRUE(m_registry.start()) << m_registry.error().toStdString();
        m_session = std::make_unique<berth::client::RegistrySession>(
            berth::client::RegistryEndpoint::fromUserInput(m_registry.baseUrl()).value());
        m_cache = cacheIn(QStringLiteral("cache"));
    }

    std::shared_ptr<const berth::layers::LayerIndexCache> cacheIn(const QString &name) const
    {
        return std::make_shared<const berth::layers::LayerIndexCache>(
            QString(m_work.path() + QLatin1Char('/') + name).toStdString());
    }

    QString path(const QString &name) const { return m_work.path() + QLatin1Char('/') + name; }

    bool buildWithUmoci(const QString &layout, const std::vector<std::string> &tars)
    {
        return berth::test::buildUmociLayout(layout, tars, m_output);
    }

    // `tars` as the image team/fixture:`tag`, its layout at `layout`.
    bool pushFixture(const QString &layout, const std::vector<std::string> &tars,
                     const QString &tag = QStringLiteral("1"))
    {
        return buildWithUmoci(layout, tars) &&
               skopeoCopy(
                   {QStringLiteral("oci:") + layout + QStringLiteral(":img"),
                    QStringLiteral("docker://%1/team/fixture:%2").arg(m_registry.hostPort(), tag)});
    }

    bool skopeoCopy(const QStringList &arguments)
    {
        return berth::test::runTool(QStringLiteral("skopeo"),
                                    QStringList{QStringLiteral("--insecure-policy"),
                                                QStringLiteral("copy"),
                                                QStringLiteral("--dest-tls-verify=false")} +
                                        arguments,
                                    m_output);
    }

    // umoci's view of `layout`:img unpacked (as root: owners and devices too).
    std::map<std::string, std::string> unpacked(const QString &layout, const QString &bundle,
                                                bool contents = false)
    {
        QStringList args{QStringLiteral("unpack"), QStringLiteral("--image"),
                         layout + QStringLiteral(":img"), bundle};
        if (::geteuid() != 0)
            args.insert(1, QStringLiteral("--rootless"));
        if (!oracle::umoci(args, m_output))
            return {};
        return oracle::walkRootfs(QString(bundle + QStringLiteral("/rootfs")).toStdString(),
                                  ::geteuid() == 0, contents);
    }

    std::optional<ClientResult<ImageFiles>>
    filesOf(const QString &reference,
            std::shared_ptr<const berth::layers::LayerIndexCache> cache = nullptr,
            berth::layers::IndexLimits limits = {})
    {
        const auto slash = reference.indexOf(QLatin1Char(':'));
        return berth::test::await(new ImageFilesJob(m_session.get(), reference.left(slash),
                                                    reference.mid(slash + 1), std::nullopt,
                                                    cache ? cache : m_cache, limits),
                                  &ImageFilesJob::finished, 120000);
    }

    QTemporaryDir m_work;
    RegistryFixture m_registry;
    std::unique_ptr<berth::client::RegistrySession> m_session;
    std::shared_ptr<const berth::layers::LayerIndexCache> m_cache;
    QString m_output;
};

// Berth's merged tree in the oracle's form.
std::map<std::string, std::string> berthView(const ImageFiles &files)
{
    const bool root = ::geteuid() == 0;
    std::map<std::string, std::string> out;
    for (const auto &merged : files.tree->entries()) {
        const auto &e = merged.entry;
        if (!root && (e.type == EntryType::CharDevice || e.type == EntryType::BlockDevice))
            continue; // umoci --rootless cannot make them
        std::string line =
            e.type == EntryType::Hardlink ? "file" : berth::layers::entryTypeName(e.type);
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", e.mode);
        line += std::string(" ") + mode;
        if (root)
            line += " " + std::to_string(e.uid) + ":" + std::to_string(e.gid);
        const bool regular = e.type == EntryType::File || e.type == EntryType::Hardlink;
        line += " " + std::to_string(regular ? e.size : 0);
        if (e.type == EntryType::Symlink)
            line += " -> " + e.linkTarget;
        out[e.path] = line;
    }
    return out;
}

TEST_F(ImageFilesJobTest, TheMergedTreeIsWhatUmociUnpacks)
{
    const QString layout = path(QStringLiteral("layout"));
    ASSERT_TRUE(pushFixture(layout, {firstLayer(), secondLayer()})) << m_output.toStdString();
    const auto expected = unpacked(layout, path(QStringLiteral("bundle")));
    ASSERT_FALSE(expected.empty()) << m_output.toStdString();
    ASSERT_TRUE(expected.count("srv/c") && !expected.count("srv/a") && !expected.count("var/lib"))
        << "umoci applied the whiteouts";

    const auto files = filesOf(QStringLiteral("team/fixture:1"));
    ASSERT_TRUE(files && files->ok())
        << (files ? files->error().message.toStdString() : std::string());
    EXPECT_EQ(berthView(files->value()), expected);
    EXPECT_EQ(files->value().layers.size(), 2U);
}

TEST_F(ImageFilesJobTest, AnImageBuildahBuiltIsWhatUmociUnpacks)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "buildah mount needs root here (rootless, it needs buildah unshare)";
    const QString store = path(QStringLiteral("buildah"));
    const QStringList storage{QStringLiteral("--root"),           store + QStringLiteral("/root"),
                              QStringLiteral("--runroot"),        store + QStringLiteral("/run"),
                              QStringLiteral("--storage-driver"), QStringLiteral("vfs")};
    const auto buildah = [&](const QStringList &args, QString *out = nullptr) {
        QString output;
        const bool ok = berth::test::runTool(QStringLiteral("buildah"), storage + args, output);
        m_output += output;
        if (out)
            *out = output.trimmed().section(QLatin1Char('\n'), -1);
        return ok;
    };
    QString container;
    QString mount;
    ASSERT_TRUE(buildah({QStringLiteral("from"), QStringLiteral("scratch")}, &container))
        << m_output.toStdString();
    ASSERT_TRUE(buildah({QStringLiteral("mount"), container}, &mount)) << m_output.toStdString();
    ASSERT_TRUE(QDir().mkpath(mount + QStringLiteral("/etc/app")));
    QFile conf(mount + QStringLiteral("/etc/app/app.conf"));
    ASSERT_TRUE(conf.open(QIODevice::WriteOnly));
    conf.write("port=80\n");
    conf.close();
    ASSERT_TRUE(QFile::link(QStringLiteral("app/app.conf"), mount + QStringLiteral("/etc/conf")));
    QFile cache(mount + QStringLiteral("/etc/app/cache.bin"));
    ASSERT_TRUE(cache.open(QIODevice::WriteOnly));
    cache.write(QByteArray::fromStdString(bytesOf(40000, 'c')));
    cache.close();
    ASSERT_TRUE(buildah(
        {QStringLiteral("commit"), QStringLiteral("-q"), container, QStringLiteral("base:1")}))
        << m_output.toStdString();
    QString second;
    QString secondMount;
    ASSERT_TRUE(buildah({QStringLiteral("from"), QStringLiteral("base:1")}, &second))
        << m_output.toStdString();
    ASSERT_TRUE(buildah({QStringLiteral("mount"), second}, &secondMount)) << m_output.toStdString();
    ASSERT_TRUE(QFile::remove(secondMount + QStringLiteral("/etc/app/cache.bin")));
    ASSERT_TRUE(QDir().mkpath(secondMount + QStringLiteral("/usr/share")));
    ASSERT_TRUE(
        buildah({QStringLiteral("commit"), QStringLiteral("-q"), second, QStringLiteral("app:2")}))
        << m_output.toStdString();
    ASSERT_TRUE(buildah({QStringLiteral("push"), QStringLiteral("--tls-verify=false"),
                         QStringLiteral("app:2"),
                         QStringLiteral("docker://%1/team/built:2").arg(m_registry.hostPort())}))
        << m_output.toStdString();
    const QString layout = path(QStringLiteral("built-layout"));
    ASSERT_TRUE(
        berth::test::runTool(QStringLiteral("skopeo"),
                             {QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
                              QStringLiteral("--src-tls-verify=false"),
                              QStringLiteral("docker://%1/team/built:2").arg(m_registry.hostPort()),
                              QStringLiteral("oci:") + layout + QStringLiteral(":img")},
                             m_output))
        << m_output.toStdString();
    const auto expected = unpacked(layout, path(QStringLiteral("built-bundle")));
    ASSERT_FALSE(expected.empty()) << m_output.toStdString();

    const auto files = filesOf(QStringLiteral("team/built:2"));
    ASSERT_TRUE(files && files->ok())
        << (files ? files->error().message.toStdString() : std::string());
    EXPECT_EQ(berthView(files->value()), expected);
    EXPECT_FALSE(files->value().tree->find("etc/app/cache.bin"));
}

TEST_F(ImageFilesJobTest, GzipZstdAndDockerLayersGiveOneTree)
{
    const QString layout = path(QStringLiteral("layout"));
    ASSERT_TRUE(buildWithUmoci(layout, {firstLayer(), secondLayer()})) << m_output.toStdString();
    const QString source = QStringLiteral("oci:") + layout + QStringLiteral(":img");
    const QString host = m_registry.hostPort();
    ASSERT_TRUE(skopeoCopy({QStringLiteral("--dest-compress"),
                            QStringLiteral("--dest-compress-format"), QStringLiteral("zstd"),
                            source, QStringLiteral("docker://%1/team/zstd:1").arg(host)}))
        << m_output.toStdString();
    // After the zstd copy: skopeo would reuse the gzip layers it pushed for it.
    ASSERT_TRUE(skopeoCopy({source, QStringLiteral("docker://%1/team/gzip:1").arg(host)}))
        << m_output.toStdString();
    ASSERT_TRUE(skopeoCopy({QStringLiteral("--format"), QStringLiteral("v2s2"), source,
                            QStringLiteral("docker://%1/team/docker:1").arg(host)}))
        << m_output.toStdString();
    const auto gzip = filesOf(QStringLiteral("team/gzip:1"));
    const auto zstd = filesOf(QStringLiteral("team/zstd:1"));
    const auto docker = filesOf(QStringLiteral("team/docker:1"));
    ASSERT_TRUE(gzip && gzip->ok() && zstd && zstd->ok() && docker && docker->ok());
    EXPECT_EQ(zstd->value().layers[0].mediaType, "application/vnd.oci.image.layer.v1.tar+zstd");
    EXPECT_EQ(docker->value().layers[0].mediaType,
              "application/vnd.docker.image.rootfs.diff.tar.gzip");
    EXPECT_NE(zstd->value().layers[0].digest, gzip->value().layers[0].digest);
    EXPECT_EQ(berthView(zstd->value()), berthView(gzip->value()));
    EXPECT_EQ(berthView(docker->value()), berthView(gzip->value()));
    for (std::size_t i = 0; i < 2; ++i)
        EXPECT_EQ(zstd->value().indexes[i]->entries, gzip->value().indexes[i]->entries);
}

TEST_F(ImageFilesJobTest, ADamagedBlobIsRefusedAndACachedLayerIsNotReadAgain)
{
    const QString layout = path(QStringLiteral("layout"));
    ASSERT_TRUE(pushFixture(layout, {firstLayer()})) << m_output.toStdString();
    const auto first = filesOf(QStringLiteral("team/fixture:1"));
    ASSERT_TRUE(first && first->ok());
    const std::string hex = first->value().layers[0].digest.hex();
    const auto readConf = [&] {
        return berth::test::await(
            new berth::inspect::FileContentJob(m_session.get(), QStringLiteral("team/fixture"),
                                               first->value().layers[0],
                                               QStringLiteral("/usr/bin/tool2"), 1 << 20),
            &berth::inspect::FileContentJob::finished, 60000);
    };
    const auto intact = readConf();
    ASSERT_TRUE(intact && intact->ok()) << intact->error().message.toStdString();
    EXPECT_EQ(intact->value().bytes.toStdString(), bytesOf(1000, 'a')) << "a hard link's contents";
    EXPECT_EQ(intact->value().entry.type, EntryType::Hardlink);

    // The registry's copy of the layer is damaged on its disk from now on.
    QFile data(m_registry.rootDir() +
               QStringLiteral("/docker/registry/v2/blobs/sha256/%1/%2/data")
                   .arg(QString::fromStdString(hex.substr(0, 2)), QString::fromStdString(hex)));
    ASSERT_TRUE(data.open(QIODevice::ReadWrite)) << data.fileName().toStdString();
    data.seek(data.size() / 2);
    data.write("XXXX");
    data.close();

    const auto damagedRead = readConf();
    ASSERT_TRUE(damagedRead && !damagedRead->ok()) << "no contents from a damaged blob";
    EXPECT_TRUE(damagedRead->error().kind == ClientErrorKind::DigestMismatch ||
                damagedRead->error().kind == ClientErrorKind::InvalidResponse);

    const auto cached = filesOf(QStringLiteral("team/fixture:1"));
    ASSERT_TRUE(cached && cached->ok()) << cached->error().message.toStdString();
    EXPECT_EQ(cached->value().indexes[0]->entries, first->value().indexes[0]->entries);

    const auto fresh = cacheIn(QStringLiteral("fresh"));
    const auto damaged = filesOf(QStringLiteral("team/fixture:1"), fresh);
    ASSERT_TRUE(damaged && !damaged->ok());
    EXPECT_TRUE(damaged->error().kind == ClientErrorKind::DigestMismatch ||
                damaged->error().kind == ClientErrorKind::InvalidResponse)
        << damaged->error().message.toStdString();
    EXPECT_TRUE(damaged->error().message.startsWith(QStringLiteral("Layer 1 of 1")))
        << damaged->error().message.toStdString();
    EXPECT_FALSE(fresh->load(first->value().layers[0].digest).has_value());
}

TEST_F(ImageFilesJobTest, ALayerWithBytesAddedReadsAsATarButIsRefusedByItsDigest)
{
    const QString layout = path(QStringLiteral("layout"));
    ASSERT_TRUE(pushFixture(layout, {firstLayer()})) << m_output.toStdString();
    const auto intact = filesOf(QStringLiteral("team/fixture:1"), cacheIn(QStringLiteral("a")));
    ASSERT_TRUE(intact && intact->ok());
    const oci::Descriptor layer = intact->value().layers[0];
    const std::string hex = layer.digest.hex();
    // Zeros after the gzip stream: libarchive still reads the same tar.
    QFile data(m_registry.rootDir() +
               QStringLiteral("/docker/registry/v2/blobs/sha256/%1/%2/data")
                   .arg(QString::fromStdString(hex.substr(0, 2)), QString::fromStdString(hex)));
    ASSERT_TRUE(data.open(QIODevice::Append));
    data.write(QByteArray(512, '\0'));
    data.close();

    const auto fresh = cacheIn(QStringLiteral("b"));
    const auto refused = filesOf(QStringLiteral("team/fixture:1"), fresh);
    ASSERT_TRUE(refused && !refused->ok());
    EXPECT_EQ(refused->error().kind, ClientErrorKind::DigestMismatch)
        << refused->error().message.toStdString();
    EXPECT_FALSE(fresh->load(layer.digest).has_value());
    const auto read = berth::test::await(
        new berth::inspect::FileContentJob(m_session.get(), QStringLiteral("team/fixture"), layer,
                                           QStringLiteral("/etc/passwd"), 1 << 20),
        &berth::inspect::FileContentJob::finished, 60000);
    ASSERT_TRUE(read && !read->ok());
    EXPECT_EQ(read->error().kind, ClientErrorKind::DigestMismatch);
}

TEST_F(ImageFilesJobTest, TheDiffOfTwoImagesIsWhatTwoUmociUnpacksDiffer)
{
    const QString one = path(QStringLiteral("one"));
    const QString two = path(QStringLiteral("two"));
    ASSERT_TRUE(pushFixture(one, {firstLayer()}, QStringLiteral("1"))) << m_output.toStdString();
    ASSERT_TRUE(pushFixture(two, {firstLayer(), secondLayer()}, QStringLiteral("2")))
        << m_output.toStdString();
    const auto left = unpacked(one, path(QStringLiteral("bundle1")), true);
    const auto right = unpacked(two, path(QStringLiteral("bundle2")), true);
    ASSERT_FALSE(left.empty() || right.empty()) << m_output.toStdString();
    std::set<std::pair<std::string, char>> expected;
    for (const auto &[p, line] : left)
        if (!right.count(p))
            expected.insert({p, '-'});
        else if (right.at(p) != line)
            expected.insert({p, '~'});
    for (const auto &[p, line] : right)
        if (!left.count(p))
            expected.insert({p, '+'});

    const auto a = filesOf(QStringLiteral("team/fixture:1"));
    const auto b = filesOf(QStringLiteral("team/fixture:2"));
    ASSERT_TRUE(a && a->ok() && b && b->ok());
    const auto diff = berth::layers::ImageDiff::of(a->value().layerDigests(), *a->value().tree,
                                                   b->value().layerDigests(), *b->value().tree);
    EXPECT_EQ(diff.sharedLayers.size(), 1U);
    EXPECT_EQ(diff.onlyRight.size(), 1U);
    std::set<std::pair<std::string, char>> actual;
    for (const auto &f : diff.files) {
        const char mark = f.kind == berth::layers::DiffKind::Added     ? '+'
                          : f.kind == berth::layers::DiffKind::Removed ? '-'
                                                                       : '~';
        actual.insert({f.path, mark});
    }
    if (::geteuid() != 0)
        GTEST_SKIP() << "umoci --rootless leaves devices out; compared as root only";
    EXPECT_EQ(actual, expected);
    EXPECT_TRUE(actual.count({"usr/bin/tool", '~'}) && actual.count({"etc/passwd", '-'}) &&
                actual.count({"srv/a", '-'}) && actual.count({"opt", '+'}));
}

TEST_F(ImageFilesJobTest, ASavedFolderIsWhatUmociUnpacksThere)
{
    const QString layout = path(QStringLiteral("layout"));
    ASSERT_TRUE(pushFixture(layout, {firstLayer(), secondLayer()})) << m_output.toStdString();
    QStringList unpack{QStringLiteral("unpack"), QStringLiteral("--image"),
                       layout + QStringLiteral(":img"), path(QStringLiteral("bundle"))};
    if (::geteuid() != 0)
        unpack.insert(1, QStringLiteral("--rootless"));
    QString bundleOutput;
    ASSERT_TRUE(oracle::umoci(unpack, bundleOutput)) << bundleOutput.toStdString();
    const auto files = filesOf(QStringLiteral("team/fixture:1"));
    ASSERT_TRUE(files && files->ok());
    for (const QString &folder : {QStringLiteral("/usr"), QStringLiteral("srv")}) {
        const QString saved = path(QStringLiteral("saved-") + folder.section(QLatin1Char('/'), -1));
        const auto summary = berth::test::await(
            new berth::inspect::SaveFolderJob(m_session.get(), files->value(), folder, saved),
            &berth::inspect::SaveFolderJob::finished, 60000);
        ASSERT_TRUE(summary && summary->ok()) << summary->error().message.toStdString();
        const std::string name = folder.section(QLatin1Char('/'), -1).toStdString();
        const auto expected =
            oracle::walkRootfs(QString(path(QStringLiteral("bundle/rootfs/"))).toStdString() + name,
                               false, true, false);
        EXPECT_EQ(oracle::walkRootfs(saved.toStdString(), false, true, false), expected) << name;
    }
    // The destination exists now: a second save there is refused, nothing touched.
    const auto again = berth::test::await(
        new berth::inspect::SaveFolderJob(m_session.get(), files->value(), QStringLiteral("usr"),
                                          path(QStringLiteral("saved-usr"))),
        &berth::inspect::SaveFolderJob::finished, 60000);
    ASSERT_TRUE(again && !again->ok());
    EXPECT_EQ(again->error().kind, ClientErrorKind::InvalidArgument);
}

TEST_F(ImageFilesJobTest, ALayerPastTheLimitIsRefusedInWords)
{
    const QString layout = path(QStringLiteral("layout"));
    ASSERT_TRUE(pushFixture(layout, {firstLayer()})) << m_output.toStdString();
    const auto limited = filesOf(QStringLiteral("team/fixture:1"), cacheIn(QStringLiteral("l")),
                                 {5, std::int64_t{1} << 30});
    ASSERT_TRUE(limited && !limited->ok());
    EXPECT_EQ(limited->error().kind, ClientErrorKind::TooLarge);
    EXPECT_TRUE(limited->error().message.contains(QStringLiteral("more than 5 entries")))
        << limited->error().message.toStdString();
}

} // namespace
