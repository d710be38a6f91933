// LayoutWriter against skopeo, the reader every other tool agrees with:
// what Berth writes as oci, oci-archive and docker-archive must read back
// byte for byte, and a blob that does not match leaves nothing behind.
#include "archive/layout_json.h"
#include "archive/layout_writer.h"

#include "oci/digest.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace berth::archive {
namespace {

namespace fs = std::filesystem;

struct TinyImage
{
    std::string layer;
    std::string config;
    std::string manifest;
    oci::Digest layerDigest = oci::Digest::emptySha256();
    oci::Digest configDigest = oci::Digest::emptySha256();
    oci::Digest manifestDigest = oci::Digest::emptySha256();
};

TinyImage tinyImage(const std::string &seed)
{
    TinyImage image;
    image.layer = "layer bytes of " + seed + std::string(70000, 'x');
    image.layerDigest = oci::Digest::sha256Of(image.layer);
    image.config =
        R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[")" +
        image.layerDigest.toString() + R"("]},"config":{}})";
    image.configDigest = oci::Digest::sha256Of(image.config);
    image.manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        image.configDigest.toString() + R"(","size":)" + std::to_string(image.config.size()) +
        R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":")" +
        image.layerDigest.toString() + R"(","size":)" + std::to_string(image.layer.size()) + "}]}";
    image.manifestDigest = oci::Digest::sha256Of(image.manifest);
    return image;
}

LayoutImage entryFor(const TinyImage &image, const std::string &tag)
{
    LayoutImage entry;
    entry.manifest.mediaType = "application/vnd.oci.image.manifest.v1+json";
    entry.manifest.digest = image.manifestDigest;
    entry.manifest.size = static_cast<std::int64_t>(image.manifest.size());
    entry.refName = tag;
    entry.imageName = "localhost:5000/app:" + tag;
    entry.config = image.configDigest;
    entry.layers = {image.layerDigest};
    return entry;
}

void writeImage(LayoutWriter &writer, const TinyImage &image)
{
    ASSERT_TRUE(
        writer.beginBlob(image.layerDigest, static_cast<std::int64_t>(image.layer.size())).ok());
    // In pieces, as a download arrives.
    for (std::size_t at = 0; at < image.layer.size(); at += 4096)
        ASSERT_TRUE(writer.write(std::string_view(image.layer).substr(at, 4096)).ok());
    ASSERT_TRUE(writer.endBlob().ok());
    ASSERT_TRUE(writer.addBlob(image.configDigest, image.config).ok());
    ASSERT_TRUE(writer.addBlob(image.manifestDigest, image.manifest).ok());
}

