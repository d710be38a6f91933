#pragma once

#include "client/copy_job.h"
#include "client/job.h"
#include "client/tag_pattern.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace berth::client {

class ListPageJob;
struct ListPage;

struct CopyTagsRequest
{
    QString fromRepository;
    QStringList tags; // copied in this order
    // A tag → the digest of the image it named when the user chose it:
    // that image is copied (under the tag's name) even if the tag moved.
    QHash<QString, QString> pinned;
    bool everyTag = false; // instead: every tag of fromRepository that `pattern` names
    TagPattern pattern;    // with everyTag (empty: all of them)
    QString toRepository;
    QString toTag;          // one tag only: its name at the target (empty: the same)
    bool overwrite = false; // a target tag pointing at another image is moved
    int parallel = 4;       // blobs at once, per image
    bool referrers = true;  // signatures, SBOMs, attestations go too
    QStringList platforms;  // of an index: only these (CopyRequest::platforms)
};

struct CopyTagsProgress
{
    int tagsDone = 0;
    int tags = 0;           // 0 while every tag is being listed
    QString tag;            // the one being copied
    CopyProgress image;     // of that tag
    qint64 bytesCopied = 0; // blob bytes streamed so far, every tag
};

// What became of one tag.
struct TagCopyOutcome
{
    QString tag;
    QString toTag;
    std::optional<ClientError> error; // none: copied, or there already
    CopySummary summary;              // when copied
};

struct CopyTagsSummary
{
    QList<TagCopyOutcome> tags; // in the order copied
    int copied() const;
    int unchanged() const; // the target tag named the image already
    int failed() const;
    qint64 bytesCopied() const;
    int retries() const;
};

// Copies several tags of one repository (or every tag a pattern names)
// one image after another (CopyJob, each with its blobs in parallel): a
// tag that cannot be copied (it points elsewhere at the target, it went
// from the source, its content is damaged) is recorded and the next one
// goes on. What would stop every other tag too — a login refused, the
// connection, the session gone, cancel() — ends the job with that error;
// tags copied by then stay copied, none is half-tagged.
class CopyTagsJob : public Job
{
    Q_OBJECT

public:
    CopyTagsJob(RegistrySession *source, RegistrySession *target, CopyTagsRequest request);
    ~CopyTagsJob() override;

Q_SIGNALS:
    void progress(const berth::client::CopyTagsProgress &progress);
    // One tag ended (copied, there already, or not): as it goes, so that a
    // job that fails later still tells what it did.
    void tagFinished(const berth::client::TagCopyOutcome &outcome);
    void finished(const berth::client::ClientResult<berth::client::CopyTagsSummary> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void onPage(const ClientResult<ListPage> &page);
    void nextTag();
    void onCopied(const ClientResult<CopySummary> &result);

    QPointer<RegistrySession> m_source;
    CopyTagsRequest m_request;
    QPointer<ListPageJob> m_list; // a job of the source's session
    QSet<QString> m_listed;       // tags listed so far (a registry may repeat a page)
    QPointer<CopyJob> m_copy;
    CopyTagsProgress m_progress;
    CopyTagsSummary m_summary;
};

} // namespace berth::client
