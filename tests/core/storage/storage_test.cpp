// core/storage on stores written directly: layout, GC semantics (including
// what distribution 2.8 gets wrong), the inspector, and hostile stores.
#include "store_writer.h"

#include "storage/demo_images.h"
#include "storage/file_io.h"
#include "storage/garbage_collector.h"
#include "storage/inspector.h"
#include "storage/registry_store.h"
#include "storage/registry_writer.h"
#include "storage/store_lock.h"
#include "storage/upload_file_writer.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

namespace fs = std::filesystem;
using namespace berth;
using berth::test::StoreWriter;

namespace {

using berth::test::TempDir;

std::set<std::string> digests(const std::vector<storage::BlobEntry> &blobs)
{
    std::set<std::string> out;
    for (const auto &b : blobs)
        out.insert(b.digest.toString());
    return out;
}

} // namespace

TEST(RegistryStore, CatalogOrderIsComponentWiseByteOrder)
{
    TempDir dir;
    StoreWriter w(dir.path());
    const auto layer = w.blob("layer");
    for (const char *repo : {"a-c", "a", "a/b", "b", "a/b/c", "z9"})
        w.image(repo, {layer}, std::string("{\"repo\":\"") + repo + "\"}");
    storage::RegistryStore store(dir.path());
    EXPECT_EQ(store.repositories(),
              (std::vector<std::string>{"a", "a/b", "a/b/c", "a-c", "b", "z9"}));
}

TEST(GarbageCollector, DryRunListsUnreferencedBlobsAndKeepsEverythingReferenced)
{
    TempDir dir;
    StoreWriter w(dir.path());
    const auto shared = w.blob("shared layer");
    const auto own = w.blob("own layer");
    const auto keep = w.image("app", {shared, own}, R"({"n":1})");
    w.tag("app", "v1", keep);
    const auto orphan = w.blob("nobody references me");
    storage::GarbageCollector gc(dir.path());
    auto report = gc.run({});
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(digests(report->blobsToDelete), std::set<std::string>{orphan.toString()});
    EXPECT_EQ(report->bytesToReclaim, std::string("nobody references me").size());
    EXPECT_TRUE(fs::exists(w.layout().blobDataPath(orphan))) << "dry run deleted something";
    EXPECT_NE(report->toText().find("blob eligible for deletion: " + orphan.toString()),
              std::string::npos);
}

TEST(GarbageCollector, DeleteUntaggedKeepsPlatformsOfTaggedIndexAndReferrers)
{
    TempDir dir;
    StoreWriter w(dir.path());
    const auto amd = w.image("multi", {w.blob("amd64 layer")}, R"({"architecture":"amd64"})");
    const auto arm = w.image("multi", {w.blob("arm64 layer")}, R"({"architecture":"arm64"})");
    const auto index = w.index("multi", {amd, arm});
    w.tag("multi", "latest", index);
    // A signature whose subject is the (kept) index, and an untagged leftover.
    const auto signature =
        w.image("multi", {w.blob("signature payload")}, R"({"sig":1})", index.toString());
    const auto leftoverLayer = w.blob("old layer");
    const auto leftover = w.image("multi", {leftoverLayer}, R"({"old":1})");

    storage::GarbageCollector gc(dir.path());
    storage::GcOptions options;
    options.deleteUntagged = true;
    auto report = gc.run(options);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_EQ(report->manifestsToDelete.size(), 1u);
    EXPECT_EQ(report->manifestsToDelete[0].digest, leftover);
    const auto eligible = digests(report->blobsToDelete);
    EXPECT_TRUE(eligible.count(leftover.toString()));
    EXPECT_TRUE(eligible.count(leftoverLayer.toString()));
    for (const auto &kept : {amd, arm, index, signature})
        EXPECT_FALSE(eligible.count(kept.toString())) << kept.toString();

    // Real run: the leftover goes, with its revision link and _layers link.
    options.dryRun = false;
    ASSERT_TRUE(gc.run(options).ok());
    EXPECT_FALSE(fs::exists(w.layout().blobDataPath(leftoverLayer)));
    EXPECT_FALSE(fs::exists(*w.layout().revisionLinkPath("multi", leftover)));
    EXPECT_FALSE(fs::exists(*w.layout().layerLinkPath("multi", leftoverLayer)));
    EXPECT_TRUE(fs::exists(w.layout().blobDataPath(amd)));
    EXPECT_TRUE(fs::exists(w.layout().blobDataPath(signature)));
    // Nothing left to do.
    auto again = gc.run({});
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->blobsToDelete.empty());
}

