#pragma once

#include "client/content_cache.h"
#include "client/job.h"

#include "oci/descriptor.h"

#include <QList>

#include <memory>

namespace berth::client {

struct Referrers
{
    QList<oci::Descriptor> manifests; // signatures, SBOMs, attestations, ...
    bool viaTagSchema = false;        // the registry has no referrers API
    bool filteredByRegistry = false;  // OCI-Filters-Applied: artifactType
    // viaTagSchema: the index read under fallbackTag() (null: none there).
    std::shared_ptr<const CachedManifest> fallbackIndex;

    // The referrers tag schema's tag for `subject`: "sha256-<hex>" (also
    // the stem of cosign's .sig/.att/.sbom tags).
    static QString fallbackTag(const oci::Digest &subject);
    // Whether `tag` is such a tag ("sha256-<64 hex>"; not cosign's .sig/.att/.sbom).
    static bool isFallbackTag(const QString &tag);
};

// GET /v2/<name>/referrers/<digest> (OCI 1.1); on 404 falls back to the
// referrers tag schema (tag sha256-<hex>); none of either is an empty list.
class ReferrersJob : public Job
{
    Q_OBJECT

public:
    ReferrersJob(RegistrySession *session, QString repository, oci::Digest subject,
                 QString artifactType);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::Referrers> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void fallbackToTag();
    void finishWith(Referrers referrers);

    QString m_repository;
    oci::Digest m_subject;
    QString m_artifactType;
};

} // namespace berth::client
