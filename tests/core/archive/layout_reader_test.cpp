// LayoutReader and planImport on hostile input: archives made here entry
// by entry (libarchive) with names that point outside, links (never
// followed), devices, entries twice, truncation and tampering; each is
// refused with the entry named, before anything would be pushed where
// that can be known.
#include "archive/import_plan.h"
#include "archive/layout_reader.h"
#include "archive/layout_writer.h"

#include "oci/digest.h"
#include "support/temp_dir.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace berth::archive {
namespace {

namespace fs = std::filesystem;

struct Image
{
    std::string layer = std::string(50000, 'L') + "end of layer";
    std::string config;
    std::string manifest;
    oci::Digest layerDigest = oci::Digest::sha256Of(layer);
    oci::Digest configDigest = oci::Digest::emptySha256();
    oci::Digest manifestDigest = oci::Digest::emptySha256();
    std::string index;

    Image()
    {
        config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[")" +
                 layerDigest.toString() + R"("]}})";
        configDigest = oci::Digest::sha256Of(config);
        manifest =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
            R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
            configDigest.toString() + R"(","size":)" + std::to_string(config.size()) +
            R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":")" +
            layerDigest.toString() + R"(","size":)" + std::to_string(layer.size()) + "}]}";
        manifestDigest = oci::Digest::sha256Of(manifest);
        index =
            R"({"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
            manifestDigest.toString() + R"(","size":)" + std::to_string(manifest.size()) +
            R"(,"annotations":{"org.opencontainers.image.ref.name":"1.0"}}]})";
    }
    static std::string path(const oci::Digest &d) { return "blobs/sha256/" + d.hex(); }
};

// A tar written entry by entry, hostile ones included.
class TarBuilder
{
public:
    explicit TarBuilder(const fs::path &path, bool gzip = false)
        : m_archive(archive_write_new())
    {
        archive_write_set_format_pax_restricted(m_archive);
        if (gzip)
            archive_write_add_filter_gzip(m_archive);
        archive_write_open_filename(m_archive, path.c_str());
    }
    ~TarBuilder() { close(); }
    TarBuilder(const TarBuilder &) = delete;
    TarBuilder &operator=(const TarBuilder &) = delete;

    TarBuilder &file(const std::string &name, const std::string &bytes)
    {
        entry(name, AE_IFREG, static_cast<la_int64_t>(bytes.size()), nullptr, nullptr);
        archive_write_data(m_archive, bytes.data(), bytes.size());
        return *this;
    }
    TarBuilder &symlink(const std::string &name, const std::string &to)
    {
        entry(name, AE_IFLNK, 0, to.c_str(), nullptr);
        return *this;
    }
    TarBuilder &hardlink(const std::string &name, const char *to)
    {
        entry(name, AE_IFREG, 0, nullptr, to);
        return *this;
    }
    TarBuilder &device(const std::string &name)
    {
        entry(name, AE_IFCHR, 0, nullptr, nullptr);
        return *this;
    }
    TarBuilder &image(const Image &image)
    {
        return file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})")
            .file(Image::path(image.layerDigest), image.layer)
            .file(Image::path(image.configDigest), image.config)
            .file(Image::path(image.manifestDigest), image.manifest)
            .file("index.json", image.index);
    }
    void close()
    {
        if (m_archive) {
            archive_write_close(m_archive);
            archive_write_free(m_archive);
        }
        m_archive = nullptr;
    }

private:
    void entry(const std::string &name, unsigned type, la_int64_t size, const char *symlink,
               const char *hardlink)
    {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_filetype(e, type);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, size);
        if (symlink)
            archive_entry_set_symlink(e, symlink);
        if (hardlink)
            archive_entry_set_hardlink(e, hardlink);
        archive_write_header(m_archive, e);
        archive_entry_free(e);
    }
    struct archive *m_archive;
};

Result<LayoutContents> scanOf(const fs::path &path)
{
    auto reader = LayoutReader::open(path);
    if (!reader.ok())
        return reader.error();
    return (*reader)->scan();
}

