#pragma once

#include "client/client_error.h"
#include "client/list_page_job.h"
#include "client/mirror_cache.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace berth::client {
class ListPageJob;
class RegistrySession;
struct ListCursor;
struct ListPage;
} // namespace berth::client

namespace berth::ui {

// Repositories of one registry as a tree grouped by path segments
// ("team/app/api" under "team" → "app"). The catalog is loaded page by page
// through canFetchMore()/fetchMore() on the root, one request at a time,
// each page inserted in one batch per parent.
class RepositoryModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role
    {
        FullNameRole = Qt::UserRole + 1, // "team/app/api"; empty for a pure group
        IsRepositoryRole,
        RepositoryCountRole, // repositories at or below this node
        // Browsing a mirror: "cached", "local" or "not cached"; empty otherwise.
        CacheStateRole,
        PathRole, // "team/app" for every node, groups too: what the filter matches
    };

    explicit RepositoryModel(QObject *parent = nullptr);
    ~RepositoryModel() override;

    // Starts over with another registry (nullptr: empty model).
    void setSession(client::RegistrySession *session);
    // For registries without a catalog: add a repository the user names.
    bool addRepository(const QString &name);
    void reload();
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // A mirror's store: its repositories are marked, the others (only at
    // the upstream) shown greyed. clearCache(): no marks (not a mirror).
    void setCache(const QList<client::CachedRepository> &stored);
    void clearCache();

    bool isLoading() const { return m_job != nullptr; }
    int repositoryCount() const;
    QModelIndex indexForRepository(const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // A repository takes tags dragged from a tag table (TagDrag): they are
    // not moved, only announced (tagsDropped) for a copy to be offered.
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    // Tags of `registryId`'s `fromRepository` dropped on `repository`.
    void tagsDropped(const QString &registryId, const QString &fromRepository,
                     const QStringList &tags, const QString &repository);
    void loadingChanged(bool loading);
    void loadFailed(const berth::client::ClientError &error);

private:
    struct Node;
    void onPage(const client::ClientResult<client::ListPage> &page);
    void insertNames(const QStringList &names);
    QModelIndex indexOf(const Node *node) const;
    Node *nodeOf(const QModelIndex &index) const;
    void repositoryChanged(const Node *node);
    QString cacheState(const Node *node) const;
    QString cacheToolTip(const Node *node) const;

    QPointer<client::RegistrySession> m_session;
    QPointer<client::ListPageJob> m_job;
    std::unique_ptr<Node> m_root;
    std::unique_ptr<client::ListCursor> m_next;
    bool m_started = false;
    bool m_done = true;
    int m_pageSize = 200;
    QHash<QString, client::CachedRepository> m_cached;
    bool m_cacheKnown = false;
};

} // namespace berth::ui
