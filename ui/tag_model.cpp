#include "ui/tag_model.h"

#include "client/bulk_describe_job.h"
#include "client/list_page_job.h"
#include "client/registry_session.h"
#include "ui/size_format.h"
#include "ui/tag_drag.h"
#include "ui/time_format.h"

#include "oci/digest.h"

#include <algorithm>

namespace berth::ui {

namespace {

constexpr int kDescribeBatch = 200;

} // namespace

TagModel::TagModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // Rows change in batches: at most every 100 ms, never per tag.
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &TagModel::flushChanges);
}

TagModel::~TagModel() = default;

void TagModel::cancel()
{
    if (m_listJob)
        m_listJob->cancel();
    if (m_describeJob)
        m_describeJob->cancel();
    m_describeQueue.clear();
    m_listDone = true;
    Q_EMIT busyChanged();
}

void TagModel::setRepository(client::RegistrySession *session, const QString &repository)
{
    cancel();
    beginResetModel();
    m_session = session;
    m_repository = repository;
    m_rows.clear();
    m_rowOfTag.clear();
    m_next.reset();
    m_listDone = session == nullptr || repository.isEmpty();
    m_fetchAll = false;
    m_described = 0;
    m_dirtyFirst = m_dirtyLast = -1;
    m_cached.clear();
    m_cacheKnown = false;
    endResetModel();
    Q_EMIT busyChanged();
}

void TagModel::setCache(const client::CachedTags &stored)
{
    if (stored.repository != m_repository)
        return;
    m_cached.clear();
    for (const client::CachedTag &t : stored.tags)
        m_cached.insert(t.name, t);
    m_cacheKnown = true;
    m_cacheLocal = stored.isLocal();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, CachedColumn), index(rowCount() - 1, CachedColumn));
}

void TagModel::clearCache()
{
    m_cached.clear();
    m_cacheKnown = false;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, CachedColumn), index(rowCount() - 1, CachedColumn));
}

QVariant TagModel::cacheData(const Row &row, int role) const
{
    if (!m_cacheKnown)
        return {};
    const auto stored = m_cached.constFind(row.tag);
    const client::CachedTag *here = stored != m_cached.cend() ? &*stored : nullptr;
    const client::ImageDescription *d = row.description ? &*row.description : nullptr;
    // The tag moved (upstream, or by a push) between the description and
    // the listing: one of the two is out of date.
    const bool other = here && d && d->manifest &&
                       QString::fromStdString(d->manifest->digest.toString()) != here->digest;
    if (role == SortRole)
        return here && !other ? double(here->present) / here->parts : -1.0;
    if (role == Qt::ToolTipRole)
        return cacheToolTip(here, other);
    if (!here)
        return tr("not cached");
    if (other)
        return tr("other image");
    if (here->complete())
        return m_cacheLocal ? tr("stored") : tr("cached");
    return tr("partly (%1 of %2)").arg(here->present).arg(here->parts);
}

QString TagModel::cacheToolTip(const client::CachedTag *here, bool other) const
{
    if (!here)
        return tr("Not in the mirror's cache: a pull fetches it from the upstream.");
    const QString pulled =
        here->lastPulled ? tr(" Last pulled %1.").arg(formatTime(*here->lastPulled)) : QString();
    if (other) {
        const auto digest = oci::Digest::parse(here->digest.toStdString());
        return tr("The registry's tag points at another image (%1) than the one shown: one of "
                  "the two is out of date. View → Refresh shows what it serves now.%2")
            .arg(digest.ok() ? QString::fromStdString(digest->shortString()) : here->digest,
                 pulled);
    }
    if (m_cacheLocal)
        return here->complete()
                   ? tr("Pushed here (a local repository, not mirrored): every part is "
                        "stored.%1")
                         .arg(pulled)
                   : tr("Pushed here, but %1 of its %n part(s) are missing from the store.%2",
                        nullptr, here->parts)
                         .arg(here->parts - here->present)
                         .arg(pulled);
    if (here->complete())
        return tr("Every part of this image is in the mirror's cache: it pulls even while the "
                  "upstream is unreachable.%1")
            .arg(pulled);
    return tr("The cache holds %1 of its %n part(s) (manifests, configuration, layers): a pull "
              "fetches the rest from the upstream. Describing a tag through a mirror stores "
              "its manifests and configuration.%2",
              nullptr, here->parts)
        .arg(here->present)
        .arg(pulled);
}