// Runs a command; its standard output, or nullopt when it failed.
std::optional<std::string> run(const std::string &command, const fs::path &scratch)
{
    const fs::path out = scratch / "stdout";
    if (std::system(
            (command + " > " + out.string() + " 2>" + (scratch / "stderr").string()).c_str()) != 0)
        return std::nullopt;
    std::ifstream in(out, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int filesIn(const fs::path &folder)
{
    int n = 0;
    for (const auto &entry : fs::directory_iterator(folder)) {
        (void)entry;
        ++n;
    }
    return n;
}

TEST(LayoutWriterTest, SkopeoReadsTheOciDirectoryByteForByte)
{
    test::TempDir dir;
    const TinyImage image = tinyImage("a");
    {
        auto writer = LayoutWriter::create(dir.path() / "layout", LayoutFormat::OciDirectory);
        ASSERT_TRUE(writer.ok()) << writer.error().message;
        writeImage(**writer, image);
        ASSERT_TRUE((*writer)->commit({entryFor(image, "1.0")}).ok());
    }
    const auto raw =
        run("skopeo inspect --raw oci:" + (dir.path() / "layout").string() + ":1.0", dir.path());
    ASSERT_TRUE(raw) << readFile(dir.path() / "stderr");
    EXPECT_EQ(*raw, image.manifest);
    // A full copy reads (and verifies) every blob.
    ASSERT_TRUE(run("skopeo copy -q oci:" + (dir.path() / "layout").string() +
                        ":1.0 dir:" + (dir.path() / "copy").string(),
                    dir.path()))
        << readFile(dir.path() / "stderr");
    EXPECT_EQ(readFile(dir.path() / "copy" / image.layerDigest.hex()), image.layer);
}

TEST(LayoutWriterTest, SkopeoReadsTheOciArchiveByteForByte)
{
    test::TempDir dir;
    const TinyImage image = tinyImage("b");
    const fs::path tar = dir.path() / "image.tar";
    {
        auto writer = LayoutWriter::create(tar, LayoutFormat::OciArchive);
        ASSERT_TRUE(writer.ok()) << writer.error().message;
        writeImage(**writer, image);
        EXPECT_FALSE(fs::exists(tar)) << "the archive appears only when it is whole";
        ASSERT_TRUE((*writer)->commit({entryFor(image, "1.0")}).ok());
    }
    EXPECT_EQ(filesIn(dir.path()), 1) << "no temporary file stays";
    const auto raw = run("skopeo inspect --raw oci-archive:" + tar.string() + ":1.0", dir.path());
    ASSERT_TRUE(raw) << readFile(dir.path() / "stderr");
    EXPECT_EQ(*raw, image.manifest);
    ASSERT_TRUE(run("skopeo copy -q oci-archive:" + tar.string() +
                        ":1.0 dir:" + (dir.path() / "copy").string(),
                    dir.path()))
        << readFile(dir.path() / "stderr");
    EXPECT_EQ(readFile(dir.path() / "copy" / image.layerDigest.hex()), image.layer);
}

TEST(LayoutWriterTest, SkopeoLoadsTheDockerArchiveWithItsConfigAndName)
{
    test::TempDir dir;
    const TinyImage image = tinyImage("c");
    const fs::path tar = dir.path() / "image.tar";
    {
        auto writer = LayoutWriter::create(tar, LayoutFormat::DockerArchive);
        ASSERT_TRUE(writer.ok()) << writer.error().message;
        writeImage(**writer, image);
        ASSERT_TRUE((*writer)->commit({entryFor(image, "1.0")}).ok());
    }
    const auto config =
        run("skopeo inspect --config --raw docker-archive:" + tar.string(), dir.path());
    ASSERT_TRUE(config) << readFile(dir.path() / "stderr");
    EXPECT_EQ(*config, image.config);
    const auto named = run("skopeo inspect --config --raw docker-archive:" + tar.string() +
                               ":localhost:5000/app:1.0",
                           dir.path());
    ASSERT_TRUE(named) << readFile(dir.path() / "stderr");
    ASSERT_TRUE(run("skopeo copy -q docker-archive:" + tar.string() +
                        " dir:" + (dir.path() / "copy").string(),
                    dir.path()))
        << readFile(dir.path() / "stderr");
    EXPECT_EQ(readFile(dir.path() / "copy" / image.layerDigest.hex()), image.layer);
}

TEST(LayoutWriterTest, ABlobThatDoesNotMatchItsDigestLeavesNoArchive)
{
    test::TempDir dir;
    const TinyImage image = tinyImage("d");
    const fs::path tar = dir.path() / "image.tar";
    {
        auto writer = LayoutWriter::create(tar, LayoutFormat::OciArchive);
        ASSERT_TRUE(writer.ok());
        ASSERT_TRUE(
            (*writer)
                ->beginBlob(image.layerDigest, static_cast<std::int64_t>(image.layer.size()))
                .ok());
        std::string tampered = image.layer;
        tampered[100] ^= 1;
        ASSERT_TRUE((*writer)->write(tampered).ok());
        const Status ended = (*writer)->endBlob();
        ASSERT_FALSE(ended.ok());
        EXPECT_EQ(ended.error().code, "DIGEST_INVALID");
        EXPECT_NE(ended.error().message.find(image.layerDigest.toString()), std::string::npos);
        EXPECT_FALSE((*writer)->addBlob(image.configDigest, image.config).ok())
            << "a spoilt tar takes nothing more";
        EXPECT_FALSE((*writer)->commit({}).ok());
    }
    EXPECT_EQ(filesIn(dir.path()), 0) << "nothing at the path, no temporary file";
}

TEST(LayoutWriterTest, ABlobLongerOrShorterThanItsSizeIsRefused)
{
    test::TempDir dir;
    const TinyImage image = tinyImage("e");
    auto writer = LayoutWriter::create(dir.path() / "layout", LayoutFormat::OciDirectory);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->beginBlob(image.configDigest, 10).ok());
    const Status written = (*writer)->write(image.config);
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, "SIZE_INVALID");
    EXPECT_EQ(filesIn(dir.path() / "layout" / "blobs" / "sha256"), 0);

    auto again = LayoutWriter::create(dir.path() / "other", LayoutFormat::OciDirectory);
    ASSERT_TRUE(again.ok());
    ASSERT_TRUE((*again)->beginBlob(image.configDigest, 1000).ok());
    ASSERT_TRUE((*again)->write(image.config).ok());
    const Status ended = (*again)->endBlob();
    ASSERT_FALSE(ended.ok());
    EXPECT_EQ(ended.error().code, "SIZE_INVALID");
    EXPECT_EQ(filesIn(dir.path() / "other" / "blobs" / "sha256"), 0);
}

