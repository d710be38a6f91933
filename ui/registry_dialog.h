#pragma once

#include "client/request_log_entry.h"
#include "credentials/registry_profile.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace berth::client {
class PingJob;
class RegistrySession;
} // namespace berth::client

namespace berth::ui {

// Add or edit a saved registry: name, address, TLS mode, login — and
// "Test connection", which says in plain words what works and what not.
class RegistryDialog : public QDialog
{
    Q_OBJECT

public:
    // What the profile's login has now.
    enum class Secret
    {
        None,
        InKeychain,
        ForThisSession, // the keychain refused it; remembered until Berth quits
    };
    RegistryDialog(const credentials::RegistryProfile &profile, Secret secret,
                   QWidget *parent = nullptr);
    ~RegistryDialog() override;

    credentials::RegistryProfile profile() const;
    // The password typed; empty and unchanged when the user left it alone.
    QString password() const;
    bool passwordChanged() const { return m_passwordChanged; }

    void accept() override;

Q_SIGNALS:
    // Every request of "Test connection", for the request log.
    void requestLogged(const berth::client::RequestLogEntry &entry);

private:
    // The test or check result under the form; `failed` shows it as an error.
    void showResult(const QString &text, bool failed);
    void updateTlsWarning();
    void useCustomCa(const QString &file);
    void testConnection();

    credentials::RegistryProfile m_profile;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_tls;
    int m_tlsChoice; // a client::TlsMode: kept while plain HTTP shows "Not used"
    QLineEdit *m_caFile;
    QPushButton *m_browseCa;
    QLabel *m_tlsWarning;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_gcCommand;
    QLineEdit *m_gcDryRunCommand;
    QLineEdit *m_dataDirectory;
    QGroupBox *m_gcSettings;
    QPushButton *m_test;
    QLabel *m_result;
    QDialogButtonBox *m_buttons;
    bool m_passwordChanged = false;
    QPointer<client::RegistrySession> m_testSession;
};

} // namespace berth::ui