TEST(GarbageCollector, NeverDeletesOnUncertainty)
{
    TempDir dir;
    StoreWriter w(dir.path());
    const auto layer = w.blob("layer of a manifest that will be damaged");
    w.layerLink("broken", layer);
    // A 0-byte manifest and one that is not JSON: their references are unknown.
    const auto empty = w.blob("");
    w.revision("broken", empty);
    w.tag("broken", "t", empty);
    const auto garbage = w.blob("{not json");
    w.revision("broken", garbage);
    storage::GarbageCollector gc(dir.path());
    storage::GcOptions options;
    options.deleteUntagged = true;
    auto report = gc.run(options);
    ASSERT_TRUE(report.ok());
    const auto eligible = digests(report->blobsToDelete);
    EXPECT_FALSE(eligible.count(layer.toString()))
        << "a blob the repository links was offered for deletion";
    EXPECT_FALSE(eligible.count(garbage.toString()));
    EXPECT_TRUE(report->manifestsToDelete.empty());
    EXPECT_FALSE(report->problems.empty());
}

TEST(GarbageCollector, RefusesWhileARegistryHoldsTheLock)
{
    TempDir dir;
    StoreWriter w(dir.path());
    w.image("app", {w.blob("x")}, "{}");
    auto serving = storage::StoreLock::tryAcquire(dir.path(), storage::StoreLock::Mode::Shared);
    ASSERT_TRUE(serving.ok());
    storage::GarbageCollector gc(dir.path());
    auto refused = gc.run({});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "LOCKED");
    EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
    storage::GcOptions force;
    force.force = true;
    EXPECT_TRUE(gc.run(force).ok());
}

TEST(HostileStore, EveryDamageIsReportedPerItemAndNothingOutsideIsTouched)
{
    TempDir dir;
    TempDir outside;
    StoreWriter w(dir.path());
    const auto layer = w.blob("good layer");
    const auto good = w.image("good", {layer}, "{}");
    w.tag("good", "v1", good);
    const fs::path repos = w.layout().repositoriesDir();
    // Malformed link files, a link to a missing blob, unknown algorithm, bad names.
    fs::create_directories(repos / "bad" / "_manifests" / "tags" / "t1" / "current");
    std::ofstream(repos / "bad" / "_manifests" / "tags" / "t1" / "current" / "link")
        << "sha256:nothex";
    fs::create_directories(repos / "bad" / "_manifests" / "tags" / "t2" / "current");
    std::ofstream(repos / "bad" / "_manifests" / "tags" / "t2" / "current" / "link")
        << "sha256:" << std::string(64, 'e');
    fs::create_directories(repos / "bad" / "_manifests" / "revisions" / "md5" / "abc");
    fs::create_directories(repos / "Bad-Name" / "_manifests");
    // A blob folder without data, a blob under a wrong prefix.
    fs::create_directories(w.layout().blobsDir() / "sha256" / "ab" / ("ab" + std::string(62, '0')));
    fs::create_directories(w.layout().blobsDir() / "sha256" / "zz" / std::string(64, 'f'));
    // Symlinks pointing outside the root: a repository and a blob.
    const fs::path precious = outside.path() / "precious";
    fs::create_directories(precious / "_manifests");
    std::ofstream(precious / "keep.txt") << "must survive";
    fs::create_symlink(precious, repos / "escape");
    const oci::Digest outsideDigest = oci::Digest::sha256Of("outside");
    fs::create_directories(w.layout().blobDir(outsideDigest));
    std::ofstream(outside.path() / "blobdata") << "outside";
    fs::create_symlink(outside.path() / "blobdata", w.layout().blobDataPath(outsideDigest));

    // A repository whose _manifests is a symlink to a folder outside the
    // root with a revision in it: never read, never deleted through.
    fs::create_directories(repos / "sneaky" / "_layers");
    const fs::path outsideManifests = outside.path() / "manifests";
    const fs::path outsideRevision =
        outsideManifests / "revisions" / "sha256" / good.hex() / "link";
    fs::create_directories(outsideRevision.parent_path());
    std::ofstream(outsideRevision) << good.toString();
    fs::create_symlink(outsideManifests, repos / "sneaky" / "_manifests");
    // A hand-edited link with a trailing newline: read, but reported
    // (distribution refuses such links).
    const auto edited = w.image("edited", {layer}, "{\"edited\":true}");
    w.tag("edited", "v1", edited);
    std::ofstream(repos / "edited" / "_manifests" / "tags" / "v1" / "current" / "link",
                  std::ios::trunc)
        << edited.toString() << "\n";

    storage::Inspector inspector(dir.path());
    auto inspected = inspector.run({true});
    ASSERT_TRUE(inspected.ok()) << inspected.error().message;
    std::string all;
    for (const auto &p : inspected->problems)
        all += p.path + ": " + p.message + "\n";
    for (const auto &p : inspected->danglingLinks)
        all += p.path + ": " + p.message + "\n";
    // What a write cut short leaves is listed apart, as harmless.
    std::string leftovers;
    for (const auto &p : inspected->leftovers)
        leftovers += p.path + ": " + p.message + "\n";
    EXPECT_NE(leftovers.find("without a data file"), std::string::npos) << leftovers;
    EXPECT_EQ(all.find("without a data file"), std::string::npos) << all;
    for (const char *expected : {"malformed link", "missing manifest", "unknown digest algorithm",
                                 "not a valid repository name", "not a blob digest",
                                 "symbolic link", "ends with a newline"}) {
        EXPECT_NE(all.find(expected), std::string::npos) << "missing report: " << expected << "\n"
                                                         << all;
    }
    ASSERT_EQ(inspected->repositories.size(), 4u) << all; // bad, edited, good, sneaky
    EXPECT_TRUE(inspected->corruptBlobs.empty());

    storage::GarbageCollector gc(dir.path());
    storage::GcOptions options;
    options.dryRun = false;
    options.deleteUntagged = true;
    auto report = gc.run(options);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(fs::exists(precious / "keep.txt"));
    EXPECT_TRUE(fs::exists(outside.path() / "blobdata"));
    EXPECT_TRUE(fs::exists(outsideRevision));
    EXPECT_TRUE(fs::exists(w.layout().blobDataPath(layer)));
    EXPECT_TRUE(fs::exists(w.layout().blobDataPath(good)));
    EXPECT_TRUE(fs::exists(w.layout().blobDataPath(edited)));
}

