#include "client/image_graph_job.h"

#include "client/manifest_job.h"
#include "client/registry_session.h"

#include "oci/parsed_manifest.h"

#include <QSet>

#include <algorithm>

namespace berth::client {

namespace {

QString text(const oci::Digest &digest)
{
    return QString::fromStdString(digest.toString());
}

} // namespace

qint64 ImageGraph::blobBytes() const
{
    qint64 total = 0;
    for (const oci::Descriptor &blob : blobs)
        total += std::max<std::int64_t>(blob.size, 0); // schema1: -1
    return total;
}

ImageGraphJob::ImageGraphJob(RegistrySession *session, QString repository, QString reference,
                             bool referrers)
    : Job(session)
    , m_repository(std::move(repository))
    , m_toFetch{std::move(reference)}
    , m_referrers(referrers)
{
}

void ImageGraphJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void ImageGraphJob::run()
{
    if (!checkRepository(m_repository))
        return;
    fetchNext();
}

void ImageGraphJob::fetchNext()
{
    if (m_toFetch.isEmpty()) {
        collectReferrers();
        return;
    }
    auto *job = session()->getManifest(m_repository, m_toFetch.takeFirst());
    job->setParent(this);
    connect(job, &ManifestJob::finished, this, &ImageGraphJob::onManifest);
}

void ImageGraphJob::onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result)
{
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const auto &manifest = result.value();
    if (!manifest->parsed) {
        fail({ClientErrorKind::InvalidResponse,
              tr("%1@%2 is no manifest Berth can read.").arg(m_repository, text(manifest->digest)),
              0,
              {},
              {}});
        return;
    }
    m_graph.manifests.append(manifest);
    if (manifest->parsed->isIndex()) {
        for (const oci::Descriptor &d : manifest->parsed->references())
            m_toFetch.append(text(d.digest));
    } else {
        addBlobsOf(*manifest);
    }
    Q_EMIT found(static_cast<int>(m_graph.manifests.size()), static_cast<int>(m_graph.blobs.size()),
                 m_graph.blobBytes());
    fetchNext();
}

void ImageGraphJob::addBlobsOf(const CachedManifest &manifest)
{
    for (const oci::Descriptor &d : manifest.parsed->references()) {
        const bool known =
            std::any_of(m_graph.blobs.cbegin(), m_graph.blobs.cend(),
                        [&d](const oci::Descriptor &b) { return b.digest == d.digest; });
        if (d.urls.empty() && !known)
            m_graph.blobs.append(d);
    }
}

void ImageGraphJob::collectReferrers()
{
    if (!m_referrers) {
        if (beginFinish())
            Q_EMIT finished(m_graph);
        return;
    }
    QList<oci::Digest> subjects;
    for (const auto &m : std::as_const(m_graph.manifests))
        subjects.append(m->digest);
    auto *collector = new CollectReferrersJob(session(), m_repository, subjects);
    collector->setParent(this);
    connect(collector, &CollectReferrersJob::finished, this, &ImageGraphJob::onReferrers);
}

void ImageGraphJob::onReferrers(const ClientResult<QList<ReferrerManifest>> &result)
{
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    QSet<QString> images; // referrer images: what an index referrer may list
    for (const ReferrerManifest &r : result.value()) {
        if (r.manifest->parsed && !r.manifest->parsed->isIndex())
            images.insert(text(r.manifest->digest));
    }
    for (const ReferrerManifest &r : result.value()) {
        if (!r.manifest->parsed)
            continue;
        if (r.manifest->parsed->isIndex()) {
            // Only an index of referrers found with it (the fallback tag's):
            // any other would name manifests not taken along.
            const auto children = r.manifest->parsed->referencedDigests();
            if (!std::all_of(children.cbegin(), children.cend(),
                             [&images](const oci::Digest &d) { return images.contains(text(d)); }))
                continue;
        } else {
            addBlobsOf(*r.manifest);
        }
        m_graph.referrers.append(r);
    }
    m_graph.referrerImages = static_cast<int>(images.size());
    if (beginFinish())
        Q_EMIT finished(m_graph);
}

} // namespace berth::client
