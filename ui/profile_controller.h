#pragma once

#include "client/credentials.h"
#include "client/request_log_entry.h"
#include "client/session_opener.h"
#include "credentials/profile_store.h"
#include "credentials/registry_profile.h"
#include "ui/registry_dialog.h"

#include <QObject>

#include <functional>
#include <optional>

class QSettings;
class QWidget;

namespace berth::client {
class RegistrySession;
}
namespace berth::credentials {
class SecretStore;
}

namespace berth::ui {

// The saved registries and their logins: add, edit, remove, import from
// docker, choose one. Profiles go to QSettings, secrets to the keychain;
// choosing a profile reads its secret and then says which one to show.
// Dialogs open window-modal on `dialogParent`.
class ProfileController : public QObject
{
    Q_OBJECT

public:
    ProfileController(QSettings &settings, credentials::SecretStore &secrets,
                      QWidget *dialogParent);

    const QList<credentials::RegistryProfile> &profiles() const { return m_profiles; }
    // The saved registry `id`, or null.
    const credentials::RegistryProfile *find(const QString &id) const;
    std::optional<credentials::RegistryProfile> current() const;

    // Reads the saved profiles and shows `id` (empty: the one shown last
    // time), or the first one if there is no such profile.
    void load(const QString &id = {});
    void select(const QString &id);
    void add();
    void edit();
    void remove();
    void importFromDocker();
    // The built-in registry listens at `url` now: its profile follows, and
    // is shown again if it is the one shown.
    void followBuiltInRegistry(const QString &url);
    // The built-in local registry's profile logs in as `user` (its password
    // to the keychain, as any profile's).
    void setBuiltInLogin(const QString &user, const QString &password);
    // A session of its own on profile `id` (a copy's destination), its
    // login read from the keychain first; owned by `context`. `done` runs
    // once — with the session, or with nullptr and why not — unless
    // `context` went away first.
    void openSession(const QString &id, QObject *context, client::SessionOpened done);
    // Requests those sessions send a registry at once.
    void setRequestsAtOnce(int n) { m_requestsAtOnce = n; }
    // The registry shown is browsed without a login and refused a change
    // (`why`): asks for a login, keeps it (username in the profile, password
    // in the keychain), shows the registry logged in, then runs `retry` —
    // unless the user cancels or has moved to another registry meanwhile.
    void logInToWrite(const QString &why, std::function<void()> retry);
    // The same for saved registry `id`, shown or not (a copy into it was
    // refused): its sessions opened from now on log in; then `retry`.
    void logInToWriteTo(const QString &id, const QString &why, std::function<void()> retry);
    // How garbage is collected on profile `id` (set up from the GC dialog).
    void setGcSettings(const QString &id, const QString &dataDirectory, const QString &command,
                       const QString &dryRunCommand);

Q_SIGNALS:
    void profilesChanged(const QList<credentials::RegistryProfile> &profiles,
                         const QString &currentId);
    // Show `profile`, logged in with `credentials` (none: anonymous).
    void activated(const credentials::RegistryProfile &profile,
                   const std::optional<client::Credentials> &credentials);
    // The shown profile changed in what does not need a new connection.
    void updated(const credentials::RegistryProfile &profile);
    // Nothing to show: the last profile was removed.
    void deactivated();
    void message(const QString &text);
    // A request made by a profile dialog ("Test connection").
    void requestLogged(const berth::client::RequestLogEntry &entry);

private:
    void activate(const credentials::RegistryProfile &profile);
    void save();
    void storeSecretThenSelect(const credentials::RegistryProfile &profile, const QString &password,
                               bool changed);
    void openEditor(const credentials::RegistryProfile &profile, RegistryDialog::Secret secret);
    void verifyStored(const credentials::RegistryProfile &profile, const QString &secret,
                      std::function<void()> then);
    void secretNotStored(const credentials::RegistryProfile &profile, const QString &secret,
                         const QString &reason, std::function<void()> then);
    void storeSecret(const credentials::RegistryProfile &profile, const QString &secret,
                     std::function<void()> then);
    void importNext(QList<QPair<credentials::RegistryProfile, QString>> imports);

    QSettings &m_settings;
    credentials::ProfileStore m_store;
    int m_requestsAtOnce = 12;
    credentials::SecretStore &m_secrets;
    QWidget *m_dialogParent;
    QList<credentials::RegistryProfile> m_profiles;
    QString m_currentId;
};

} // namespace berth::ui
