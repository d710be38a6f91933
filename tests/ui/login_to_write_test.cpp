// Anonymous browsing, a login only for writes: a docker-registry with token
// auth whose token server gives anyone a pull-only token and bob a token
// that may delete. Berth browses without a login; the delete it is refused
// turns into a login prompt, the login is kept, and the delete runs again.
#include "scenario_helpers.h"
#include "support/await.h"
#include "support/pki_environment.h"
#include "support/registry_fixture.h"
#include "support/token_server.h"
#include "window_lookup.h"

#include "client/manifest_job.h"
#include "credentials/secret_store.h"
#include "ui/cleanup_controller.h"
#include "ui/delete_tag_dialog.h"
#include "ui/login_dialog.h"
#include "ui/main_window.h"
#include "ui/tag_filter_model.h"
#include "ui/tag_model.h"

#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using berth::test::child;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::tagFilterModel;
using berth::test::tagModel;
using berth::test::tagView;
using berth::test::trigger;

TEST(LoginToWrite, ARefusedDeleteAsksForALoginKeepsItAndDeletes)
{
    berth::test::TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    tokens.anonymousPull = true;
    berth::test::RegistryFixture::Options options;
    options.tokenRealm = tokens.realm();
    options.tokenService = QStringLiteral("berth-test-registry");
    options.tokenIssuer = QStringLiteral("berth-test-issuer");
    options.tokenRootCertBundle = berth::test::pki().tokenCert();
    options.pushCredentials = QStringLiteral("bob:pw");
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    const berth::test::ImageTruth image = berth::test::writeImageLayout(
        layoutDir.path(), 12, QStringLiteral("2024-05-05T00:00:00Z"), 3000, QStringLiteral("img"));
    ASSERT_TRUE(
        registry.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    berth::test::writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                                           {QStringLiteral("url"), registry.baseUrl()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    berth::ui::MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    // What the delete said, whatever the status bar says after it (the new
    // session's ping may answer later).
    QStringList said;
    QObject::connect(berth::test::only<berth::ui::CleanupController>(window),
                     &berth::ui::CleanupController::message, &window,
                     [&said](const QString &text) { said << text; });

    // Browsing needs no login.
    berth::ui::TagModel *tags = tagModel(window);
    registryWidget(window)->openTag(QStringLiteral("team/app"), QStringLiteral("v1"));
    ASSERT_TRUE(pollUntil([&] {
        const QModelIndex current =
            tagFilterModel(window)->mapToSource(tagView(window)->currentIndex());
        return tags->isComplete() && current.isValid() && tags->description(current.row());
    })) << berth::test::statusText(window).toStdString();

    // Deleting does: refused, it turns into a login prompt.
    trigger(window, "deleteTags");
    auto *confirm = dialogs.last<berth::ui::DeleteTagDialog>();
    ASSERT_TRUE(confirm);
    child<QPushButton>(*confirm, "wholeImageButton")->click();
    berth::ui::LoginDialog *login = nullptr;
    ASSERT_TRUE(pollUntil([&] { return (login = dialogs.last<berth::ui::LoginDialog>()); }))
        << berth::test::statusText(window).toStdString();
    EXPECT_FALSE(child<QPushButton>(*login, "loginButton")->isEnabled()) << "no username yet";
    child<QLineEdit>(*login, "usernameEdit")->setText(QStringLiteral("bob"));
    child<QLineEdit>(*login, "passwordEdit")->setText(QStringLiteral("pw"));
    child<QPushButton>(*login, "loginButton")->click();

    // Logged in, the delete ran again and the image is gone.
    ASSERT_TRUE(pollUntil([&] {
        return !said.filter(QRegularExpression(QStringLiteral("^Deleted"))).isEmpty();
    })) << said.join(QLatin1Char('\n')).toStdString();
    ASSERT_TRUE(registryWidget(window)->profile());
    EXPECT_EQ(registryWidget(window)->profile()->username, QStringLiteral("bob"));
    auto *session = registryWidget(window)->session();
    ASSERT_TRUE(session);
    const auto gone = berth::test::await(
        session->getManifestFromRegistry(QStringLiteral("team/app"), image.manifestDigest),
        &berth::client::ManifestJob::finished);
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->ok());
    EXPECT_EQ(gone->error().kind, berth::client::ClientErrorKind::NotFound);
    // The password is the keychain's, not the settings file's.
    QFile ini(dir.path() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ini.readAll().contains("pw\n"));
}

// Cancelling the prompt deletes nothing and asks nothing more.
TEST(LoginToWrite, ACancelledLoginDeletesNothing)
{
    berth::test::TokenServer tokens(berth::test::pki().tokenKey(), berth::test::pki().tokenCert());
    ASSERT_TRUE(tokens.ok());
    tokens.anonymousPull = true;
    berth::test::RegistryFixture::Options options;
    options.tokenRealm = tokens.realm();
    options.tokenService = QStringLiteral("berth-test-registry");
    options.tokenIssuer = QStringLiteral("berth-test-issuer");
    options.tokenRootCertBundle = berth::test::pki().tokenCert();
    options.pushCredentials = QStringLiteral("bob:pw");
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::writeImageLayout(layoutDir.path(), 13, QStringLiteral("2024-05-05T00:00:00Z"),
                                  2000, QStringLiteral("img"));
    ASSERT_TRUE(
        registry.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    berth::test::writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                                           {QStringLiteral("url"), registry.baseUrl()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    berth::ui::MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    berth::ui::TagModel *tags = tagModel(window);
    registryWidget(window)->openTag(QStringLiteral("team/app"), QStringLiteral("v1"));
    ASSERT_TRUE(pollUntil([&] {
        const QModelIndex current =
            tagFilterModel(window)->mapToSource(tagView(window)->currentIndex());
        return tags->isComplete() && current.isValid() && tags->description(current.row());
    }));
    trigger(window, "deleteTags");
    auto *confirm = dialogs.last<berth::ui::DeleteTagDialog>();
    ASSERT_TRUE(confirm);
    child<QPushButton>(*confirm, "wholeImageButton")->click();
    berth::ui::LoginDialog *login = nullptr;
    ASSERT_TRUE(pollUntil([&] { return (login = dialogs.last<berth::ui::LoginDialog>()); }));
    login->reject();
    // A round trip on the session after the cancel: a delete wrongly
    // started by it would have been sent first.
    auto *session = registryWidget(window)->session();
    ASSERT_TRUE(session);
    const auto manifest = berth::test::await(
        session->getManifestFromRegistry(QStringLiteral("team/app"), QStringLiteral("v1")),
        &berth::client::ManifestJob::finished);
    ASSERT_TRUE(manifest);
    EXPECT_TRUE(manifest->ok()) << "the image is still there";
    EXPECT_TRUE(dialogs.all<berth::ui::LoginDialog>().isEmpty()) << "not asked again";
    EXPECT_TRUE(registryWidget(window)->profile()->username.isEmpty());
    EXPECT_TRUE(berth::test::statusText(window).contains(QStringLiteral("insufficient scope")) ||
                berth::test::statusText(window).contains(QStringLiteral("401")))
        << berth::test::statusText(window).toStdString();
    EXPECT_EQ(tags->rowCount(), 1);
}
