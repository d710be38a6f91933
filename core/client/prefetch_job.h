#pragma once

#include "client/content_cache.h"
#include "client/job.h"

#include "oci/digest.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

namespace berth::client {

struct PrefetchProgress
{
    int imagesDone = 0;
    int images = 0;
    int blobsDone = 0;
    int blobs = 0;    // known so far (grows as manifests arrive)
    qint64 bytes = 0; // blob bytes received so far
    QString current;  // the image being fetched
};

struct PrefetchSummary
{
    struct Failure
    {
        QString reference;
        QString error;
    };
    int images = 0; // fetched whole
    int manifests = 0;
    int blobs = 0;
    qint64 bytes = 0;
    QStringList fetched;     // the images fetched whole, as asked for
    QList<Failure> failures; // one per image that could not be fetched whole
};

// Warms a mirror's cache (or checks that a registry serves images whole):
// each "repository:tag" or "repository@digest" is pulled through the
// session's registry — its manifest, every platform of an index, every
// config and layer — the blobs streamed, verified and dropped. Manifests
// are asked of the registry even when this session has them (a mirror must
// see the request). One request at a time; a blob shared by several images
// is fetched once. An image that fails is reported and the rest go on —
// unless the registry (or its upstream) could not be reached: the rest
// are then reported not tried. The job fails only when cancelled.
class PrefetchJob : public Job
{
    Q_OBJECT

public:
    PrefetchJob(RegistrySession *session, QStringList references);

    // "repository:tag" or "repository@digest" → (repository, reference).
    static std::optional<std::pair<QString, QString>> splitReference(const QString &text);

Q_SIGNALS:
    void progress(const berth::client::PrefetchProgress &progress);
    void finished(const berth::client::ClientResult<berth::client::PrefetchSummary> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void nextImage();
    void nextStep();
    void onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result);
    void onBlob(const ClientResult<qint64> &result);
    void imageFailed(const QString &error);
    void imageFailed(const ClientError &error);

    QStringList m_references;
    int m_nextImage = 0;
    QString m_repository;
    QStringList m_manifests;           // of the current image, still to fetch
    QList<oci::Digest> m_blobs;        // of the current image, still to fetch
    std::optional<oci::Digest> m_blob; // being fetched
    QSet<QString> m_fetched;           // blobs fetched whole, by any image
    qint64 m_blobBytesBefore = 0;
    PrefetchProgress m_progress;
    PrefetchSummary m_summary;
};

} // namespace berth::client

Q_DECLARE_METATYPE(berth::client::PrefetchProgress)