// Every blob of the plan read through, as an import does.
Status readAll(const fs::path &path, const ImportPlan &plan, std::string *layerSeen = nullptr)
{
    auto reader = LayoutReader::open(path);
    if (!reader.ok())
        return reader.error();
    std::map<std::string, oci::Digest> wanted;
    for (const auto &blob : plan.blobs)
        wanted.emplace(blob.entry, blob.digest);
    if (Status started = (*reader)->startBlobs(wanted); !started.ok())
        return started;
    for (;;) {
        auto next = (*reader)->nextBlob();
        if (!next.ok())
            return next.error();
        if (!*next)
            return Ok{};
        std::string all;
        for (;;) {
            auto bytes = (*reader)->read(8192);
            if (!bytes.ok())
                return bytes.error();
            if (bytes->empty())
                break;
            all += *bytes;
        }
        if (layerSeen && all.size() > 1000)
            *layerSeen = all;
    }
}

void expectRefused(const Result<LayoutContents> &scanned, const std::string &code,
                   const std::string &said)
{
    ASSERT_FALSE(scanned.ok()) << said;
    EXPECT_EQ(scanned.error().code, code) << scanned.error().message;
    EXPECT_NE(scanned.error().message.find(said), std::string::npos) << scanned.error().message;
}

TEST(LayoutReaderTest, ReadsWhatTheWriterWroteAndPlansItsImport)
{
    test::TempDir dir;
    const Image image;
    for (const auto format : {LayoutFormat::OciArchive, LayoutFormat::OciDirectory}) {
        const fs::path path =
            dir.path() / (format == LayoutFormat::OciArchive ? "image.tar" : "layout");
        {
            auto writer = LayoutWriter::create(path, format);
            ASSERT_TRUE(writer.ok());
            ASSERT_TRUE((*writer)->addBlob(image.layerDigest, image.layer).ok());
            ASSERT_TRUE((*writer)->addBlob(image.configDigest, image.config).ok());
            ASSERT_TRUE((*writer)->addBlob(image.manifestDigest, image.manifest).ok());
            LayoutImage entry;
            entry.manifest.mediaType = "application/vnd.oci.image.manifest.v1+json";
            entry.manifest.digest = image.manifestDigest;
            entry.manifest.size = static_cast<std::int64_t>(image.manifest.size());
            entry.refName = "1.0";
            ASSERT_TRUE((*writer)->commit({entry}).ok());
        }
        const auto contents = scanOf(path);
        ASSERT_TRUE(contents.ok()) << contents.error().message;
        ASSERT_EQ(contents->images.size(), 1u);
        EXPECT_EQ(contents->images[0].refName, "1.0");
        const auto plan = planImport(*contents, "");
        ASSERT_TRUE(plan.ok()) << plan.error().message;
        EXPECT_EQ(plan->image, image.manifestDigest);
        ASSERT_EQ(plan->manifests.size(), 1u);
        EXPECT_EQ(plan->manifests[0].bytes, image.manifest);
        EXPECT_EQ(plan->blobs.size(), 2u);
        std::string layer;
        const Status read = readAll(path, *plan, &layer);
        ASSERT_TRUE(read.ok()) << read.error().message;
        EXPECT_EQ(layer, image.layer);
    }
}

TEST(LayoutReaderTest, ReadsACompressedArchive)
{
    test::TempDir dir;
    const Image image;
    TarBuilder(dir.path() / "image.tar.gz", true).image(image);
    const auto contents = scanOf(dir.path() / "image.tar.gz");
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    const auto plan = planImport(*contents, "1.0");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_TRUE(readAll(dir.path() / "image.tar.gz", *plan).ok());
}

TEST(LayoutReaderTest, EntriesThatPointOutsideOrAreNoFilesAreRefused)
{
    test::TempDir dir;
    const Image image;
    const fs::path tar = dir.path() / "x.tar";
    const auto build = [&tar, &image](auto add) {
        TarBuilder builder(tar);
        add(builder);
        builder.image(image);
    };
    build([](TarBuilder &b) { b.file("../evil", "x"); });
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "'../evil' has a '..' component");
    build([](TarBuilder &b) { b.file("blobs/../../etc/passwd", "x"); });
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "'..' component");
    build([](TarBuilder &b) { b.file("/etc/cron.d/evil", "x"); });
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "'/etc/cron.d/evil' has an absolute path");
    build([](TarBuilder &b) { b.device("dev/zero"); });
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "no regular file");
    build(
        [&image](TarBuilder &b) { b.file("./" + Image::path(image.configDigest), image.config); });
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "appears twice");
}

