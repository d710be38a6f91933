// Uploads nobody finished: found and removed wherever they are, including
// folders that hold nothing but uploads (a push that never reached its
// first manifest), and never one that is still being written.
#include "store_writer.h"

#include "storage/garbage_collector.h"
#include "storage/inspector.h"
#include "storage/registry_writer.h"

#include "oci/timestamp.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;
using namespace berth;
using namespace std::chrono_literals;

namespace {

class StaleUploads : public ::testing::Test
{
protected:
    void SetUp() override
    {
        test::StoreWriter store(m_dir.path());
        const oci::Digest layer = store.blob("layer");
        store.layerLink("app", layer);
        store.tag("app", "v1", store.image("app", {layer}, "{}"));
    }

    // An upload started `startedAgo` and last written `writtenAgo`.
    std::string upload(const std::string &folder, std::chrono::hours startedAgo,
                       std::chrono::hours writtenAgo)
    {
        storage::RegistryWriter writer(m_dir.path());
        const std::string uuid = writer.startUpload(folder).value();
        const fs::path dir = *writer.layout().uploadsDir(folder) / uuid;
        const auto now = std::chrono::system_clock::now();
        const auto started = std::chrono::floor<std::chrono::seconds>(now - startedAgo);
        EXPECT_TRUE(
            storage::writeFileAtomically(dir / "startedat", oci::formatRfc3339(started)).ok());
        EXPECT_TRUE(storage::writeFileAtomically(dir / "data", "partial bytes").ok());
        fs::last_write_time(dir / "data", fs::file_time_type::clock::now() - writtenAgo);
        return uuid;
    }

    std::set<std::string> listed()
    {
        std::set<std::string> out;
        storage::Inspector inspector(m_dir.path());
        const auto report = inspector.run({false});
        EXPECT_TRUE(report.ok()) << report.error().message;
        for (const auto &u : report->uploads)
            out.insert(u.repository + "/" + u.uuid);
        return out;
    }

    fs::path folder(const std::string &name) const
    {
        return m_dir.path() / "docker/registry/v2/repositories" / name;
    }

    test::TempDir m_dir;
};

} // namespace

TEST_F(StaleUploads, TheInspectorListsUploadsOfFoldersThatHoldNothingElse)
{
    const std::string inRepo = upload("app", 1h, 1h);
    const std::string alone = upload("ghost/only", 1h, 1h);
    EXPECT_EQ(listed(), (std::set<std::string>{"app/" + inRepo, "ghost/only/" + alone}));
}

TEST_F(StaleUploads, PurgeTakesStaleOnesAndTheFoldersTheyAloneFilled)
{
    const std::string stale = upload("ghost/only", 200h, 200h);
    const std::string writing = upload("ghost/busy", 200h, 0h); // old, but written just now
    const std::string fresh = upload("app", 1h, 1h);
    const std::string staleInRepo = upload("app", 200h, 199h);
    storage::GarbageCollector collector(m_dir.path());

    const auto preview = collector.purgeUploads(168h, true, false);
    ASSERT_TRUE(preview.ok()) << preview.error().message;
    std::set<std::string> planned;
    for (const auto &u : preview->uploadsToDelete)
        planned.insert(u.repository + "/" + u.uuid);
    EXPECT_EQ(planned, (std::set<std::string>{"ghost/only/" + stale, "app/" + staleInRepo}));
    EXPECT_EQ(listed().size(), 4u); // a dry run removes nothing

    ASSERT_TRUE(collector.purgeUploads(168h, false, false).ok());
    EXPECT_EQ(listed(), (std::set<std::string>{"ghost/busy/" + writing, "app/" + fresh}));
    EXPECT_FALSE(fs::exists(folder("ghost/only")));
    EXPECT_TRUE(fs::exists(folder("ghost/busy/_uploads/" + writing + "/data")));
    EXPECT_TRUE(fs::exists(folder("app/_manifests"))); // the repository stays
}

TEST_F(StaleUploads, GarbageCollectionWithAnUploadAgeReachesUploadOnlyFolders)
{
    const std::string stale = upload("ghost/only", 200h, 200h);
    storage::GcOptions options;
    options.dryRun = false;
    options.uploadsOlderThan = 168h;
    const auto report = storage::GarbageCollector(m_dir.path()).run(options);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_EQ(report->uploadsToDelete.size(), 1u);
    EXPECT_EQ(report->uploadsToDelete[0].uuid, stale);
    EXPECT_FALSE(fs::exists(folder("ghost/only")));
    EXPECT_TRUE(listed().empty());
}
