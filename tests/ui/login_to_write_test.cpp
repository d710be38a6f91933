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
#include "transfer/copy_task.h"
#include "ui/bulk_delete_dialog.h"
#include "ui/cleanup_controller.h"
#include "ui/copy_dialog.h"
#include "ui/delete_tag_dialog.h"
#include "ui/login_dialog.h"
#include "ui/main_window.h"
#include "ui/tag_filter_model.h"
#include "ui/tag_model.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>
#include <optional>

#include <gtest/gtest.h>

using berth::test::child;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::tagFilterModel;
using berth::test::tagModel;
using berth::test::tagView;
using berth::test::trigger;

namespace {

// docker-registry with token auth: anyone may pull, only bob (password
// "pw") may push and delete.
class GuardedRegistry
{
public:
    bool start()
    {
        if (!m_tokens.ok())
            return false;
        m_tokens.anonymousPull = true;
        return m_registry.start();
    }
    QString error() const
    {
        return m_tokens.ok() ? m_registry.error()
                             : QStringLiteral("the token server did not start");
    }
    berth::test::RegistryFixture &registry() { return m_registry; }

private:
    berth::test::TokenServer m_tokens{berth::test::pki().tokenKey(),
                                      berth::test::pki().tokenCert()};
    berth::test::RegistryFixture m_registry{
        berth::test::tokenAuthOptions(m_tokens.realm(), berth::test::pki().tokenCert())};
};

// docker-registry with token auth, anonymous pull only, team/app:v1 in it,
// and Berth's window on it without a login, the tag selected, its delete
// confirmed as "the whole image": what comes next is the login prompt.
class LoginToWrite : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tokens.ok());
        m_tokens.anonymousPull = true;
        m_registry = std::make_unique<berth::test::RegistryFixture>(
            berth::test::tokenAuthOptions(m_tokens.realm(), berth::test::pki().tokenCert()));
        ASSERT_TRUE(m_registry->start()) << m_registry->error().toStdString();
        QTemporaryDir layoutDir;
        m_image = berth::test::writeImageLayout(layoutDir.path(), 12,
                                                QStringLiteral("2024-05-05T00:00:00Z"), 3000,
                                                QStringLiteral("img"));
        ASSERT_TRUE(m_registry->push(layoutDir.path(), QStringLiteral("img"),
                                     QStringLiteral("team/app:v1")))
            << m_registry->lastOutput().toStdString();

        m_shown = std::make_unique<berth::test::WindowOnRegistries>(
            QList<berth::test::WindowOnRegistries::Registry>{
                {QStringLiteral("r"), QString(), m_registry->baseUrl()}});
        m_window = &m_shown->window();
        // What the delete said, whatever the status bar says after it (the
        // new session's ping may answer later).
        QObject::connect(berth::test::only<berth::ui::CleanupController>(*m_window),
                         &berth::ui::CleanupController::message, m_window,
                         [this](const QString &text) { m_said << text; });

        // Browsing needs no login.
        berth::ui::MainWindow &window = *m_window;
        m_tags = tagModel(window);
        registryWidget(window)->openTag(QStringLiteral("team/app"), QStringLiteral("v1"));
        ASSERT_TRUE(pollUntil([&] {
            const QModelIndex current =
                tagFilterModel(window)->mapToSource(tagView(window)->currentIndex());
            return m_tags->isComplete() && current.isValid() && m_tags->description(current.row());
        })) << berth::test::statusText(window).toStdString();

        // Deleting does: refused, it turns into a login prompt.
        trigger(window, "deleteTags");
        auto *confirm = m_dialogs.last<berth::ui::DeleteTagDialog>();
        ASSERT_TRUE(confirm);
        child<QPushButton>(*confirm, "wholeImageButton")->click();
        ASSERT_TRUE(pollUntil([&] { return (m_login = m_dialogs.last<berth::ui::LoginDialog>()); }))
            << berth::test::statusText(window).toStdString();
    }

    // The manifest of team/app:v1 as the registry serves it now.
    std::optional<berth::client::ClientResult<std::shared_ptr<const berth::client::CachedManifest>>>
    manifestNow()
    {
        auto *session = registryWidget(*m_window)->session();
        if (!session)
            return std::nullopt;
        return berth::test::await(
            session->getManifestFromRegistry(QStringLiteral("team/app"), m_image.manifestDigest),
            &berth::client::ManifestJob::finished);
    }

    berth::test::TokenServer m_tokens{berth::test::pki().tokenKey(),
                                      berth::test::pki().tokenCert()};
    std::unique_ptr<berth::test::RegistryFixture> m_registry;
    berth::test::ImageTruth m_image;
    std::unique_ptr<berth::test::WindowOnRegistries> m_shown;
    berth::ui::MainWindow *m_window = nullptr;
    berth::test::DialogWatcher m_dialogs;
    QStringList m_said;
    berth::ui::TagModel *m_tags = nullptr;
    berth::ui::LoginDialog *m_login = nullptr;
};

} // namespace