// Links are aliases in a tar (skopeo writes "<id>/layer.tar" as one):
// passed over, never followed; a blob that is one cannot be used.
TEST(LayoutReaderTest, LinksAreNeverFollowed)
{
    test::TempDir dir;
    const Image image;
    const fs::path tar = dir.path() / "x.tar";
    {
        TarBuilder b(tar);
        b.symlink("aaaa/layer.tar", "../" + Image::path(image.layerDigest)).image(image);
    }
    auto contents = scanOf(tar);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_TRUE(planImport(*contents, "").ok()) << "an alias no one needs is harmless";

    for (const bool hard : {false, true}) {
        {
            TarBuilder b(tar);
            if (hard)
                b.hardlink(Image::path(image.layerDigest), "etc/shadow");
            else
                b.symlink(Image::path(image.layerDigest), "/etc/shadow");
            b.file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})")
                .file(Image::path(image.configDigest), image.config)
                .file(Image::path(image.manifestDigest), image.manifest)
                .file("index.json", image.index);
        }
        contents = scanOf(tar);
        ASSERT_TRUE(contents.ok()) << contents.error().message;
        const auto plan = planImport(*contents, "");
        ASSERT_FALSE(plan.ok()) << (hard ? "hard link" : "symbolic link");
        EXPECT_NE(plan.error().message.find("is a link, not a file"), std::string::npos)
            << plan.error().message;
    }
}

TEST(LayoutReaderTest, TamperedTruncatedOrIncompleteArchivesAreRefused)
{
    test::TempDir dir;
    const fs::path tar = dir.path() / "x.tar";
    Image tampered;
    tampered.config[5] = 'X'; // no longer its digest's bytes
    TarBuilder(tar).image(tampered);
    expectRefused(scanOf(tar), "DIGEST_INVALID", Image::path(tampered.configDigest));

    // A layer that does not match: found while reading it, named.
    Image badLayer;
    badLayer.layer[10] = 'X';
    TarBuilder(tar).image(badLayer);
    auto contents = scanOf(tar);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    auto plan = planImport(*contents, "");
    ASSERT_TRUE(plan.ok());
    const Status read = readAll(tar, *plan);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "DIGEST_INVALID");
    EXPECT_NE(read.error().message.find(Image::path(badLayer.layerDigest)), std::string::npos);

    // Cut in the middle of the layer.
    const Image image;
    TarBuilder(tar).image(image);
    fs::resize_file(tar, 30000);
    contents = scanOf(tar);
    ASSERT_FALSE(contents.ok());
    EXPECT_NE(contents.error().message.find("truncated"), std::string::npos)
        << contents.error().message;

    // A manifest without its layer; a layer of another size.
    {
        TarBuilder b(tar);
        b.file(Image::path(image.configDigest), image.config)
            .file(Image::path(image.manifestDigest), image.manifest)
            .file("index.json", image.index);
    }
    contents = scanOf(tar);
    ASSERT_TRUE(contents.ok());
    plan = planImport(*contents, "");
    ASSERT_FALSE(plan.ok());
    EXPECT_NE(plan.error().message.find("does not hold " + Image::path(image.layerDigest)),
              std::string::npos)
        << plan.error().message;

    {
        TarBuilder b(tar);
        b.file(Image::path(image.layerDigest), image.layer + "more")
            .file(Image::path(image.configDigest), image.config)
            .file(Image::path(image.manifestDigest), image.manifest)
            .file("index.json", image.index);
    }
    contents = scanOf(tar);
    ASSERT_TRUE(contents.ok());
    plan = planImport(*contents, "");
    ASSERT_FALSE(plan.ok());
    EXPECT_NE(plan.error().message.find("holds 50016 bytes"), std::string::npos)
        << plan.error().message;

    TarBuilder(tar).file("index.json", "{\"manifests\": [[[[").close();
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "index.json is not an image index");
    TarBuilder(tar).file("notes.txt", "hello").close();
    expectRefused(scanOf(tar), "ARCHIVE_INVALID", "no index.json");
    std::ofstream(dir.path() / "garbage.tar") << "this is not a tar at all";
    EXPECT_FALSE(scanOf(dir.path() / "garbage.tar").ok());
}

TEST(LayoutReaderTest, ARefNameChoosesTheImageAndSeveralNeedOne)
{
    test::TempDir dir;
    const Image image;
    std::string index = image.index;
    const std::string second =
        index.substr(index.find("{\"mediaType\""), index.rfind(']') - index.find("{\"mediaType\""));
    std::string two = index;
    std::string renamed = second;
    renamed.replace(renamed.find("\"1.0\""), 5, "\"2.0\"");
    two.insert(two.rfind(']'), "," + renamed);
    {
        TarBuilder b(dir.path() / "two.tar");
        b.file(Image::path(image.layerDigest), image.layer)
            .file(Image::path(image.configDigest), image.config)
            .file(Image::path(image.manifestDigest), image.manifest)
            .file("index.json", two);
    }
    const auto contents = scanOf(dir.path() / "two.tar");
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    const auto ambiguous = planImport(*contents, "");
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_EQ(ambiguous.error().code, "AMBIGUOUS");
    EXPECT_NE(ambiguous.error().message.find("1.0, 2.0"), std::string::npos);
    EXPECT_TRUE(planImport(*contents, "2.0").ok());
    const auto unknown = planImport(*contents, "3.0");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "NOT_FOUND");
}

