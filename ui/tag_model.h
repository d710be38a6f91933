#pragma once

#include "client/bulk_describe_job.h"
#include "client/image_description.h"
#include "client/list_page_job.h"
#include "client/mirror_cache.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace berth::client {
class BulkDescribeJob;
class ListPageJob;
class RegistrySession;
struct ListCursor;
struct ListPage;
struct TagDescription;
struct BulkSummary;
} // namespace berth::client

namespace berth::ui {

// Tags of one repository with what each points at: digest, size,
// platforms, created. Tag names arrive page by page (canFetchMore /
// fetchMore, one list request in flight); each page is then described in
// the background (bounded concurrency in the client) and rows are updated
// in batches.
class TagModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TagColumn,
        DigestColumn,
        SizeColumn,
        PlatformsColumn,
        CreatedColumn,
        CachedColumn, // browsing a mirror: how much of the image its cache holds
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw value for sorting (bytes, seconds)
        DigestRole,                  // full digest string
        StateRole,                   // "loading", "ready", "error"
    };

    explicit TagModel(QObject *parent = nullptr);
    ~TagModel() override;

    void setRepository(client::RegistrySession *session, const QString &repository);
    const QString &repository() const { return m_repository; }
    // Keep fetching pages until every tag is listed (sorting across pages).
    void fetchAll();
    void cancel();
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // A mirror's cache of this repository (ignored for another one); the
    // cached column stays empty until set, and after clearCache().
    void setCache(const client::CachedTags &stored);
    void clearCache();

    bool isListing() const { return m_listJob != nullptr; }
    bool isDescribing() const { return m_describeJob != nullptr || !m_describeQueue.isEmpty(); }
    bool isComplete() const { return m_listDone && !isDescribing(); }
    int describedCount() const { return m_described; }

    // What the details pane shows; nullptr until described.
    const client::ImageDescription *description(int row) const;
    QString errorText(int row) const;
    QString tag(int row) const;
    int rowOfTag(const QString &tag) const;
    // Tags pointing at the same digest as `row` (including its own).
    QStringList tagsSharingDigest(int row) const;
    // Tags of multi-arch images (loaded so far) that list row's image as a
    // platform or attestation: deleting the image would break them.
    QStringList indexesListing(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Rows drag out as a TagDrag of the saved registry set by setOrigin().
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    void setOrigin(const QString &registryId) { m_origin = registryId; }

Q_SIGNALS:
    void busyChanged();
    void progress(int described, int total);
    // Every tag listed so far is described (a mirror cached their manifests).
    void describedAll();
    void loadFailed(const berth::client::ClientError &error);

private:
    struct Row
    {
        QString tag;
        std::optional<client::ImageDescription> description;
        QString error;
    };

    void onPage(const client::ClientResult<client::ListPage> &page);
    void describeNext();
    void onDescribed(const client::TagDescription &description);
    void flushChanges();
    QVariant cacheData(const Row &row, int role) const;
    QString cacheToolTip(const client::CachedTag *here, bool other) const;

    QPointer<client::RegistrySession> m_session;
    QString m_repository;
    QString m_origin; // the saved registry's id, for drags
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowOfTag;
    QPointer<client::ListPageJob> m_listJob;
    QPointer<client::BulkDescribeJob> m_describeJob;
    QStringList m_describeQueue;
    std::unique_ptr<client::ListCursor> m_next;
    bool m_listDone = true;
    bool m_fetchAll = false;
    int m_described = 0;
    int m_pageSize = 1000;
    int m_dirtyFirst = -1;
    int m_dirtyLast = -1;
    QTimer m_flushTimer;
    QHash<QString, client::CachedTag> m_cached;
    bool m_cacheKnown = false;
    bool m_cacheLocal = false; // a repository pushed to the mirror, not mirrored
};

} // namespace berth::ui
