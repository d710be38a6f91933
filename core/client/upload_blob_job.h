#pragma once

#include "client/job.h"

#include "oci/digest.h"

#include <QPointer>
#include <QUrl>

namespace berth::client {

class BodyPipe;
class HttpExchange;
struct HttpReply;

// One blob pushed monolithically: POST an upload, then PUT ?digest= its
// `size` bytes read from `pipe` as the registry takes them (the caller
// fills the pipe: a download, a file). The registry checks the digest.
// An upload given up (a failure, cancel()) is abandoned at the registry.
// The pipe must outlive the job (parent it to the same owner after it).
class UploadBlobJob : public Job
{
    Q_OBJECT

public:
    UploadBlobJob(RegistrySession *session, QString repository, oci::Digest digest, qint64 size,
                  BodyPipe *pipe);

Q_SIGNALS:
    // The registry opened the upload: the pipe is read from now on.
    void accepted();
    void uploaded(qint64 bytes); // taken by the registry so far
    void finished(const berth::client::ClientResult<qint64> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void put(const QUrl &location);
    QString subject() const;
    QStringList scopes() const;

    QString m_repository;
    oci::Digest m_digest;
    qint64 m_size;
    QPointer<BodyPipe> m_pipe;
    QUrl m_location; // the upload, once opened
};

} // namespace berth::client