TEST(LayoutReaderTest, ADirectoryWithASymlinkedBlobIsRefused)
{
    test::TempDir dir;
    const Image image;
    const fs::path layout = dir.path() / "layout";
    fs::create_directories(layout / "blobs" / "sha256");
    const auto put = [&layout](const std::string &name, const std::string &bytes) {
        std::ofstream(layout / name, std::ios::binary) << bytes;
    };
    put("index.json", image.index);
    put(Image::path(image.configDigest), image.config);
    put(Image::path(image.manifestDigest), image.manifest);
    std::ofstream(dir.path() / "outside", std::ios::binary) << image.layer;
    fs::create_symlink(dir.path() / "outside", layout / Image::path(image.layerDigest));
    const auto contents = scanOf(layout);
    ASSERT_FALSE(contents.ok());
    EXPECT_NE(contents.error().message.find("symbolic link"), std::string::npos)
        << contents.error().message;
}

} // namespace
} // namespace berth::archive

namespace berth::archive {
namespace {

// docker save's older form: manifest.json names the configuration and the
// layers by path; those paths are checked like every entry name, the
// configuration against its "<id>.json" name, the layers against the
// configuration's diff IDs as they are read.
TEST(LayoutReaderTest, ADockerSaveArchiveIsPlannedFromItsManifestJson)
{
    test::TempDir dir;
    const Image image;
    const std::string id = image.configDigest.hex();
    const std::string layer = "aaaa/layer.tar";
    const auto saved = [&](const std::string &config, const std::string &layerPath) {
        return R"([{"Config":")" + config + R"(","RepoTags":["team/app:v1"],"Layers":[")" +
               layerPath + R"("]}])";
    };
    const fs::path tar = dir.path() / "saved.tar";
    {
        TarBuilder b(tar);
        b.file(layer, image.layer).file(id + ".json", image.config);
        b.file("manifest.json", saved(id + ".json", layer));
    }
    auto contents = scanOf(tar);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    const auto plan = planImport(*contents, "");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan->refName, "v1");
    EXPECT_EQ(plan->imageName, "team/app:v1");
    ASSERT_EQ(plan->blobs.size(), 2u);
    EXPECT_EQ(plan->blobs[1].digest, image.layerDigest) << "the layer under its diff ID";
    EXPECT_EQ(plan->blobs[1].entry, layer);
    ASSERT_EQ(plan->manifests.size(), 1u);
    EXPECT_EQ(oci::Digest::sha256Of(plan->manifests[0].bytes), plan->image);
    std::string seen;
    const Status read = readAll(tar, *plan, &seen);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(seen, image.layer);

    {
        TarBuilder b(tar);
        b.file(layer, image.layer).file(id + ".json", image.config);
        b.file("manifest.json", saved(id + ".json", "../" + layer));
    }
    contents = scanOf(tar);
    ASSERT_TRUE(contents.ok());
    auto refused = planImport(*contents, "");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("'..' component"), std::string::npos)
        << refused.error().message;

    const std::string wrongId(64, 'a');
    {
        TarBuilder b(tar);
        b.file(layer, image.layer).file(wrongId + ".json", image.config);
        b.file("manifest.json", saved(wrongId + ".json", layer));
    }
    contents = scanOf(tar);
    ASSERT_TRUE(contents.ok());
    refused = planImport(*contents, "");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("does not match its name"), std::string::npos)
        << refused.error().message;

    {
        TarBuilder b(tar);
        b.file(id + ".json", image.config);
        b.file("manifest.json", saved(id + ".json", layer));
    }
    contents = scanOf(tar);
    ASSERT_TRUE(contents.ok());
    refused = planImport(*contents, "");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("does not hold " + layer), std::string::npos)
        << refused.error().message;

    {
        TarBuilder b(tar);
        b.file(layer, image.layer + "x").file(id + ".json", image.config);
        b.file("manifest.json", saved(id + ".json", layer));
    }
    contents = scanOf(tar);
    ASSERT_TRUE(contents.ok());
    const auto tampered = planImport(*contents, "");
    ASSERT_TRUE(tampered.ok());
    const Status wrong = readAll(tar, *tampered);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "DIGEST_INVALID");
    EXPECT_NE(wrong.error().message.find(layer), std::string::npos) << wrong.error().message;
}

} // namespace
} // namespace berth::archive