TEST(Inspector, ExclusiveAndSharedBytesOrphansAndCorruption)
{
    TempDir dir;
    StoreWriter w(dir.path());
    const auto shared = w.blob(std::string(1000, 's'));
    const auto onlyA = w.blob(std::string(300, 'a'));
    const auto a = w.image("team/a", {shared, onlyA}, "{\"a\":1}");
    w.tag("team/a", "v1", a);
    const auto b = w.image("team/b", {shared}, "{\"b\":1}");
    w.tag("team/b", "v1", b);
    const auto orphan = w.blob(std::string(50, 'o'));
    // Corrupt onlyA on disk.
    std::ofstream(w.layout().blobDataPath(onlyA), std::ios::trunc) << std::string(300, 'X');

    storage::Inspector inspector(dir.path());
    auto report = inspector.run({true});
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->repositories.size(), 2u);
    const auto &first = report->repositories[0];
    EXPECT_EQ(first.name, "team/a"); // largest exclusive first
    EXPECT_EQ(first.sharedBytes, 1000u);
    EXPECT_EQ(first.exclusiveBytes, 300u + w.sizeOf(a) + std::string("{\"a\":1}").size());
    EXPECT_EQ(report->orphanBlobs.size(), 1u);
    EXPECT_EQ(report->orphanBlobs[0].digest, orphan);
    ASSERT_EQ(report->corruptBlobs.size(), 1u);
    EXPECT_EQ(report->corruptBlobs[0].digest, onlyA);
    EXPECT_NE(report->toJson().find("\"corruptBlobs\""), std::string::npos);
}

TEST(FileIo, LinksAreExactAndAtomicWritesLeaveNoTemporaries)
{
    TempDir dir;
    const auto d = oci::Digest::sha256Of("x");
    ASSERT_TRUE(storage::writeLink(dir.path() / "a" / "link", d).ok());
    std::ifstream in(dir.path() / "a" / "link");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, d.toString()); // no newline
    EXPECT_EQ(*storage::readLink(dir.path() / "a" / "link"), d);
    std::size_t files = 0;
    for (const auto &e : fs::directory_iterator(dir.path() / "a")) {
        (void)e;
        ++files;
    }
    EXPECT_EQ(files, 1u);
    std::ofstream(dir.path() / "a" / "bad") << "sha256:" << std::string(64, 'a') << "\n\n";
    EXPECT_FALSE(storage::readLink(dir.path() / "a" / "bad").ok());
    std::ofstream(dir.path() / "a" / "huge") << std::string(100000, 'a');
    EXPECT_FALSE(storage::readLink(dir.path() / "a" / "huge").ok());
}

