#pragma once

#include "client/job.h"

#include "oci/digest.h"
#include "oci/digest_hasher.h"

#include <QByteArrayView>
#include <QPointer>

#include <functional>

namespace berth::client {

class BodyPipe;
struct HttpReply;

// GET /v2/<name>/blobs/<digest> of any size: the bytes go to `sink` as they
// arrive (nothing is kept in memory; the sink may stop the transfer by
// returning false), hashed on the way, and the job succeeds with the
// byte count only if they match the digest. Redirects to blob storage are
// followed as for every request (no Authorization to another host).
class StreamBlobJob : public Job
{
    Q_OBJECT

public:
    StreamBlobJob(RegistrySession *session, QString repository, oci::Digest digest,
                  std::function<bool(QByteArrayView)> sink);
    // Before it starts: reading pauses while `pacer` (the sink's pipe) is full.
    void setPacer(BodyPipe *pacer) { m_pacer = pacer; }

Q_SIGNALS:
    // Bytes so far (for progress), at most every few chunks.
    void received(qint64 bytes);
    void finished(const berth::client::ClientResult<qint64> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void onResponse(const ClientResult<HttpReply> &result);

    QString m_repository;
    oci::Digest m_digest;
    std::function<bool(QByteArrayView)> m_sink;
    QPointer<BodyPipe> m_pacer;
    oci::DigestHasher m_hasher;
    qint64 m_bytes = 0;
};

} // namespace berth::client