void TagModel::fetchAll()
{
    m_fetchAll = true;
    if (canFetchMore({}))
        fetchMore({});
}

bool TagModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_session && !m_listDone && !m_listJob;
}

void TagModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_listJob =
        m_next ? m_session->listPage(*m_next) : m_session->listTags(m_repository, m_pageSize);
    m_listJob->setParent(this);
    connect(m_listJob, &client::ListPageJob::finished, this, &TagModel::onPage);
    Q_EMIT busyChanged();
}

void TagModel::onPage(const client::ClientResult<client::ListPage> &page)
{
    m_listJob = nullptr;
    if (!page.ok()) {
        m_listDone = true;
        Q_EMIT busyChanged();
        if (page.error().kind != client::ClientErrorKind::Cancelled)
            Q_EMIT loadFailed(page.error());
        return;
    }
    QStringList fresh;
    for (const QString &tag : page->items) {
        if (!m_rowOfTag.contains(tag))
            fresh.append(tag);
    }
    if (!fresh.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (const QString &tag : std::as_const(fresh)) {
            m_rowOfTag.insert(tag, static_cast<int>(m_rows.size()));
            m_rows.push_back(Row{tag, std::nullopt, {}});
        }
        endInsertRows();
        m_describeQueue += fresh;
    }
    if (page->next && !fresh.isEmpty())
        m_next = std::make_unique<client::ListCursor>(*page->next);
    else
        m_listDone = true;
    describeNext();
    Q_EMIT busyChanged();
    if (m_fetchAll && canFetchMore({}))
        fetchMore({});
}

void TagModel::describeNext()
{
    if (m_describeJob || m_describeQueue.isEmpty() || !m_session)
        return;
    const QStringList batch = m_describeQueue.mid(0, kDescribeBatch);
    m_describeQueue.remove(0, batch.size());
    m_describeJob = m_session->describeTags(m_repository, batch);
    m_describeJob->setParent(this);
    connect(m_describeJob, &client::BulkDescribeJob::tagDescribed, this, &TagModel::onDescribed);
    connect(m_describeJob, &client::BulkDescribeJob::finished, this,
            [this](const client::ClientResult<client::BulkSummary> &) {
                m_describeJob = nullptr;
                flushChanges();
                describeNext();
                Q_EMIT busyChanged();
                if (!isDescribing())
                    Q_EMIT describedAll();
            });
}

void TagModel::onDescribed(const client::TagDescription &description)
{
    const auto it = m_rowOfTag.constFind(description.tag);
    if (it == m_rowOfTag.constEnd())
        return;
    Row &row = m_rows[static_cast<std::size_t>(*it)];
    if (description.result.ok()) {
        row.description = description.result.value();
        row.error.clear();
    } else {
        row.error = description.result.error().message;
    }
    ++m_described;
    m_dirtyFirst = m_dirtyFirst < 0 ? *it : std::min(m_dirtyFirst, *it);
    m_dirtyLast = std::max(m_dirtyLast, *it);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void TagModel::flushChanges()
{
    m_flushTimer.stop();
    if (m_dirtyFirst >= 0 && m_dirtyFirst < static_cast<int>(m_rows.size()))
        Q_EMIT dataChanged(index(m_dirtyFirst, 0),
                           index(std::min<int>(m_dirtyLast, static_cast<int>(m_rows.size()) - 1),
                                 ColumnCount - 1));
    m_dirtyFirst = m_dirtyLast = -1;
    Q_EMIT progress(m_described, static_cast<int>(m_rows.size()));
}

const client::ImageDescription *TagModel::description(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()) ||
        !m_rows[static_cast<std::size_t>(row)].description)
        return nullptr;
    return &*m_rows[static_cast<std::size_t>(row)].description;
}

