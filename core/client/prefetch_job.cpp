#include "client/prefetch_job.h"

#include "client/manifest_job.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"

#include "oci/parsed_manifest.h"

namespace berth::client {

PrefetchJob::PrefetchJob(RegistrySession *session, QStringList references)
    : Job(session)
    , m_references(std::move(references))
{
    m_progress.images = static_cast<int>(m_references.size());
}

std::optional<std::pair<QString, QString>> PrefetchJob::splitReference(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype at = trimmed.indexOf(QLatin1Char('@'));
    if (at > 0)
        return std::pair{trimmed.left(at), trimmed.mid(at + 1)};
    const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && colon > trimmed.lastIndexOf(QLatin1Char('/')))
        return std::pair{trimmed.left(colon), trimmed.mid(colon + 1)};
    return std::nullopt;
}

void PrefetchJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void PrefetchJob::run()
{
    nextImage();
}

void PrefetchJob::nextImage()
{
    if (m_nextImage >= m_references.size()) {
        m_progress.current.clear();
        Q_EMIT progress(m_progress); // all done
        if (beginFinish())
            Q_EMIT finished(m_summary);
        return;
    }
    const QString reference = m_references[m_nextImage++];
    m_progress.current = reference;
    Q_EMIT progress(m_progress);
    const auto split = splitReference(reference);
    if (!split) {
        imageFailed(tr("not an image reference (repository:tag or repository@digest)"));
        return;
    }
    m_repository = split->first;
    m_manifests = {split->second};
    m_blobs.clear();
    nextStep();
}

void PrefetchJob::nextStep()
{
    if (!m_manifests.isEmpty()) {
        auto *job = session()->getManifestFromRegistry(m_repository, m_manifests.takeFirst());
        job->setParent(this);
        connect(job, &ManifestJob::finished, this, &PrefetchJob::onManifest);
        return;
    }
    if (!m_blobs.isEmpty()) {
        m_blob = m_blobs.takeFirst();
        m_blobBytesBefore = m_progress.bytes;
        auto *job = session()->streamBlob(m_repository, *m_blob, {});
        job->setParent(this);
        connect(job, &StreamBlobJob::received, this, [this](qint64 bytes) {
            m_progress.bytes = m_blobBytesBefore + bytes;
            Q_EMIT progress(m_progress);
        });
        connect(job, &StreamBlobJob::finished, this, &PrefetchJob::onBlob);
        return;
    }
    ++m_summary.images;
    m_summary.fetched << m_progress.current;
    ++m_progress.imagesDone;
    nextImage();
}

void PrefetchJob::onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result)
{
    if (!result.ok()) {
        imageFailed(result.error());
        return;
    }
    ++m_summary.manifests;
    const auto &parsed = result.value()->parsed;
    if (parsed && parsed->index()) {
        for (const oci::Digest &child : parsed->referencedDigests())
            m_manifests << QString::fromStdString(child.toString());
    } else if (parsed) {
        for (const oci::Digest &blob : parsed->referencedDigests()) {
            if (m_fetched.contains(QString::fromStdString(blob.toString())) ||
                m_blobs.contains(blob))
                continue;
            m_blobs << blob;
            ++m_progress.blobs;
        }
    }
    Q_EMIT progress(m_progress);
    nextStep();
}

void PrefetchJob::onBlob(const ClientResult<qint64> &result)
{
    if (!result.ok()) {
        imageFailed(result.error());
        return;
    }
    m_fetched.insert(QString::fromStdString(m_blob->toString()));
    ++m_summary.blobs;
    m_summary.bytes += result.value();
    ++m_progress.blobsDone;
    m_progress.bytes = m_blobBytesBefore + result.value();
    Q_EMIT progress(m_progress);
    nextStep();
}

void PrefetchJob::imageFailed(const ClientError &error)
{
    const bool unreachable =
        error.kind == ClientErrorKind::Network || error.kind == ClientErrorKind::Timeout ||
        (error.kind == ClientErrorKind::Http &&
         (error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504));
    if (!unreachable) {
        imageFailed(error.message);
        return;
    }
    // Every other image would wait for the same retries and fail the same way.
    m_summary.failures.append({m_progress.current, error.message});
    for (; m_nextImage < m_references.size(); ++m_nextImage)
        m_summary.failures.append(
            {m_references[m_nextImage],
             tr("not tried after %1 failed: the registry or its upstream could not serve it")
                 .arg(m_progress.current)});
    m_progress.imagesDone = m_progress.images;
    nextImage();
}

void PrefetchJob::imageFailed(const QString &error)
{
    m_summary.failures.append({m_progress.current, error});
    ++m_progress.imagesDone;
    nextImage();
}

} // namespace berth::client
