#pragma once

#include "client/job.h"

#include "oci/digest.h"

#include <QPointer>

namespace berth::client {

class BodyPipe;
class StreamBlobJob;
class UploadBlobJob;

// One blob from a repository of one registry into a repository of
// another, streamed: the source's GET feeds the target's monolithic
// upload (UploadBlobJob: POST, then PUT ?digest= with its Content-Length)
// through a bounded BodyPipe, so nothing is held whole or written to disk. The
// source bytes are checked against the digest on the way and the target
// checks them again. A failure on either side (or the source session
// going away) stops the other and abandons the upload. Runs on the
// target's session; the download is a job of the source's.
class TransferBlobJob : public Job
{
    Q_OBJECT

public:
    TransferBlobJob(RegistrySession *source, QString fromRepository, RegistrySession *target,
                    QString toRepository, oci::Digest digest, qint64 size);
    ~TransferBlobJob() override;

Q_SIGNALS:
    void transferred(qint64 bytes); // taken by the target so far, for progress
    void finished(const berth::client::ClientResult<qint64> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void startDownload();
    void onSourceDone(const ClientResult<qint64> &result);
    void onUploadDone(const ClientResult<qint64> &result);
    void stop(const ClientError &error);
    void stopDownload();
    QString subject() const;

    QPointer<RegistrySession> m_source;
    QString m_fromRepository;
    QString m_toRepository;
    oci::Digest m_digest;
    qint64 m_size;
    QPointer<BodyPipe> m_pipe;
    QPointer<StreamBlobJob> m_download;
    QPointer<UploadBlobJob> m_upload;
};

} // namespace berth::client
