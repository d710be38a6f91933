// A keychain that refuses the password (gnome-keyring with no login keyring
// and nothing to prompt with, run by run_with_locked_keyring.sh): Save says
// so in words and offers to remember the password until Berth quits; the
// editor then says where the password is, never "stored in the keychain".
#include "support/await.h"
#include "window_lookup.h"

#include "credentials/secret_store.h"
#include "ui/registry_dialog.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace berth;
using berth::test::child;
using berth::test::pollUntil;

TEST(LockedKeyring, ARefusedPasswordIsSaidAndCanBeRememberedUntilBerthQuits)
{
    const QString password = QStringLiteral("Kc-77e1-refused");
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
    credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    ui::MainWindow window(settings, secrets);
    window.show();
    test::DialogWatcher dialogs;
    test::trigger(window, "addRegistry");
    auto *dialog = dialogs.last<ui::RegistryDialog>();
    ASSERT_TRUE(dialog);
    child<QLineEdit>(*dialog, "nameEdit")->setText(QStringLiteral("Private"));
    child<QLineEdit>(*dialog, "urlEdit")->setText(QStringLiteral("registry.invalid:5000"));
    child<QLineEdit>(*dialog, "usernameEdit")->setText(QStringLiteral("alice"));
    child<QLineEdit>(*dialog, "passwordEdit")->setText(password);
    dialog->accept();

    // Said at once, in words, naming the registry.
    QMessageBox *box = nullptr;
    ASSERT_TRUE(pollUntil([&] {
        box = window.findChild<QMessageBox *>(QStringLiteral("secretNotStored"));
        return box && box->isVisible();
    }));
    EXPECT_TRUE(box->text().contains(QStringLiteral("Private"))) << box->text().toStdString();
    child<QPushButton>(*box, "rememberForSession")->click();
    ASSERT_TRUE(pollUntil([&] {
        const auto shown = test::registryWidget(window)->profile();
        return shown && shown->name == QLatin1String("Private");
    }));
    const QString key = test::registryWidget(window)->profile()->secretKey();
    const auto remembered = test::await(secrets.read(key), &credentials::SecretJob::finished);
    ASSERT_TRUE(remembered && remembered->ok());
    EXPECT_EQ(remembered->value(), password);

    // The editor says where the password is.
    test::trigger(window, "editRegistry");
    ui::RegistryDialog *editor = nullptr;
    ASSERT_TRUE(pollUntil([&] {
        editor = dialogs.last<ui::RegistryDialog>(); // opens once the keychain has answered
        return editor && editor->isVisible();
    }));
    EXPECT_TRUE(child<QLineEdit>(*editor, "passwordEdit")
                    ->placeholderText()
                    .contains(QStringLiteral("until Berth quits")))
        << child<QLineEdit>(*editor, "passwordEdit")->placeholderText().toStdString();
    editor->reject();

    // Nothing reached the keychain.
    credentials::SecretStore fresh(QStringLiteral("BerthTest"));
    const auto stored = test::await(fresh.read(key), &credentials::SecretJob::finished);
    ASSERT_TRUE(stored);
    EXPECT_FALSE(stored->ok());
}