TEST(LayoutWriterTest, AFolderThatIsNoLayoutIsLeftAlone)
{
    test::TempDir dir;
    std::ofstream(dir.path() / "notes.txt") << "mine";
    auto writer = LayoutWriter::create(dir.path(), LayoutFormat::OciDirectory);
    ASSERT_FALSE(writer.ok());
    EXPECT_EQ(writer.error().code, "LAYOUT_INVALID");
    EXPECT_EQ(filesIn(dir.path()), 1);
    auto onFile = LayoutWriter::create(dir.path() / "notes.txt", LayoutFormat::OciDirectory);
    EXPECT_FALSE(onFile.ok());
    auto tarOnFolder = LayoutWriter::create(dir.path(), LayoutFormat::OciArchive);
    EXPECT_FALSE(tarOnFolder.ok());
}

TEST(LayoutWriterTest, ALayoutKeepsItsImagesAndReplacesOneOfTheSameName)
{
    test::TempDir dir;
    const fs::path layout = dir.path() / "layout";
    const TinyImage a = tinyImage("a");
    const TinyImage b = tinyImage("b");
    const TinyImage c = tinyImage("c");
    const auto writeOne = [&layout](const TinyImage &image, const std::string &tag) {
        auto writer = LayoutWriter::create(layout, LayoutFormat::OciDirectory);
        ASSERT_TRUE(writer.ok()) << writer.error().message;
        if (!(*writer)->has(image.manifestDigest))
            writeImage(**writer, image);
        ASSERT_TRUE((*writer)->commit({entryFor(image, tag)}).ok());
    };
    writeOne(a, "one");
    writeOne(b, "two");
    writeOne(c, "one"); // "one" now names c
    for (const auto &[tag, image] : {std::pair{"one", &c}, std::pair{"two", &b}}) {
        const auto raw = run("skopeo inspect --raw oci:" + layout.string() + ":" + tag, dir.path());
        ASSERT_TRUE(raw) << readFile(dir.path() / "stderr");
        EXPECT_EQ(*raw, image->manifest) << tag;
    }
    const std::string index = readFile(layout / "index.json");
    EXPECT_EQ(index.find(a.manifestDigest.toString()), std::string::npos) << index;
}

} // namespace
} // namespace berth::archive

namespace berth::archive {
namespace {

TEST(LayoutWriterTest, AnArchiveThatExistsIsReplacedOnlyWhenAsked)
{
    test::TempDir dir;
    const fs::path tar = dir.path() / "image.tar";
    std::ofstream(tar) << "someone's file";
    const auto refused = LayoutWriter::create(tar, LayoutFormat::OciArchive);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "EXISTS");
    EXPECT_EQ(readFile(tar), "someone's file");
    const TinyImage image = tinyImage("f");
    {
        auto writer = LayoutWriter::create(tar, LayoutFormat::OciArchive, true);
        ASSERT_TRUE(writer.ok()) << writer.error().message;
        writeImage(**writer, image);
        EXPECT_EQ(readFile(tar), "someone's file") << "until the new one is whole";
        ASSERT_TRUE((*writer)->commit({entryFor(image, "1.0")}).ok());
    }
    EXPECT_NE(readFile(tar), "someone's file");
}

} // namespace
} // namespace berth::archive