QString TagModel::errorText(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size())
               ? m_rows[static_cast<std::size_t>(row)].error
               : QString();
}

QString TagModel::tag(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size())
               ? m_rows[static_cast<std::size_t>(row)].tag
               : QString();
}

int TagModel::rowOfTag(const QString &tag) const
{
    return m_rowOfTag.value(tag, -1);
}

QStringList TagModel::tagsSharingDigest(int row) const
{
    QStringList out;
    const auto *d = description(row);
    if (!d || !d->manifest)
        return out;
    for (const Row &r : m_rows) {
        if (r.description && r.description->manifest &&
            r.description->manifest->digest == d->manifest->digest)
            out.append(r.tag);
    }
    return out;
}

QStringList TagModel::indexesListing(int row) const
{
    QStringList out;
    const auto *d = description(row);
    if (!d || !d->manifest)
        return out;
    const oci::Digest &digest = d->manifest->digest;
    const auto lists = [&digest](const QList<client::PlatformImage> &children) {
        return std::any_of(children.begin(), children.end(),
                           [&digest](const auto &c) { return c.descriptor.digest == digest; });
    };
    for (const Row &r : m_rows) {
        if (r.description && r.description->isIndex() &&
            (lists(r.description->platforms) || lists(r.description->attestations)))
            out.append(r.tag);
    }
    return out;
}

int TagModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TagModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TagColumn:
        return tr("Tag");
    case DigestColumn:
        return tr("Digest");
    case SizeColumn:
        return tr("Size");
    case PlatformsColumn:
        return tr("Platforms");
    case CreatedColumn:
        return tr("Created");
    case CachedColumn:
        return tr("In cache");
    default:
        return {};
    }
}

QVariant TagModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const client::ImageDescription *d = row.description ? &*row.description : nullptr;
    if (role == StateRole)
        return d                     ? QStringLiteral("ready")
               : row.error.isEmpty() ? QStringLiteral("loading")
                                     : QStringLiteral("error");
    if (role == DigestRole)
        return d && d->manifest ? QString::fromStdString(d->manifest->digest.toString())
                                : QString();
    if (index.column() == CachedColumn)
        return role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole
                   ? cacheData(row, role)
                   : QVariant();
    if (role == Qt::ToolTipRole) {
        if (!row.error.isEmpty())
            return row.error;
        if (index.column() == DigestColumn && d && d->manifest)
            return QString::fromStdString(d->manifest->digest.toString());
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
    case TagColumn:
        return row.tag;
    case DigestColumn:
        if (!d)
            return row.error.isEmpty() ? QString() : tr("error");
        return sort ? QString::fromStdString(d->manifest->digest.toString())
                    : QString::fromStdString(d->manifest->digest.shortString());
    case SizeColumn:
        if (!d || d->size < 0)
            return sort ? QVariant(qint64(-1)) : QVariant(QString());
        return sort ? QVariant(d->size) : QVariant(formatBytes(d->size));
    case PlatformsColumn:
        return d ? d->platformNames().join(QStringLiteral(", ")) : QString();
    case CreatedColumn:
        if (!d || !d->created)
            return sort ? QVariant(qint64(std::numeric_limits<qint64>::min()))
                        : QVariant(QString());
        if (sort)
            return QVariant(qint64(d->created->time_since_epoch().count()));
        return formatTime(*d->created);
    default:
        return {};
    }
}

Qt::ItemFlags TagModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && !m_origin.isEmpty())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList TagModel::mimeTypes() const
{
    return {QString::fromLatin1(TagDrag::kMimeType)};
}

QMimeData *TagModel::mimeData(const QModelIndexList &indexes) const
{
    TagDrag drag{m_origin, m_repository, {}};
    for (const QModelIndex &index : indexes) {
        const QString name = tag(index.row());
        if (index.isValid() && !drag.tags.contains(name))
            drag.tags << name;
    }
    return drag.tags.isEmpty() ? nullptr : drag.toMimeData();
}

} // namespace berth::ui