namespace berth::archive {
namespace {

// Review mends: a referrer's tag goes into a URL, so only a valid tag
// counts; a named pipe in a layout folder does not hold the reader; one
// docker save layer file cannot stand for two layers.
TEST(LayoutReaderTest, HostileNamesPipesAndAliasesAreRefused)
{
    test::TempDir dir;
    const Image image;
    // A second manifest of the same image (an annotation apart), listed under
    // a "signature" tag that climbs out of the repository, and under a good one.
    std::string other = image.manifest;
    other.insert(other.size() - 1, R"(,"annotations":{"x":"y"})");
    const oci::Digest otherDigest = oci::Digest::sha256Of(other);
    const auto entry = [&](const std::string &name) {
        return R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
               otherDigest.toString() + R"(","size":)" + std::to_string(other.size()) +
               R"(,"annotations":{"org.opencontainers.image.ref.name":")" + name + R"("}})";
    };
    const std::string sig = "sha256-" + image.manifestDigest.hex() + ".sig";
    for (const auto &[name, counted] :
         {std::pair{sig + "/../../other/manifests/latest", false}, std::pair{sig, true}}) {
        std::string index = image.index;
        index.insert(index.rfind(']'), "," + entry(name));
        {
            TarBuilder b(dir.path() / "x.tar");
            b.file(Image::path(image.layerDigest), image.layer)
                .file(Image::path(image.configDigest), image.config)
                .file(Image::path(image.manifestDigest), image.manifest)
                .file(Image::path(otherDigest), other)
                .file("index.json", index);
        }
        const auto contents = scanOf(dir.path() / "x.tar");
        ASSERT_TRUE(contents.ok()) << contents.error().message;
        const auto plan = planImport(*contents, "1.0");
        ASSERT_TRUE(plan.ok()) << plan.error().message;
        EXPECT_EQ(plan->referrers, counted ? 1 : 0) << name;
        for (const auto &m : plan->manifests)
            EXPECT_TRUE(m.tag.empty() || m.tag == sig) << m.tag;
    }

    const fs::path layout = dir.path() / "layout";
    fs::create_directories(layout / "blobs" / "sha256");
    ASSERT_EQ(::mkfifo((layout / "index.json").c_str(), 0644), 0);
    const auto piped = scanOf(layout);
    ASSERT_FALSE(piped.ok());
    EXPECT_NE(piped.error().message.find("no regular file"), std::string::npos)
        << piped.error().message;

    std::string twoLayers = image.config;
    twoLayers.replace(twoLayers.find(R"("]})"), 3,
                      R"(",")" + oci::Digest::sha256Of("other").toString() + R"("]})");
    const std::string twoId = oci::Digest::sha256Of(twoLayers).hex();
    {
        TarBuilder b(dir.path() / "saved.tar");
        b.file("aaaa/layer.tar", image.layer).file(twoId + ".json", twoLayers);
        b.file("manifest.json",
               R"([{"Config":")" + twoId +
                   R"(.json","RepoTags":["a:1"],"Layers":["aaaa/layer.tar","aaaa/layer.tar"]}])");
    }
    const auto saved = scanOf(dir.path() / "saved.tar");
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    const auto aliased = planImport(*saved, "");
    ASSERT_FALSE(aliased.ok());
    EXPECT_NE(aliased.error().message.find("for two different layers"), std::string::npos)
        << aliased.error().message;
}

TEST(LayoutWriterTest, OneWriterAtATimeInALayoutFolder)
{
    test::TempDir dir;
    auto first = LayoutWriter::create(dir.path() / "layout", LayoutFormat::OciDirectory);
    ASSERT_TRUE(first.ok()) << first.error().message;
    const auto second = LayoutWriter::create(dir.path() / "layout", LayoutFormat::OciDirectory);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, "BUSY");
    first->reset(); // stopped before its commit: the folder is a layout, empty
    const auto again = LayoutWriter::create(dir.path() / "layout", LayoutFormat::OciDirectory);
    EXPECT_TRUE(again.ok()) << again.error().message;
}

} // namespace
} // namespace berth::archive
