// The app's own files that matter — saved registries, the local registry's
// settings, its users (htpasswd), files saved from a store — survive a
// power cut right after they were saved (berth-crash-fs, drop model:
// whatever was not synced is lost).
#include "support/await.h"
#include "support/crash_fs_mount.h"

#include "auth/htpasswd_file.h"
#include "credentials/profile_store.h"
#include "local/local_registry_preferences.h"
#include "local/store_tasks.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace berth {
namespace {

// A fresh folder tree on berth-crash-fs; `cut()` is the power cut, after
// which `survivor()` is what is on the disk.
class PowerCut : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QDir().mkpath(m_dir.path() + QStringLiteral("/state"));
        QDir().mkpath(m_dir.path() + QStringLiteral("/mnt"));
        m_fs = std::make_unique<test::CrashFsMount>(
            BERTH_CRASH_FS_BINARY, QString(m_dir.path() + QStringLiteral("/state")).toStdString(),
            QString(m_dir.path() + QStringLiteral("/mnt")).toStdString());
        ASSERT_TRUE(m_fs->mounted()) << "no FUSE here (/dev/fuse, fusermount3)";
    }
    // Where the app writes: a folder that does not exist yet.
    QString live(const QString &relative) const
    {
        return m_dir.path() + QStringLiteral("/mnt/config/berth/") + relative;
    }
    QString survivor(const QString &relative) const
    {
        return m_dir.path() + QStringLiteral("/state/config/berth/") + relative;
    }
    void cut()
    {
        ASSERT_TRUE(m_fs->crash());
        m_fs->unmount();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<test::CrashFsMount> m_fs;
};

TEST_F(PowerCut, SavedRegistriesSurvive)
{
    {
        QSettings settings(live(QStringLiteral("berth.ini")), QSettings::IniFormat);
        credentials::ProfileStore store(settings);
        credentials::RegistryProfile profile;
        profile.id = QStringLiteral("p1");
        profile.name = QStringLiteral("Harbor");
        profile.url = QStringLiteral("https://harbor.example");
        store.save({profile});
    }
    cut();
    QSettings settings(survivor(QStringLiteral("berth.ini")), QSettings::IniFormat);
    const auto profiles = credentials::ProfileStore(settings).load();
    ASSERT_FALSE(profiles.isEmpty());
    EXPECT_EQ(profiles.first().name, QStringLiteral("Harbor"));
}

TEST_F(PowerCut, TheLocalRegistrySettingsSurvive)
{
    {
        QSettings settings(live(QStringLiteral("berth.ini")), QSettings::IniFormat);
        local::LocalRegistryPreferences preferences(&settings);
        local::LocalRegistrySettings s = preferences.load();
        s.port = 5123;
        preferences.save(s, true);
    }
    cut();
    QSettings settings(survivor(QStringLiteral("berth.ini")), QSettings::IniFormat);
    EXPECT_EQ(local::LocalRegistryPreferences(&settings).load().port, 5123);
}

TEST_F(PowerCut, UsersSavedForTheLocalRegistrySurvive)
{
    auth::HtpasswdFile users;
    ASSERT_TRUE(users.setUser("ci", "secret-password", 4).ok());
    ASSERT_TRUE(users.save(live(QStringLiteral("htpasswd")).toStdString()).ok());
    cut();
    auto saved = auth::HtpasswdFile::load(survivor(QStringLiteral("htpasswd")).toStdString());
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_TRUE(saved->contains("ci")) << "a missing file reads as one without users";
}

TEST_F(PowerCut, AFileSavedFromAStoreSurvives)
{
    QDir().mkpath(live(QString()));
    std::optional<QString> error;
    QObject owner;
    local::saveFile(&owner, live(QStringLiteral("manifest.json")), QByteArray("{}"),
                    [&error](const QString &e) { error = e; });
    ASSERT_TRUE(test::pollUntil([&] { return error.has_value(); }));
    ASSERT_TRUE(error->isEmpty()) << error->toStdString();
    cut();
    QFile saved(survivor(QStringLiteral("manifest.json")));
    ASSERT_TRUE(saved.open(QIODevice::ReadOnly));
    EXPECT_EQ(saved.readAll(), QByteArray("{}"));
}

} // namespace
} // namespace berth
