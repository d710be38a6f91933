#pragma once

#include "client/job.h"

#include <QString>

namespace berth::client {

struct PingInfo
{
    QString apiVersion;       // Docker-Distribution-Api-Version, e.g. "registry/2.0"
    QString authScheme;       // "none", "basic", "bearer"
    bool loggedIn = false;    // a login was needed and accepted
    qint64 latencyMs = 0;     // of the final request
    QString tlsSummary;       // "CN=… issued by CN=…, valid until …" for HTTPS
    bool berthMirror = false; // a berth-registry mirror: GET /berth/v1/cache lists its store
};

// GET /v2/: reachability, API version, auth scheme; with a login, checks it.
class PingJob : public Job
{
    Q_OBJECT

public:
    explicit PingJob(RegistrySession *session);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::PingInfo> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;
};

} // namespace berth::client