TEST(RegistryWriter, VerifiesDigestsAndStoresNothingBad)
{
    TempDir dir;
    storage::RegistryWriter writer(dir.path());
    storage::RegistryStore store(dir.path());
    const std::string content = "layer bytes";
    const auto digest = oci::Digest::sha256Of(content);
    const auto wrong = writer.putBlob("app", content, oci::Digest::sha256Of("something else"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "DIGEST_INVALID");
    EXPECT_TRUE(store.blobs().empty());
    EXPECT_TRUE(store.uploads("app").empty()) << "a failed upload left its folder";

    ASSERT_TRUE(writer.putBlob("app", content, digest).ok());
    EXPECT_EQ(store.blobSize(digest).value_or(0), content.size());
    EXPECT_EQ(store.layerLinks("app"), std::vector<oci::Digest>{digest});
    // Same content again: deduplicated, still fine.
    ASSERT_TRUE(writer.putBlob("other", content, digest).ok());
    EXPECT_EQ(store.blobs().size(), 1u);

    for (const char *bad : {"../escape", "UPPER", "a//b", ""})
        EXPECT_FALSE(writer.putBlob(bad, content, digest).ok()) << bad;
    EXPECT_FALSE(writer.uploadDataPath("app", "../../../../etc/passwd").ok());
    EXPECT_FALSE(writer.tag("app", "..", digest).ok());
    EXPECT_FALSE(writer.mountBlob("app", oci::Digest::sha256Of("never stored")).ok());
}

TEST(RegistryWriter, AStreamedHashIsTrustedOnlyForTheBytesItCovered)
{
    TempDir dir;
    storage::RegistryWriter writer(dir.path());
    storage::RegistryStore store(dir.path());
    const std::string claimed = "the whole layer";
    const auto digest = oci::Digest::sha256Of(claimed);
    const storage::RegistryWriter::StreamedHash streamed{digest, claimed.size()};
    // An upload session whose file holds `bytes`.
    const auto staged = [&](const std::string &bytes) {
        auto uuid = writer.startUpload("app");
        EXPECT_TRUE(uuid.ok());
        auto data = writer.uploadDataPath("app", uuid.value());
        EXPECT_TRUE(data.ok() && storage::writeFileAtomically(data.value(), bytes).ok());
        return uuid.value();
    };

    // A writer that lost its last write still holds the hash of every byte
    // it was given; the file holds fewer. That hash must not vouch for it.
    const auto shorter = writer.commitUpload("app", staged("the whole"), digest, streamed);
    ASSERT_FALSE(shorter.ok());
    EXPECT_EQ(shorter.error().code, "DIGEST_INVALID");
    EXPECT_FALSE(store.blobSize(digest).has_value()) << "a short file was stored as the layer";

    // Same length, right bytes: the streamed hash is used as it is.
    const auto stored = writer.commitUpload("app", staged(claimed), digest, streamed);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    EXPECT_EQ(store.blobSize(digest).value_or(0), claimed.size());
}

TEST(RegistryWriter, ManifestsTagsAndDeletes)
{
    TempDir dir;
    storage::RegistryWriter writer(dir.path());
    storage::RegistryStore store(dir.path());
    const std::string config = "{}";
    ASSERT_TRUE(writer.putBlob("app", config, oci::Digest::sha256Of(config)).ok());
    const std::string manifest =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
        oci::Digest::sha256Of(config).toString() + R"(","size":2},"layers":[]})";
    const auto digest = oci::Digest::sha256Of(manifest);
    ASSERT_TRUE(writer.putManifest("app", manifest, digest, std::string_view("v1")).ok());
    ASSERT_TRUE(writer.tag("app", "v2", digest).ok());
    EXPECT_EQ(store.revisions("app"), std::vector<oci::Digest>{digest});
    const auto layers = store.layerLinks("app");
    EXPECT_TRUE(std::find(layers.begin(), layers.end(), digest) == layers.end())
        << "a manifest must not be linked as a layer";
    auto tags = store.tags("app");
    ASSERT_EQ(tags.size(), 2u);
    EXPECT_EQ(*store.readBlob(digest, 1 << 20), manifest); // exact bytes

    ASSERT_TRUE(writer.deleteTag("app", "v1").ok());
    EXPECT_EQ(store.tags("app").size(), 1u);
    EXPECT_EQ(writer.deleteTag("app", "v1").error().code, "MANIFEST_UNKNOWN");
    ASSERT_TRUE(writer.deleteManifest("app", digest).ok());
    EXPECT_TRUE(store.tags("app").empty());
    EXPECT_TRUE(store.revisions("app").empty());
    EXPECT_EQ(writer.deleteManifest("app", digest).error().code, "MANIFEST_UNKNOWN");
    ASSERT_TRUE(writer.removeRepository("app").ok());
    EXPECT_TRUE(store.repositories().empty());
}

