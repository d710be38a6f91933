// The serving registry's periodic upload purge (distribution's
// storage.maintenance.uploadpurging): stale uploads go, the ones in use stay.
#include "server/registry_api.h"
#include "server/registry_config.h"
#include "server/upload_purger.h"

#include "storage/file_io.h"
#include "storage/registry_writer.h"

#include "oci/timestamp.h"

#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;
using namespace berth;
using namespace std::chrono_literals;

namespace {

// An upload in `folder` started and last written `ago`.
fs::path staleUpload(const fs::path &root, const std::string &folder, std::chrono::hours ago)
{
    storage::RegistryWriter writer(root);
    const std::string uuid = writer.startUpload(folder).value();
    const fs::path dir = *writer.layout().uploadsDir(folder) / uuid;
    const auto started =
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() - ago);
    EXPECT_TRUE(storage::writeFileAtomically(dir / "startedat", oci::formatRfc3339(started)).ok());
    fs::last_write_time(dir / "data", fs::file_time_type::clock::now() - ago);
    return dir;
}

} // namespace

TEST(UploadPurger, RemovesStaleUploadsOnItsIntervalAndStopsWhenDestroyed)
{
    test::TempDir dir;
    server::RegistryApi::Options options;
    options.uploadPurgeAge = 24h;
    server::RegistryApi api(dir.path(), options);
    const fs::path stale = staleUpload(dir.path(), "ghost", 48h);
    const fs::path recent = staleUpload(dir.path(), "ghost", 1h);

    std::mutex mutex;
    std::condition_variable ran;
    int runs = 0;
    std::size_t removed = 0;
    {
        server::UploadPurger purger(api, 1ms, false, [&](const Result<storage::GcReport> &report) {
            std::lock_guard lock(mutex);
            ++runs;
            if (report.ok())
                removed += report->uploadsToDelete.size();
            ran.notify_all();
        });
        std::unique_lock lock(mutex);
        ASSERT_TRUE(ran.wait_for(lock, 20s, [&] { return runs >= 2; }));
    } // joined here: no run after this line
    EXPECT_EQ(removed, 1u);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(recent / "data"));
}

TEST(UploadPurger, OnlineGarbageCollectionPurgesAtTheSameAge)
{
    test::TempDir dir;
    server::RegistryApi::Options options;
    options.uploadPurgeAge = 24h;
    server::RegistryApi api(dir.path(), options);
    const fs::path stale = staleUpload(dir.path(), "app", 48h);
    const fs::path recent = staleUpload(dir.path(), "app", 1h);
    storage::GcOptions gc;
    gc.dryRun = false;
    const auto report = api.collectGarbage(gc);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->uploadsToDelete.size(), 1u);
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(recent / "data"));
}

TEST(RegistryConfigTest, UploadPurgingAsDistributionWritesIt)
{
    const auto none = [](const char *) -> const char * {
        return nullptr;
    };
    const auto defaults = server::RegistryConfig::parse("", none);
    ASSERT_TRUE(defaults.ok());
    EXPECT_TRUE(defaults->uploadPurging.enabled);
    EXPECT_EQ(defaults->uploadPurging.age, 168h);
    EXPECT_EQ(defaults->uploadPurging.interval, 24h);
    const auto set = server::RegistryConfig::parse(R"(version: 0.1
storage:
  filesystem:
    rootdirectory: /data
  maintenance:
    uploadpurging:
      enabled: true
      age: 72h
      interval: 1h30m
      dryrun: true
    readonly:
      enabled: false
)",
                                                   none);
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->uploadPurging.age, 72h);
    EXPECT_EQ(set->uploadPurging.interval, 90min);
    EXPECT_TRUE(set->uploadPurging.dryRun);
    for (const char *bad : {"age: soon", "interval: 0s", "enabled: maybe", "age: -1h"}) {
        const auto refused = server::RegistryConfig::parse(
            std::string("storage:\n  maintenance:\n    uploadpurging:\n      ") + bad + "\n", none);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error().message.find("storage.maintenance.uploadpurging."),
                  std::string::npos)
            << refused.error().message;
    }
}
