#pragma once

#include "client/deletion_plan.h"
#include "client/job.h"

#include <QHash>
#include <QPointer>

#include <map>
#include <set>

namespace berth::client {

struct ListPage;
struct CachedManifest;

struct BulkDeleteOutcome
{
    enum class Status
    {
        Deleted,
        Skipped, // a tag moved or a new tag points at the image: nothing deleted
        Failed
    };
    struct Item
    {
        QString what; // "image sha256:… (a, b)" or "tag c"
        Status status = Status::Deleted;
        QString message;
    };
    QList<Item> items;
    int count(Status status) const;
};

// Carries out a DeletionPlan, one deletion at a time, and deletes nothing
// the user did not see: first every tag of the repository is resolved again
// (HEAD, a few at a time); an image is deleted only if exactly the tags the
// plan showed still point at it — a moved tag or a new one skips it — and no
// multi-arch index that a tag points at now lists it (indexes the preview did
// not know are fetched to find out). Tag-only deletions go through
// DeleteTagJob (which checks its tag again). cancel() stops before the next
// deletion. finished() carries one line per deletion — or the error of a
// deletion refused for want of a login (Unauthorized; Denied without a
// login yet), which stops the job: the others would be refused alike.
class BulkDeleteJob : public Job
{
    Q_OBJECT

public:
    BulkDeleteJob(RegistrySession *session, DeletionPlan plan);
    // Cancels the sub-job in flight (its request is aborted).
    ~BulkDeleteJob() override;

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const berth::client::ClientResult<berth::client::BulkDeleteOutcome> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void onPage(const ClientResult<ListPage> &page);
    void resolveMore();
    void fetchUnknownIndexes();
    QStringList listedBy(const oci::Digest &image) const;
    void deleteNext();
    void record(const QString &what, BulkDeleteOutcome::Status status, const QString &message);

    DeletionPlan m_plan;
    QStringList m_toResolve;
    int m_resolving = 0;
    int m_resolved = 0;
    QHash<QString, oci::Digest> m_now;    // tag → digest, as resolved just now
    QHash<QString, QString> m_unresolved; // tag → why it could not be resolved
    std::map<oci::Digest, QList<oci::Digest>> m_indexChildren; // known indexes' children
    QList<oci::Digest> m_unknownIndexes; // indexes tags point at now, not in the plan
    QString m_indexProblem;              // why an index could not be read
    std::set<oci::Digest> m_previewed;   // digests the plan's tags pointed at
    std::set<oci::Digest> m_deleted;     // images this job deleted
    int m_next = 0;                      // index over images then tagsOnly
    BulkDeleteOutcome m_outcome;
    QList<QPointer<Job>> m_children;
};

} // namespace berth::client