TEST(UploadFileWriter, ByteExactAndHashedAcrossBlocksTailsResumesAndFilesystems)
{
    std::mt19937_64 rng(7);
    std::string content(3 * storage::UploadFileWriter::kBlockSize + 12345, '\0');
    for (char &c : content)
        c = static_cast<char>(rng());
    // The test's temp dir, and tmpfs when present.
    TempDir dir;
    std::vector<fs::path> roots{dir.path()};
    if (fs::is_directory("/dev/shm"))
        roots.push_back("/dev/shm");
    for (const fs::path &root : roots) {
        const fs::path file = root / ("berth-upload-writer-" + std::to_string(::getpid()));
        for (const std::size_t split :
             {std::size_t{0}, std::size_t{1000}, storage::UploadFileWriter::kBlockSize + 3}) {
            std::ofstream(file, std::ios::trunc | std::ios::binary).write(content.data(), split);
            oci::DigestHasher hasher(oci::DigestAlgorithm::Sha256);
            hasher.update(content.data(), split);
            {
                auto writer = storage::UploadFileWriter::open(file, split, hasher);
                ASSERT_TRUE(writer.ok()) << writer.error().message;
                // Chunks of odd sizes, as HTTP delivers them.
                std::size_t at = split;
                std::size_t step = 1;
                while (at < content.size()) {
                    const std::size_t n = std::min(content.size() - at, step);
                    ASSERT_TRUE((*writer)->append(content.data() + at, n).ok());
                    at += n;
                    step = step * 3 + 7;
                    if (step > 700000)
                        step = 4093;
                }
                ASSERT_TRUE((*writer)->finish().ok());
                EXPECT_EQ((*writer)->offset(), content.size());
            }
            EXPECT_EQ(hasher.finish(), oci::Digest::sha256Of(content)) << root << " " << split;
            auto back = storage::readSmallFile(file, content.size() + 1);
            ASSERT_TRUE(back.ok());
            EXPECT_TRUE(*back == content) << root << " split " << split;
        }
        fs::remove(file);
    }
}

// Demo images: every tag resolves, every blob hashes to its name, nothing
// is left for garbage collection, the platforms of the multi-arch index are
// counted as such (not as untagged), and a second run changes nothing.
TEST(DemoImagesTest, WritesAConsistentStoreTwice)
{
    TempDir dir;
    auto first = storage::writeDemoImages(dir.path());
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->references.size(), 11u);
    storage::Inspector inspector(dir.path());
    storage::InspectOptions verify;
    verify.verify = true;
    auto report = inspector.run(verify);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->corruptBlobs.empty());
    EXPECT_TRUE(report->danglingLinks.empty());
    EXPECT_TRUE(report->problems.empty());
    EXPECT_TRUE(report->orphanBlobs.empty());
    EXPECT_TRUE(report->untagged.empty());
    ASSERT_EQ(report->repositories.size(), 3u);
    std::size_t children = 0;
    for (const auto &r : report->repositories)
        children += r.indexChildren;
    EXPECT_EQ(children, 2u); // demo/web's amd64 and arm64
    storage::GcOptions gc;
    gc.deleteUntagged = true;
    auto collectable = storage::GarbageCollector(dir.path()).run(gc);
    ASSERT_TRUE(collectable.ok());
    EXPECT_TRUE(collectable->blobsToDelete.empty());
    EXPECT_TRUE(collectable->manifestsToDelete.empty());

    auto again = storage::writeDemoImages(dir.path());
    ASSERT_TRUE(again.ok());
    auto after = inspector.run(verify);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->blobCount, report->blobCount);
}
