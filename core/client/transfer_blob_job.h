#pragma once

#include "client/job.h"

#include "oci/digest.h"
#include "relay/blob_relay.h"

#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace berth::local {
class BackgroundTask;
}

namespace berth::client {

struct HttpReply;

// One blob from a repository of one registry into a repository of
// another, streamed: the target's upload is opened here (POST, with the
// session's login), then relay::relayBlob streams the source's GET into it
// (PUT ?digest=) on a thread of its own, so no byte passes this thread's
// event loop and nothing is held whole or written to disk. Both logins come
// from the sessions' authenticators; a login one side refuses (an expired
// token) is fetched again once, on a fresh upload. Any failure abandons the
// upload at the target. Runs on the target's session.
class TransferBlobJob : public Job
{
    Q_OBJECT

public:
    TransferBlobJob(RegistrySession *source, QString fromRepository, RegistrySession *target,
                    QString toRepository, oci::Digest digest, qint64 size);
    ~TransferBlobJob() override;

    // Waits up to `limit` for relays still winding down (each ends within
    // 100 ms of its job's stop), for a program about to exit: none is then
    // inside libcurl while the process tears down.
    static void waitForRelays(std::chrono::milliseconds limit);

Q_SIGNALS:
    void transferred(qint64 bytes); // taken by the target so far, for progress
    void finished(const berth::client::ClientResult<qint64> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    enum class Side
    {
        Source,
        Target
    };

    void openUpload();
    void onUploadOpened(const ClientResult<QUrl> &location);
    void authorize(Side side);
    void startRelay();
    void onRelayed(const relay::RelayResult &result);
    bool askAgain(const relay::RelayError &error);
    ClientError errorFor(const relay::RelayError &error) const;
    void log(const std::vector<relay::RelayExchange> &exchanges);
    void abandonUpload();
    RegistrySession *sessionAt(Side side) const;
    QStringList &scopesAt(Side side);
    QString subject() const;

    QPointer<RegistrySession> m_source;
    QString m_fromRepository;
    QString m_toRepository;
    oci::Digest m_digest;
    qint64 m_size;
    QUrl m_location; // the open upload at the target
    QPointer<local::BackgroundTask> m_relay;
    QStringList m_sourceScopes; // the login each side is asked with
    QStringList m_targetScopes;
    bool m_askedSourceAgain = false;
    bool m_askedTargetAgain = false;
};

} // namespace berth::client
