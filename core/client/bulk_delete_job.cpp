#include "client/bulk_delete_job.h"

#include "client/authenticator.h"
#include "client/delete_manifest_job.h"
#include "client/delete_tag_job.h"
#include "client/list_page_job.h"
#include "client/manifest_job.h"
#include "client/registry_session.h"

#include "oci/media_types.h"
#include "oci/parsed_manifest.h"

#include <algorithm>

namespace berth::client {

namespace {

constexpr int kConcurrentResolves = 6;

// A deletion refused for want of a login stops the job: every other one
// would be refused alike (a 403 too, when there is no login yet). A 403
// to a login may be one tag's or one path's rule: recorded, the job goes on.
bool stopsEverything(ClientErrorKind kind, bool loggedIn)
{
    return kind == ClientErrorKind::Cancelled || kind == ClientErrorKind::Unauthorized ||
           (isLoginRefusal(kind) && !loggedIn);
}

} // namespace

int BulkDeleteOutcome::count(Status status) const
{
    return static_cast<int>(std::count_if(items.begin(), items.end(),
                                          [status](const Item &i) { return i.status == status; }));
}

BulkDeleteJob::BulkDeleteJob(RegistrySession *session, DeletionPlan plan)
    : Job(session)
    , m_plan(std::move(plan))
    , m_indexChildren(m_plan.indexChildren)
{
    for (const auto &[tag, digest] : std::as_const(m_plan.snapshot))
        m_previewed.insert(digest);
}

BulkDeleteJob::~BulkDeleteJob()
{
    for (const QPointer<Job> &child : std::as_const(m_children)) {
        if (child && !child->isFinished()) {
            child->disconnect(this);
            child->cancel();
        }
    }
}

void BulkDeleteJob::emitFailure(const ClientError &error)
{
    for (const QPointer<Job> &child : std::as_const(m_children)) {
        if (child && !child->isFinished()) {
            child->disconnect(this);
            child->cancel();
        }
    }
    Q_EMIT finished(error);
}

void BulkDeleteJob::run()
{
    if (m_plan.isEmpty()) {
        if (beginFinish())
            Q_EMIT finished(m_outcome);
        return;
    }
    ListPageJob *job = session()->listTags(m_plan.repository);
    m_children.append(job);
    connect(job, &ListPageJob::finished, this, &BulkDeleteJob::onPage);
}

void BulkDeleteJob::onPage(const ClientResult<ListPage> &page)
{
    if (isFinished())
        return;
    // A repository whose last tag went may be unknown to the registry now:
    // no tags left.
    if (!page.ok() && page.error().kind != ClientErrorKind::NotFound) {
        fail(page.error());
        return;
    }
    if (page.ok())
        m_toResolve += page->items;
    if (page.ok() && page->next) {
        ListPageJob *job = session()->listPage(*page->next);
        m_children.append(job);
        connect(job, &ListPageJob::finished, this, &BulkDeleteJob::onPage);
        return;
    }
    // Tags of the plan that are gone are "resolved" as absent.
    m_toResolve.removeDuplicates();
    Q_EMIT progress(0, static_cast<int>(m_toResolve.size()) + m_plan.images.size() +
                           m_plan.tagsOnly.size());
    if (m_toResolve.isEmpty()) // every tag has gone since the preview
        fetchUnknownIndexes();
    else
        resolveMore();
}

// A tag may now point at an index the preview never saw (pushed since): read
// it, one at a time, so the images it lists are known before any deletion.
void BulkDeleteJob::fetchUnknownIndexes()
{
    if (m_unknownIndexes.isEmpty()) {
        deleteNext();
        return;
    }
    const oci::Digest digest = m_unknownIndexes.takeFirst();
    ManifestJob *job =
        session()->getManifest(m_plan.repository, QString::fromStdString(digest.toString()));
    m_children.append(job);
    connect(job, &ManifestJob::finished, this,
            [this, digest](const ClientResult<std::shared_ptr<const CachedManifest>> &r) {
                if (isFinished())
                    return;
                if (r.ok() && (*r)->parsed && (*r)->parsed->index()) {
                    QList<oci::Digest> &children = m_indexChildren[digest];
                    for (const oci::Descriptor &d : (*r)->parsed->index()->manifests)
                        children.append(d.digest);
                } else if (!r.ok() && r.error().kind == ClientErrorKind::Cancelled) {
                    fail(r.error());
                    return;
                } else if (!r.ok() && r.error().kind != ClientErrorKind::NotFound) {
                    m_indexProblem =
                        tr("the multi-arch image %1, pushed since the preview, could "
                           "not be read (%2)")
                            .arg(QString::fromStdString(digest.shortString()), r.error().message);
                }
                fetchUnknownIndexes();
            });
}

// Tags that point now at an index listing `image` (indexes this job deleted
// do not count).
QStringList BulkDeleteJob::listedBy(const oci::Digest &image) const
{
    QStringList out;
    for (auto it = m_now.cbegin(); it != m_now.cend(); ++it) {
        if (it.value() == image || m_deleted.count(it.value()))
            continue;
        const auto children = m_indexChildren.find(it.value());
        if (children != m_indexChildren.end() && children->second.contains(image))
            out.append(it.key());
    }
    out.sort();
    return out;
}

void BulkDeleteJob::resolveMore()
{
    while (m_resolving < kConcurrentResolves && m_resolved + m_resolving < m_toResolve.size()) {
        const QString tag = m_toResolve.at(m_resolved + m_resolving);
        ++m_resolving;
        ManifestJob *job = session()->headManifest(m_plan.repository, tag);
        m_children.append(job);
        connect(job, &ManifestJob::finished, this,
                [this, tag](const ClientResult<std::shared_ptr<const CachedManifest>> &r) {
                    if (isFinished())
                        return;
                    --m_resolving;
                    ++m_resolved;
                    if (r.ok()) {
                        const oci::Digest &digest = (*r)->digest;
                        m_now.insert(tag, digest);
                        // An index, or a type the registry did not say.
                        const bool image =
                            oci::media_type::isManifestMediaType((*r)->mediaType.toStdString());
                        if (!image && !m_indexChildren.count(digest) &&
                            !m_previewed.count(digest) && !m_unknownIndexes.contains(digest))
                            m_unknownIndexes.append(digest);
                    } else if (r.error().kind != ClientErrorKind::NotFound) {
                        m_unresolved.insert(tag, r.error().message);
                    }
                    Q_EMIT progress(m_resolved, static_cast<int>(m_toResolve.size()) +
                                                    m_plan.images.size() + m_plan.tagsOnly.size());
                    if (m_resolved == m_toResolve.size())
                        fetchUnknownIndexes();
                    else
                        resolveMore();
                });
    }
}

void BulkDeleteJob::record(const QString &what, BulkDeleteOutcome::Status status,
                           const QString &message)
{
    m_outcome.items.append({what, status, message});
    ++m_next;
    Q_EMIT progress(m_resolved + m_next, static_cast<int>(m_toResolve.size()) +
                                             m_plan.images.size() + m_plan.tagsOnly.size());
    deleteNext();
}

void BulkDeleteJob::deleteNext()
{
    if (isFinished())
        return;
    const int images = static_cast<int>(m_plan.images.size());
    if (m_next < images) {
        const DeletionPlan::ImageDeletion &image = m_plan.images.at(m_next);
        const QString what = QStringLiteral("image %1 (%2)")
                                 .arg(QString::fromStdString(image.digest.shortString()),
                                      image.tags.join(QStringLiteral(", ")));
        // Exactly the tags shown must point at it now.
        QStringList moved;
        QStringList added;
        for (const QString &tag : image.tags) {
            if (m_unresolved.contains(tag)) {
                record(what, BulkDeleteOutcome::Status::Skipped,
                       tr("tag %1 could not be checked: %2").arg(tag, m_unresolved.value(tag)));
                return;
            }
            const auto now = m_now.constFind(tag);
            if (now != m_now.cend() && *now != image.digest)
                moved.append(tag);
        }
        for (auto it = m_now.cbegin(); it != m_now.cend(); ++it) {
            if (it.value() == image.digest && !image.tags.contains(it.key()))
                added.append(it.key());
        }
        if (!moved.isEmpty() || !added.isEmpty()) {
            QStringList why;
            if (!moved.isEmpty())
                why.append(tr("moved since the preview: %1").arg(moved.join(QStringLiteral(", "))));
            if (!added.isEmpty())
                why.append(tr("now also tagged %1").arg(added.join(QStringLiteral(", "))));
            record(what, BulkDeleteOutcome::Status::Skipped,
                   tr("nothing deleted: ") + why.join(QStringLiteral("; ")));
            return;
        }
        if (const QStringList listing = listedBy(image.digest); !listing.isEmpty()) {
            record(what, BulkDeleteOutcome::Status::Skipped,
                   tr("nothing deleted: the multi-arch image tagged %1 lists it")
                       .arg(listing.join(QStringLiteral(", "))));
            return;
        }
        if (!m_indexProblem.isEmpty()) {
            record(what, BulkDeleteOutcome::Status::Skipped,
                   tr("nothing deleted: ") + m_indexProblem);
            return;
        }
        DeleteManifestJob *job = session()->deleteManifest(m_plan.repository, image.digest);
        m_children.append(job);
        const oci::Digest digest = image.digest;
        connect(job, &DeleteManifestJob::finished, this,
                [this, what, digest](const ClientResult<berth::Ok> &r) {
                    if (isFinished())
                        return;
                    if (r.ok() || r.error().kind == ClientErrorKind::NotFound)
                        m_deleted.insert(digest);
                    if (r.ok())
                        record(what, BulkDeleteOutcome::Status::Deleted, {});
                    else if (r.error().kind == ClientErrorKind::NotFound)
                        record(what, BulkDeleteOutcome::Status::Skipped, tr("already gone"));
                    else if (stopsEverything(r.error().kind,
                                             session()->authenticator()->hasCredentials()))
                        fail(r.error());
                    else
                        record(what, BulkDeleteOutcome::Status::Failed, r.error().message);
                });
        return;
    }
    const int tagIndex = m_next - images;
    if (tagIndex < m_plan.tagsOnly.size()) {
        const DeletionPlan::TagDeletion &t = m_plan.tagsOnly.at(tagIndex);
        const QString what = QStringLiteral("tag %1").arg(t.tag);
        DeleteTagJob *job = session()->deleteTag(m_plan.repository, t.tag, t.digest);
        m_children.append(job);
        connect(job, &DeleteTagJob::finished, this, [this, what](const ClientResult<berth::Ok> &r) {
            if (isFinished())
                return;
            if (r.ok())
                record(what, BulkDeleteOutcome::Status::Deleted, {});
            else if (r.error().kind == ClientErrorKind::TagMoved)
                record(what, BulkDeleteOutcome::Status::Skipped, r.error().message);
            else if (stopsEverything(r.error().kind, session()->authenticator()->hasCredentials()))
                fail(r.error());
            else
                record(what, BulkDeleteOutcome::Status::Failed, r.error().message);
        });
        return;
    }
    if (beginFinish())
        Q_EMIT finished(m_outcome);
}

} // namespace berth::client
