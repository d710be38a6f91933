#include "client/collect_referrers_job.h"

#include "client/manifest_job.h"
#include "client/referrers_job.h"
#include "client/registry_session.h"

#include "oci/parsed_manifest.h"

#include <algorithm>

namespace berth::client {

namespace {

constexpr int kMaxDepth = 2; // referrers of referrers (a signature of an SBOM), no deeper

// Referrers are extras: a registry that cannot list them, or one that is
// gone or unreadable, is skipped. What stops the copy itself (the network,
// a login) still does.
bool optional(const ClientError &error)
{
    switch (error.kind) {
    case ClientErrorKind::NotFound:
    case ClientErrorKind::Http:
    case ClientErrorKind::InvalidResponse:
    case ClientErrorKind::TooLarge:
    case ClientErrorKind::DigestMismatch:
        return true;
    default:
        return false;
    }
}

} // namespace

CollectReferrersJob::CollectReferrersJob(RegistrySession *session, QString repository,
                                         QList<oci::Digest> subjects)
    : Job(session)
    , m_repository(std::move(repository))
{
    for (oci::Digest &d : subjects)
        m_subjects.append({std::move(d), 0});
}

void CollectReferrersJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void CollectReferrersJob::run()
{
    if (!checkRepository(m_repository))
        return;
    nextSubject();
}

void CollectReferrersJob::nextSubject()
{
    if (!m_toFetch.isEmpty()) {
        fetchNext();
        return;
    }
    if (m_subjects.isEmpty()) {
        if (beginFinish())
            Q_EMIT finished(m_found);
        return;
    }
    const auto next = m_subjects.takeFirst();
    const oci::Digest subject = next.first;
    m_depth = next.second;
    auto *job = session()->listReferrers(m_repository, subject);
    job->setParent(this);
    connect(job, &ReferrersJob::finished, this,
            [this, subject](const ClientResult<Referrers> &result) {
                if (!result.ok() && !optional(result.error())) {
                    fail(result.error());
                    return;
                }
                if (!result.ok()) { // a registry that cannot list them: none from there
                    probeCosignTags(subject, {QStringLiteral(".sig"), QStringLiteral(".att"),
                                              QStringLiteral(".sbom")});
                    return;
                }
                for (const oci::Descriptor &d : result.value().manifests)
                    queue(QString::fromStdString(d.digest.toString()));
                // Found through the fallback tag: that index goes too, tagged
                // (as read: no second GET).
                if (result.value().fallbackIndex && !result.value().manifests.isEmpty())
                    keep(result.value().fallbackIndex, Referrers::fallbackTag(subject));
                probeCosignTags(subject, {QStringLiteral(".sig"), QStringLiteral(".att"),
                                          QStringLiteral(".sbom")});
            });
}

// cosign's tags, each asked for with one GET (a HEAD would need a GET after).
void CollectReferrersJob::probeCosignTags(const oci::Digest &subject, QStringList suffixes)
{
    if (suffixes.isEmpty()) {
        nextSubject();
        return;
    }
    const QString tag = Referrers::fallbackTag(subject) + suffixes.takeFirst();
    auto *job = session()->getManifest(m_repository, tag);
    job->setParent(this);
    connect(job, &ManifestJob::finished, this,
            [this, subject, suffixes,
             tag](const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
                if (!result.ok() && !optional(result.error())) {
                    fail(result.error());
                    return;
                }
                if (result.ok())
                    keep(result.value(), tag);
                probeCosignTags(subject, suffixes);
            });
}

void CollectReferrersJob::queue(const QString &digest)
{
    if (m_seen.contains(digest))
        return;
    m_seen.insert(digest);
    m_toFetch.append(digest);
}

void CollectReferrersJob::fetchNext()
{
    auto *job = session()->getManifest(m_repository, m_toFetch.takeFirst());
    job->setParent(this);
    connect(job, &ManifestJob::finished, this,
            [this](const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
                if (!result.ok() && !optional(result.error())) {
                    fail(result.error());
                    return;
                }
                if (!result.ok()) { // listed but gone, or unreadable: not copied
                    nextSubject();
                    return;
                }
                keep(result.value(), {});
                nextSubject();
            });
}

// Each referrer once: listed by digest and found under a tag too, it is
// kept with its tag. A new image referrer is asked about in turn.
void CollectReferrersJob::keep(const std::shared_ptr<const CachedManifest> &manifest,
                               const QString &tag)
{
    m_seen.insert(QString::fromStdString(manifest->digest.toString()));
    const auto same =
        std::find_if(m_found.begin(), m_found.end(), [&manifest](const ReferrerManifest &r) {
            return r.manifest->digest == manifest->digest;
        });
    if (same != m_found.end()) {
        if (same->tag.isEmpty())
            same->tag = tag;
        return;
    }
    m_found.append({manifest, tag});
    if (m_depth + 1 < kMaxDepth && manifest->parsed && !manifest->parsed->isIndex())
        m_subjects.append({manifest->digest, m_depth + 1});
}

} // namespace berth::client
