#pragma once

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QMessageBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSettings;

namespace berth::credentials {
class SecretStore;
}

namespace berth::ui {

class CleanupController;
class TransferController;
class InspectController;
class PreferencesController;
class LocalRegistryController;
class ProfileController;
class RegistryWidget;
class RequestLogModel;
class SearchPanel;

// Assembles the window: the registry widget, the docks, the status bar and
// the menus, whose actions it routes to the registry widget shown and to
// the controllers that own one concern each (profiles, cleanup, the local
// registry). It does no work of its own. Actions carry object names (e.g.
// "addRegistry", "deleteTags"), by which tests trigger them.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` and `secrets` outlive the window.
    MainWindow(QSettings &settings, credentials::SecretStore &secrets, QWidget *parent = nullptr);
    ~MainWindow() override;

    // At launch: the local registry with its saved settings, unless the
    // user turned that off or it already runs (kept from before).
    void startLocalRegistryAtLaunch();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildDocks();
    void quitAll();
    void askToStopCopies();
    void buildStatusBar();
    void buildMenus();
    void buildToolBar();
    void connectControllers();
    void showMessage(const QString &text, const QString &detail = {});
    void updateBusy();
    void showSearch();
    QString localDataDirectory() const;
    void saveWindowState();
    void restoreWindowState();

    QSettings &m_settings;
    credentials::SecretStore &m_secrets;
    // The first window starts and stops the local registry; windows opened
    // with New window leave it running when they close.
    bool m_ownsLocalRegistry = true;
    bool m_quitting = false; // Quit was asked: every window closes
    QPointer<QMessageBox> m_stopCopiesQuestion;
    RegistryWidget *m_registry;
    ProfileController *m_profiles;
    CleanupController *m_cleanup;
    TransferController *m_transfer;
    InspectController *m_inspect;
    PreferencesController *m_preferences;
    LocalRegistryController *m_local;
    RequestLogModel *m_log;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_transferDock = nullptr;
    SearchPanel *m_search = nullptr;
    QDockWidget *m_searchDock = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace berth::ui
