#pragma once

#include "transfer/import_request.h"

#include "archive/import_plan.h"
#include "client/job.h"

#include <QPointer>
#include <QSet>

#include <memory>

namespace berth::archive {
class LayoutReader;
}

namespace berth::client {
class BodyPipe;
class UploadBlobJob;
} // namespace berth::client

namespace berth::transfer {

// Imports one image of an OCI layout, an oci-archive or a docker-archive
// (Docker 25's) into a repository, digest for digest: the layout is
// checked whole first (archive::LayoutReader, planImport: no entry
// outside, no link, every manifest verified and every blob present),
// blobs the registry has are skipped, the others stream from the file
// into monolithic uploads one at a time (a tar is read front to back),
// verified on both sides; then the manifests, children first, and the
// tag last — a damaged archive or a cancel tags nothing. The file work
// runs on a worker (local::BackgroundTask), one call at a time.
class ImportJob : public client::Job
{
    Q_OBJECT

public:
    ImportJob(client::RegistrySession *session, ImportRequest request);
    ~ImportJob() override;

Q_SIGNALS:
    void progress(const berth::transfer::ImportProgress &progress);
    void finished(const berth::client::ClientResult<berth::transfer::ImportSummary> &result);

protected:
    void run() override;
    void emitFailure(const client::ClientError &error) override;

private:
    void onPlanned();
    void checkTag();
    void askBlobs();
    void startReading();
    void nextBlob();
    void feed();
    void onUploaded(const client::ClientResult<qint64> &result);
    void nextManifest();
    void keepReferrersTags();
    client::ClientError archiveError(const Error &error) const;

    ImportRequest m_request;
    std::shared_ptr<archive::LayoutReader> m_reader;
    archive::ImportPlan m_plan;
    QSet<QString> m_missing; // blobs the registry lacks
    int m_asked = 0;         // blobs asked about so far
    int m_inFlight = 0;      // HEADs running
    // The blob streaming now.
    QPointer<client::BodyPipe> m_pipe;
    QPointer<client::UploadBlobJob> m_upload;
    qint64 m_uploadedOfBlob = 0; // of this blob, counted in the progress
    qint64 m_blobSize = 0;
    bool m_reading = false;                           // a read on the worker
    bool m_readDone = false;                          // the blob was read to its end and matched
    std::optional<client::ClientError> m_uploadError; // waits for the read running
    bool m_uploadDone = false;
    std::size_t m_nextManifest = 0;
    bool m_referrersTagsKept = false;
    ImportProgress m_progress;
    ImportSummary m_summary;
};

} // namespace berth::transfer
