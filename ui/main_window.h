#pragma once

#include "deletion_plan.h"
#include "registry_profile.h"
#include "registry_session.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QCheckBox;
class QDockWidget;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTreeView;

namespace berth::client {
class RegistrySession;
struct ClientError;
struct Credentials;
} // namespace berth::client

namespace berth::credentials {
class ProfileStore;
class SecretStore;
} // namespace berth::credentials

namespace berth::local {
class LocalRegistry;
}

namespace berth::ui {

class ImageDetailsView;
class LocalRegistryPanel;
class RepositoryModel;
class RequestLogModel;
class SearchPanel;
class TagFilterModel;
class TagModel;

// Registries → repositories → tags → details. Every network call runs in
// the client's jobs; the window only reacts to their results.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` and `secrets` are for tests; nullptr means the application's.
    explicit MainWindow(QSettings *settings = nullptr, credentials::SecretStore *secrets = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    // Programmatic entry points (tests, command line).
    void selectRegistry(const QString &profileId);
    void openRepository(const QString &name);
    void addRegistry();
    void editRegistry();
    void removeRegistry();
    void refresh();
    void importFromDocker();
    // Asks with the exact impact, then deletes the current tag (or its image).
    void deleteCurrentTag();
    // The selected tags (one: as deleteCurrentTag): plan, typed confirmation.
    void deleteSelectedTags();
    // Keep the newest N / matching / older than D: preview, then confirmation.
    void openRetention();
    // Garbage collection the way this registry's profile allows: its
    // command, its data directory, or the built-in registry's online GC.
    void collectGarbage();
    // The open repository, when it has no tags: through the built-in
    // registry, or on the profile's data directory; asks first.
    void removeEmptyRepository();
    // The storage inspector on `root` (default: the built-in registry's data).
    void openStorageInspector(const QString &root = {});
    // Garbage collection of a data directory: dry run first, then collect.
    void openGarbageCollection(const QString &root = {});
    // The local registry panel (one; raised if open).
    void openLocalRegistry();
    // At launch: start the local registry with its saved settings unless
    // the user turned that off or it already runs (kept from before).
    void startLocalRegistryAtLaunch();
    local::LocalRegistry *localRegistry() const { return m_localRegistry; }
    // Writes a few small demo images (made here) into the running local
    // registry's data directory, then shows them.
    void loadDemoImages();

    QList<credentials::RegistryProfile> profiles() const { return m_profiles; }
    client::RegistrySession *session() const { return m_session; }
    RepositoryModel *repositoryModel() const { return m_repositories; }
    TagModel *tagModel() const { return m_tags; }
    TagFilterModel *tagFilterModel() const { return m_tagFilter; }
    RequestLogModel *requestLogModel() const { return m_log; }
    ImageDetailsView *detailsView() const { return m_details; }
    QTreeView *repositoryView() const { return m_repoView; }
    QTableView *tagView() const { return m_tagView; }
    QLineEdit *tagFilterEdit() const { return m_tagFilterEdit; }
    QCheckBox *tagRegexBox() const { return m_tagRegex; }
    QLabel *repositorySummary() const { return m_summary; }
    SearchPanel *searchPanel() const { return m_search; }
    // Shows the search panel (hidden until asked for) and focuses it.
    void showSearch();
    // Opens `repository` and, once listed, selects `tag`.
    void openTag(const QString &repository, const QString &tag);
    QString statusText() const;

Q_SIGNALS:
    // Emitted when a dialog opens, so tests can drive it.
    void registryDialogOpened(QDialog *dialog);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void reloadProfiles(const QString &selectId);
    void activateProfile(const credentials::RegistryProfile &profile);
    void importProfiles(QList<QPair<credentials::RegistryProfile, QString>> imports);
    void storeSecretThenSelect(const credentials::RegistryProfile &profile, const QString &password,
                               bool changed);
    void startSession(const credentials::RegistryProfile &profile,
                      std::optional<client::Credentials> credentials);
    void onRepositorySelected();
    void onTagSelected();
    void selectPendingTag();
    void runDelete(const QString &repository, const QString &tag, const oci::Digest &digest,
                   bool wholeImage);
    void updateSummary();
    void updateBusy();
    void showError(const client::ClientError &error);
    void copyPullCommand();
    void addRepositoryByName();
    void applyTagFilter();
    void saveState();
    void restoreState();
    void onLocalRegistryState();
    void offerDemoImages();
    std::optional<QList<client::TagFacts>> tagFacts();
    void confirmPlan(const client::DeletionPlan &plan);

    QSettings *m_settings;
    bool m_ownsSettings;
    std::unique_ptr<credentials::ProfileStore> m_profileStore;
    credentials::SecretStore *m_secrets;
    QList<credentials::RegistryProfile> m_profiles;
    std::optional<credentials::RegistryProfile> m_current;
    QPointer<client::RegistrySession> m_session;

    RepositoryModel *m_repositories;
    QSortFilterProxyModel *m_repoFilter;
    TagModel *m_tags;
    TagFilterModel *m_tagFilter;
    RequestLogModel *m_log;

    QComboBox *m_registryBox;
    QLineEdit *m_repoFilterEdit;
    QTreeView *m_repoView;
    QPushButton *m_addByName;
    QLabel *m_summary;
    QLineEdit *m_tagFilterEdit;
    QCheckBox *m_tagRegex;
    QTableView *m_tagView;
    ImageDetailsView *m_details;
    SearchPanel *m_search;
    QDockWidget *m_searchDock;
    QString m_pendingTag; // select when the tag list has it
    QSplitter *m_mainSplitter;
    QSplitter *m_rightSplitter;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    local::LocalRegistry *m_localRegistry;
    QPointer<LocalRegistryPanel> m_localPanel;
    bool m_catalogFailed = false;    // since the profile was activated
    bool m_closeWhenStopped = false; // a close waits for the local registry
};

} // namespace berth::ui
