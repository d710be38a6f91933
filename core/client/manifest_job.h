#pragma once

#include "client/content_cache.h"
#include "client/job.h"

#include <memory>

namespace berth::client {

struct HttpReply;

// GET (or HEAD) /v2/<name>/manifests/<reference> with the full Accept list.
// GET verifies the body against the digest asked for and against
// Docker-Content-Digest, parses it, and caches it by digest. HEAD returns
// the digest only (falls back to GET when the registry sends no digest).
// A GET by digest is answered from the session's content cache, or by the
// same GET already in flight, before it asks the registry.
class ManifestJob : public Job
{
    Q_OBJECT

public:
    enum class Method
    {
        Get,
        Head,
        GetFromRegistry, // a GET that always asks the registry (a mirror's cache must see it)
    };
    ManifestJob(RegistrySession *session, QString repository, QString reference, Method method);

    const QString &repository() const { return m_repository; }
    const QString &reference() const { return m_reference; }

Q_SIGNALS:
    // For HEAD the manifest has only its digest (and media type when sent).
    void
    finished(const berth::client::ClientResult<std::shared_ptr<const berth::client::CachedManifest>>
                 &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void follow(ManifestJob *leader);
    void request(Method method);
    void onResponse(Method method, const ClientResult<HttpReply> &result);
    void succeed(std::shared_ptr<const CachedManifest> manifest);

    QString m_repository;
    QString m_reference;
    Method m_method;
    std::optional<oci::Digest> m_referenceDigest;
};

} // namespace berth::client
