// The real save path of a login — the Add registry dialog, ProfileController,
// ProfileStore and SecretStore — against a real gnome-keyring (each test in
// its own dbus-run-session): the password lands in the keychain and nowhere
// in the settings file.
#include "support/await.h"
#include "window_lookup.h"

#include "credentials/secret_store.h"
#include "ui/registry_dialog.h"

#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace berth;
using berth::test::child;
using berth::test::pollUntil;

TEST(ProfileKeyring, ASavedPasswordGoesToTheKeychainAndNeverToTheSettingsFile)
{
    const QString password = QStringLiteral("Kc-91d2-never-in-a-file");
    QTemporaryDir dir;
    const QString iniPath = dir.filePath(QStringLiteral("berth.ini"));
    QString secretKey;
    {
        QSettings settings(iniPath, QSettings::IniFormat);
        credentials::SecretStore secrets(QStringLiteral("BerthTest"));
        ui::MainWindow window(settings, secrets);
        test::DialogWatcher dialogs;
        test::trigger(window, "addRegistry");
        auto *dialog = dialogs.last<ui::RegistryDialog>();
        ASSERT_TRUE(dialog);
        child<QLineEdit>(*dialog, "nameEdit")->setText(QStringLiteral("Private"));
        child<QLineEdit>(*dialog, "urlEdit")->setText(QStringLiteral("registry.invalid:5000"));
        child<QLineEdit>(*dialog, "usernameEdit")->setText(QStringLiteral("alice"));
        child<QLineEdit>(*dialog, "passwordEdit")->setText(password);
        dialog->accept();
        ASSERT_TRUE(pollUntil([&] {
            const auto shown = test::registryWidget(window)->profile();
            return shown && shown->name == QLatin1String("Private");
        }));
        EXPECT_FALSE(secrets.isSessionOnly()) << "the test keyring refused the secret";
        secretKey = test::registryWidget(window)->profile()->secretKey();
        settings.sync();
    }
    // The keychain has it (read by a store that never saw it written)...
    credentials::SecretStore reader(QStringLiteral("BerthTest"));
    const auto stored = test::await(reader.read(secretKey), &credentials::SecretJob::finished);
    ASSERT_TRUE(stored && stored->ok()) << stored->error().message.toStdString();
    EXPECT_EQ(stored->value(), password);
    // ...and the settings file has the user but not the password, in any form.
    QFile ini(iniPath);
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    EXPECT_TRUE(text.contains("alice"));
    EXPECT_FALSE(text.contains(password.toUtf8())) << text.toStdString();
    EXPECT_FALSE(text.contains(password.toUtf8().toBase64())) << text.toStdString();
    EXPECT_FALSE(text.contains(QByteArray("alice:" + password.toUtf8()).toBase64()));
}
