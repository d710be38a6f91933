#pragma once

#include "local_registry.h"
#include "store_tasks.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace berth::local {
class BackgroundTask;
}

namespace berth::ui {

// Start / stop the registry on this machine (berth-registry, or
// distribution on the same data directory), its settings, its users
// (bcrypt hashes in an htpasswd file; passwords go nowhere else), a live
// log and snippets to copy. Settings are kept in QSettings (no secrets).
class LocalRegistryPanel : public QDialog
{
    Q_OBJECT

public:
    LocalRegistryPanel(local::LocalRegistry *registry, QSettings *settings,
                       QWidget *parent = nullptr);

    // What the form says now (engine, port, data directory, ...).
    local::LocalRegistrySettings formSettings() const;
    // Saved settings (or defaults): what a start at launch uses.
    static local::LocalRegistrySettings savedSettings(QSettings *settings,
                                                      const QString &workDirectory);
    static bool keepRunningOnQuit(QSettings *settings);
    // config.yml, htpasswd, log and pid of the local registry: beside the
    // settings file.
    static QString workDirectory(QSettings *settings);

    QPushButton *startStopButton() const { return m_startStop; }
    QPushButton *demoButton() const { return m_demo; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *dataDirectoryEdit() const { return m_dataDir; }
    QCheckBox *requireLoginBox() const { return m_requireLogin; }
    QCheckBox *keepRunningBox() const { return m_keepRunning; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *addUserButton() const { return m_addUser; }
    QListWidget *userList() const { return m_users; }
    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *logView() const { return m_log; }
    QPlainTextEdit *snippetsView() const { return m_snippets; }
    QString htpasswdPath() const;

Q_SIGNALS:
    void demoImagesRequested();

private:
    void saveSettings();
    void updateState();
    void updateSnippets();
    void startOrStop();
    void editUsers(local::UsersEdit edit);
    void browseDataDirectory();

    local::LocalRegistry *m_registry;
    QSettings *m_settings;
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
    QLabel *m_usersNote;
    QPlainTextEdit *m_log;
    QPlainTextEdit *m_snippets;
};

} // namespace berth::ui
