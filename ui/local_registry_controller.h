#pragma once

#include "local/local_registry_preferences.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <utility>

class QSettings;
class QWidget;

namespace berth::credentials {
class SecretJob;
class SecretStore;
} // namespace berth::credentials

namespace berth::local {
class LocalRegistry;
}

namespace berth::ui {

class LocalRegistryPanel;

// The registry on this machine: started at launch with its saved settings,
// its panel, the newcomer's demo images, and stopping it when Berth quits
// (unless the user keeps it running). The window asks mayClose() before it
// closes and is told closeNow() once a stop it waited for has ended.
class LocalRegistryController : public QObject
{
    Q_OBJECT

public:
    LocalRegistryController(QSettings &settings, credentials::SecretStore &secrets,
                            QWidget *dialogParent);

    local::LocalRegistry *registry() const { return m_registry; }
    local::LocalRegistryPreferences preferences() const { return m_preferences; }

    // Starts it unless the user turned that off or it already runs.
    void startAtLaunch();
    // Reads the mirror's passwords from the keychain, then starts it; a
    // password the keychain does not give stops the start, saying so.
    void start(const local::LocalRegistrySettings &settings);
    // The panel (one; raised if open).
    void openPanel();
    // Offers demo images once, when the user first sees their own local
    // registry empty.
    void offerDemoImages();
    // Writes a few small demo images (made here) into its data directory.
    void loadDemoImages();
    // False while the registry is being stopped for the quit: the window
    // closes when closeNow() is emitted.
    bool mayClose();
    // After portTaken: the local registry moves to the free port and starts.
    void useFreePortInstead();

Q_SIGNALS:
    // It listens at `url` (host:port, https:// with TLS).
    void listening(const QString &url);
    // `references`: "repository:tag" of each demo image written.
    void demoImagesLoaded(const QStringList &references);
    void closeNow();
    void message(const QString &text);
    // Another program listens on the local registry's port: whatever answers
    // there is not Berth's registry. `instead` is free.
    void portTaken(quint16 port, quint16 instead);
    // The built-in profile is to log in as `user` (the panel's choice).
    void berthLoginChosen(const QString &user, const QString &password);

private:
    void onStateChanged();
    void readSecrets(const local::LocalRegistrySettings &settings,
                     QList<std::pair<QString, QString>> wanted, QHash<QString, QString> found);
    void storeMirrorLogin(const QString &secretKey, const QString &password);
    void forgetMirrorLogin(const QString &secretKey);

    local::LocalRegistryPreferences m_preferences;
    credentials::SecretStore &m_secrets;
    QWidget *m_dialogParent;
    local::LocalRegistry *m_registry;
    QPointer<LocalRegistryPanel> m_panel;
    bool m_closeWhenStopped = false;              // a close waits for the registry
    QPointer<credentials::SecretJob> m_secretJob; // a start waits for the keychain
};

} // namespace berth::ui
