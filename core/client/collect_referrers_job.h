#pragma once

#include "client/content_cache.h"
#include "client/job.h"

#include "oci/digest.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <memory>

namespace berth::client {

// A manifest that refers to an image (a signature, an SBOM, an
// attestation), with the tag it is known by where it has one.
struct ReferrerManifest
{
    std::shared_ptr<const CachedManifest> manifest;
    QString tag; // cosign's "sha256-<hex>.sig" or the OCI fallback "sha256-<hex>"; empty: none
};

// Everything in a repository that refers to the given manifests: the
// referrers API (or its tag-schema fallback, whose tag is kept) and
// cosign's sha256-<hex>.sig / .att / .sbom tags; then what refers to
// those (a signature of an SBOM), two levels deep. Each referrer once.
// A registry that cannot list referrers, and a listed referrer that is
// gone or unreadable, are skipped; network and login failures fail it.
class CollectReferrersJob : public Job
{
    Q_OBJECT

public:
    CollectReferrersJob(RegistrySession *session, QString repository, QList<oci::Digest> subjects);

Q_SIGNALS:
    void
    finished(const berth::client::ClientResult<QList<berth::client::ReferrerManifest>> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void nextSubject();
    void probeCosignTags(const oci::Digest &subject, QStringList suffixes);
    void queue(const QString &digest);
    void keep(const std::shared_ptr<const CachedManifest> &manifest, const QString &tag);
    void fetchNext();

    QString m_repository;
    QList<std::pair<oci::Digest, int>> m_subjects; // to ask about, with their depth
    int m_depth = 0;                               // of the subject being asked about
    QStringList m_toFetch;                         // referrers listed by digest, not fetched yet
    QSet<QString> m_seen;                          // digests of referrers queued already
    QList<ReferrerManifest> m_found;
};

} // namespace berth::client
