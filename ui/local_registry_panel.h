#pragma once

#include "local/local_registry.h"
#include "local/local_registry_preferences.h"
#include "local/store_tasks.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace berth::local {
class BackgroundTask;
}

namespace berth::ui {

class MirrorSettingsPage;

// Start / stop the registry on this machine (berth-registry, or
// distribution on the same data directory), its settings, its users
// (bcrypt hashes in an htpasswd file; passwords go nowhere else), a live
// log, snippets to copy, and the mirror it may be (MirrorSettingsPage).
// Settings are kept by LocalRegistryPreferences; a start goes through the
// controller (startRequested), which reads the mirror's passwords first.
class LocalRegistryPanel : public QDialog
{
    Q_OBJECT

public:
    LocalRegistryPanel(local::LocalRegistry *registry, local::LocalRegistryPreferences preferences,
                       QWidget *parent = nullptr);

    // What the form says now (engine, port, data directory, ...).
    local::LocalRegistrySettings formSettings() const;
    // A start refused before the registry ran (a password missing, …).
    void showProblem(const QString &text);
    void showMirrorNote(const QString &text);

Q_SIGNALS:
    void demoImagesRequested();
    // Start with these settings (the controller reads the mirror's passwords).
    void startRequested(const berth::local::LocalRegistrySettings &settings);
    // Keep a mirror upstream's password in the keychain under `secretKey`.
    void mirrorLoginChosen(const QString &secretKey, const QString &password);
    // No upstream uses the password kept under `secretKey` any more.
    void mirrorLoginForgotten(const QString &secretKey);
    // A user was saved with "Berth logs in as this user" ticked.
    void berthLoginChosen(const QString &user, const QString &password);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void appendLog(const QStringList &lines);
    void showLogEnd();
    void saveSettings();
    void updateState();
    void updateSnippets();
    void startOrStop();
    void editUsers(local::UsersEdit edit);
    void browseDataDirectory();

    local::LocalRegistry *m_registry;
    local::LocalRegistryPreferences m_preferences;
    QPointer<local::BackgroundTask> m_usersJob; // the users edit in progress

    QLabel *m_light;
    QLabel *m_status;
    QPushButton *m_startStop;
    QPushButton *m_demo;
    QComboBox *m_engine;
    QSpinBox *m_port;
    QLineEdit *m_dataDir;
    QPushButton *m_browse;
    QCheckBox *m_deletes;
    QCheckBox *m_requireLogin;
    QLineEdit *m_tlsCert;
    QLineEdit *m_tlsKey;
    QCheckBox *m_keepRunning;
    QListWidget *m_users;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_addUser;
    QPushButton *m_removeUser;
    QCheckBox *m_berthLogsIn;
    MirrorSettingsPage *m_mirror;
    QLabel *m_usersNote;
    QPlainTextEdit *m_log;
    QPlainTextEdit *m_snippets;
};

} // namespace berth::ui
