#pragma once

#include "client/credentials.h"
#include "client/tag_pattern.h"
#include "credentials/registry_profile.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLineEdit;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTreeView;

namespace berth::client {
class RegistrySession;
struct ClientError;
} // namespace berth::client

namespace berth::ui {

class ImageDetailsView;
class MirrorCacheBar;
class RepositoryModel;
class TagModel;
class TagTable;

// One registry, browsed: its session, the repository tree, the tag table
// and the details of the selected tag. What KeePassXC's DatabaseWidget is
// to a database: the window routes actions to the current one, and two
// can stand side by side. Every network call runs in the session's jobs;
// the widget only reacts to their results.
class RegistryWidget : public QWidget
{
    Q_OBJECT

public:
    explicit RegistryWidget(QWidget *parent = nullptr);
    ~RegistryWidget() override;

    // The registries to choose from, and the one shown.
    void setProfiles(const QList<credentials::RegistryProfile> &profiles, const QString &currentId);
    // Drops the current session and connects to `profile` (nullopt: none).
    void connectTo(const credentials::RegistryProfile &profile,
                   std::optional<client::Credentials> credentials);
    void disconnectSession();

    const std::optional<credentials::RegistryProfile> &profile() const { return m_profile; }
    // The shown profile's name or GC settings changed: kept, nothing reloaded.
    void updateProfile(const credentials::RegistryProfile &profile);
    client::RegistrySession *session() const;
    TagModel *tags() const { return m_tags; }
    // The registry's host:port as users type it in `docker pull`.
    QString host() const;

    void refresh();
    void openRepository(const QString &name);
    // Opens `repository` and, once listed, selects `tag`.
    void openTag(const QString &repository, const QString &tag);
    // The repository shown, its tags reloaded from the registry.
    void reloadTags(const QString &repository);
    // No repository shown (it was removed).
    void closeRepository();
    // `name` got an image (a copy, an import): its tags are listed again
    // when it is shown, and it joins the tree when the tree lacks it.
    void repositoryChanged(const QString &name);
    // Rows of the tag model: the current one, and every selected one.
    int currentTagRow() const;
    QList<int> selectedTagRows() const;
    void copyPullCommand();
    // The tag table's right-click menu (the window's Tag menu).
    void setTagActions(const QList<QAction *> &actions);
    // Pre-fetch images through this registry (the selected tags to start with).
    void openPrefetch();
    // Requests sent at once to a registry connected from now on.
    void setRequestsAtOnce(int n) { m_requestsAtOnce = n; }
    // The tag table's filter (what "every tag" of a copy means).
    client::TagPattern tagFilter() const;
    void focusTagFilter();
    // Stops listing and describing; keeps what was loaded.
    void cancelLoading();
    bool isBusy() const;
    // For a progress bar: described of total, or total 0 for "busy".
    std::pair<int, int> progress() const;

    QByteArray saveSplitters() const;
    void restoreSplitters(const QByteArray &state);

Q_SIGNALS:
    void profileChosen(const QString &id);
    void addProfileRequested();
    void editProfileRequested();
    void sessionChanged(client::RegistrySession *session);
    // A sentence for the status bar, and optional technical detail.
    void message(const QString &text, const QString &detail = {});
    void busyChanged();
    // A catalog listing ended without an error.
    void catalogLoaded(int repositoryCount);
    void deleteRequested();
    // Tags of saved registry `registryId` dropped on `repository` of this one.
    void tagsDropped(const QString &registryId, const QString &fromRepository,
                     const QStringList &tags, const QString &repository);

private:
    // "No repositories yet" and how to push one, over the empty tree.
    void showEmptyState(bool empty);
    void showListError(const client::ClientError &error);
    void detachModels();
    void buildLeft(QWidget *left);
    void connectModels();
    void onRepositorySelected();
    void onTagSelected();
    void selectPendingTag();
    void addRepositoryByName();
    void showError(const client::ClientError &error);

    std::optional<credentials::RegistryProfile> m_profile;
    QPointer<client::RegistrySession> m_session;
    bool m_catalogFailed = false; // since the session started
    QString m_pendingTag;
    int m_requestsAtOnce = 12; // select when the tag list has it

    RepositoryModel *m_repositories;
    QSortFilterProxyModel *m_repoFilter;
    TagModel *m_tags;

    QComboBox *m_registryBox = nullptr;
    QLineEdit *m_repoFilterEdit = nullptr;
    QTreeView *m_repoView = nullptr;
    QPushButton *m_addByName = nullptr;
    QLabel *m_emptyState = nullptr;
    MirrorCacheBar *m_cacheBar = nullptr;
    TagTable *m_tagTable = nullptr;
    ImageDetailsView *m_details = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
};

} // namespace berth::ui