TEST_F(LoginToWrite, ARefusedDeleteAsksForALoginKeepsItAndDeletes)
{
    EXPECT_FALSE(child<QPushButton>(*m_login, "loginButton")->isEnabled()) << "no username yet";
    child<QLineEdit>(*m_login, "usernameEdit")->setText(QStringLiteral("bob"));
    child<QLineEdit>(*m_login, "passwordEdit")->setText(QStringLiteral("pw"));
    child<QPushButton>(*m_login, "loginButton")->click();

    // Logged in, the delete ran again and the image is gone.
    ASSERT_TRUE(pollUntil([&] {
        return !m_said.filter(QRegularExpression(QStringLiteral("^Deleted"))).isEmpty();
    })) << m_said.join(QLatin1Char('\n')).toStdString();
    ASSERT_TRUE(registryWidget(*m_window)->profile());
    EXPECT_EQ(registryWidget(*m_window)->profile()->username, QStringLiteral("bob"));
    const auto gone = manifestNow();
    ASSERT_TRUE(gone);
    EXPECT_FALSE(gone->ok());
    EXPECT_EQ(gone->error().kind, berth::client::ClientErrorKind::NotFound);
    // The password is the keychain's, not the settings file's.
    QFile ini(m_shown->dir() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    EXPECT_FALSE(ini.readAll().contains("pw\n"));
}

// Cancelling the prompt deletes nothing and asks nothing more.
TEST_F(LoginToWrite, ACancelledLoginDeletesNothing)
{
    m_login->reject();
    // A round trip on the session after the cancel: a delete wrongly
    // started by it would have been sent first.
    const auto manifest = manifestNow();
    ASSERT_TRUE(manifest);
    EXPECT_TRUE(manifest->ok()) << "the image is still there";
    EXPECT_TRUE(m_dialogs.all<berth::ui::LoginDialog>().isEmpty()) << "not asked again";
    EXPECT_TRUE(registryWidget(*m_window)->profile()->username.isEmpty());
    const QString status = berth::test::statusText(*m_window);
    EXPECT_TRUE(status.contains(QStringLiteral("insufficient scope")) ||
                status.contains(QStringLiteral("401")))
        << status.toStdString();
    EXPECT_EQ(m_tags->rowCount(), 1);
}

// A copy into a registry that lets anyone pull but only bob push, saved
// without a login: the copy is refused, the Transfers panel offers a
// login for that registry, and with it the copy runs again and lands.
TEST(LoginToCopy, ACopyRefusedWithoutALoginAsksForOneAndCopiesAgain)
{
    GuardedRegistry guardedRegistry;
    ASSERT_TRUE(guardedRegistry.start()) << guardedRegistry.error().toStdString();
    berth::test::RegistryFixture &guarded = guardedRegistry.registry();
    berth::test::RegistryFixture source;
    ASSERT_TRUE(source.start()) << source.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::writeImageLayout(layoutDir.path(), 13, QStringLiteral("2024-05-06T00:00:00Z"),
                                  3000, QStringLiteral("img"));
    ASSERT_TRUE(source.push(layoutDir.path(), QStringLiteral("img"), QStringLiteral("team/app:v1")))
        << source.lastOutput().toStdString();

    berth::test::WindowOnRegistries shown(
        {{QStringLiteral("s"), QStringLiteral("Source"), source.hostPort()},
         {QStringLiteral("g"), QStringLiteral("Guarded"), guarded.baseUrl()}});
    berth::ui::MainWindow &window = shown.window();
    registryWidget(window)->openTag(QStringLiteral("team/app"), QStringLiteral("v1"));
    ASSERT_TRUE(pollUntil([&] { return registryWidget(window)->currentTagRow() >= 0; }));
    berth::test::DialogWatcher dialogs;
    trigger(window, "copyTag");
    QPointer<berth::ui::CopyDialog> copy = dialogs.last<berth::ui::CopyDialog>();
    ASSERT_TRUE(copy);
    auto *registries = child<QComboBox>(*copy, "copyRegistry");
    registries->setCurrentIndex(registries->findData(QStringLiteral("g")));
    child<QPushButton>(*copy, "copyStart")->click();
    QString status;
    ASSERT_EQ(berth::test::awaitLastTransfer(window, status),
              static_cast<int>(berth::transfer::CopyTaskState::Failed))
        << status.toStdString();

    auto *logIn = child<QAction>(window, "transferLogIn");
    ASSERT_TRUE(logIn->isEnabled()) << status.toStdString();
    EXPECT_FALSE(child<QAction>(window, "transferRunAgainMoving")->isEnabled());
    logIn->trigger();
    berth::ui::LoginDialog *login = nullptr;
    ASSERT_TRUE(pollUntil([&] { return (login = dialogs.last<berth::ui::LoginDialog>()); }));
    child<QLineEdit>(*login, "usernameEdit")->setText(QStringLiteral("bob"));
    child<QLineEdit>(*login, "passwordEdit")->setText(QStringLiteral("pw"));
    child<QPushButton>(*login, "loginButton")->click();

    // Once the keychain has the password, the copy is queued again.
    const QAbstractItemModel *transfers = child<QAbstractItemView>(window, "transferList")->model();
    ASSERT_TRUE(pollUntil([&] { return transfers->rowCount() == 2; }));
    ASSERT_EQ(berth::test::awaitLastTransfer(window, status),
              static_cast<int>(berth::transfer::CopyTaskState::Done))
        << status.toStdString();
    EXPECT_TRUE(guarded.pull(QStringLiteral("team/app:v1"))) << guarded.lastOutput().toStdString();
    // The refused row offers a login no more: both registries have what
    // they need now (a trial found it still offered).
    auto *list = child<QAbstractItemView>(window, "transferList");
    list->setCurrentIndex(transfers->index(0, 0));
    EXPECT_FALSE(logIn->isEnabled());
    // The login is the saved registry's now, and only it got one.
    QFile ini(shown.dir() + QStringLiteral("/berth.ini"));
    ASSERT_TRUE(ini.open(QIODevice::ReadOnly));
    const QByteArray settings = ini.readAll();
    EXPECT_FALSE(settings.contains("pw\n"));
    EXPECT_EQ(settings.count("bob"), 1) << settings.toStdString();
}

// A bulk delete on a registry browsed without a login: the first refusal
// stops it (the others would be refused alike), the dialog offers a login,
// and with it the same plan comes back, to be confirmed and carried out.
TEST(LoginToBulkDelete, ARefusedBulkDeleteOffersALoginAndDeletesAfterIt)
{
    GuardedRegistry guardedRegistry;
    ASSERT_TRUE(guardedRegistry.start()) << guardedRegistry.error().toStdString();
    berth::test::RegistryFixture &guarded = guardedRegistry.registry();
    for (const int seed : {14, 15}) {
        QTemporaryDir layoutDir;
        berth::test::writeImageLayout(layoutDir.path(), static_cast<quint32>(seed),
                                      QStringLiteral("2024-05-07T00:00:00Z"), 3000,
                                      QStringLiteral("img"));
        ASSERT_TRUE(guarded.push(layoutDir.path(), QStringLiteral("img"),
                                 QStringLiteral("team/app:v%1").arg(seed)))
            << guarded.lastOutput().toStdString();
    }
    berth::test::WindowOnRegistries shown({{QStringLiteral("g"), QString(), guarded.baseUrl()}});
    berth::ui::MainWindow &window = shown.window();
    registryWidget(window)->openTag(QStringLiteral("team/app"), QStringLiteral("v14"));
    berth::ui::TagModel *tags = tagModel(window);
    ASSERT_TRUE(pollUntil([&] {
        return tags->isComplete() && tags->rowCount() == 2 &&
               tags->describedCount() == tags->rowCount();
    })) << berth::test::statusText(window).toStdString();
    berth::test::DialogWatcher dialogs;
    const auto confirm = [](berth::ui::BulkDeleteDialog &bulk) {
        child<QLineEdit>(bulk, "confirmEdit")->setText(QStringLiteral("team/app"));
        child<QPushButton>(bulk, "deleteButton")->click();
    };
    tagView(window)->selectAll();
    trigger(window, "deleteTags");
    QPointer<berth::ui::BulkDeleteDialog> refused = dialogs.last<berth::ui::BulkDeleteDialog>();
    ASSERT_TRUE(refused);
    confirm(*refused);
    auto *logIn = child<QPushButton>(*refused, "logInButton");
    ASSERT_TRUE(pollUntil([&] { return refused->isDone(); }));
    ASSERT_TRUE(logIn->isVisible()) << child<QLabel>(*refused, "summary")->text().toStdString();
    // Stopped at the first refusal, not a list of the same refusal.
    EXPECT_TRUE(child<QLabel>(*refused, "summary")->text().startsWith(QStringLiteral("Stopped")))
        << child<QLabel>(*refused, "summary")->text().toStdString();
    logIn->click();
    berth::ui::LoginDialog *login = nullptr;
    ASSERT_TRUE(pollUntil([&] { return (login = dialogs.last<berth::ui::LoginDialog>()); }));
    child<QLineEdit>(*login, "usernameEdit")->setText(QStringLiteral("bob"));
    child<QLineEdit>(*login, "passwordEdit")->setText(QStringLiteral("pw"));
    child<QPushButton>(*login, "loginButton")->click();

    // Logged in, the plan is shown again: confirmed, both images go.
    QPointer<berth::ui::BulkDeleteDialog> again;
    ASSERT_TRUE(pollUntil([&] {
        again = dialogs.last<berth::ui::BulkDeleteDialog>();
        return again && again != refused;
    }));
    confirm(*again);
    ASSERT_TRUE(pollUntil([&] { return again->isDone(); }));
    EXPECT_TRUE(child<QLabel>(*again, "summary")->text().startsWith(QStringLiteral("2 deleted")))
        << child<QLabel>(*again, "summary")->text().toStdString();
    EXPECT_FALSE(child<QPushButton>(*again, "logInButton")->isVisible());
    EXPECT_FALSE(guarded.pull(QStringLiteral("team/app:v14")));
}
