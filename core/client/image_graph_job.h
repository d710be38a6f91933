#pragma once

#include "client/collect_referrers_job.h"
#include "client/content_cache.h"
#include "client/job.h"

#include "oci/descriptor.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

namespace berth::client {

// Everything one image is made of, as a copy or an export needs it.
struct ImageGraph
{
    // The image's own manifest first, then its platforms (an index's children).
    QList<std::shared_ptr<const CachedManifest>> manifests;
    // Its configs and layers, and its referrers', each once; foreign layers
    // (fetched from their URLs, never from a registry) are not listed.
    QList<oci::Descriptor> blobs;
    // Signatures, SBOMs, attestations: each referrer image, and an index
    // only when it lists referrers found with it (the fallback tag's).
    QList<ReferrerManifest> referrers;
    int referrerImages = 0;

    qint64 blobBytes() const;
};

// Reads an image's manifests (every platform of an index) from one
// repository and, unless told not to, collects its referrers
// (CollectReferrersJob). A manifest Berth cannot parse fails it.
class ImageGraphJob : public Job
{
    Q_OBJECT

public:
    ImageGraphJob(RegistrySession *session, QString repository, QString reference, bool referrers);

Q_SIGNALS:
    // What is known so far: manifests read and blobs named (for progress).
    void found(int manifests, int blobs, qint64 blobBytes);
    void finished(const berth::client::ClientResult<berth::client::ImageGraph> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void fetchNext();
    void onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result);
    void addBlobsOf(const CachedManifest &manifest);
    void collectReferrers();
    void onReferrers(const ClientResult<QList<ReferrerManifest>> &result);

    QString m_repository;
    QStringList m_toFetch; // manifest references not fetched yet
    bool m_referrers;
    ImageGraph m_graph;
};

} // namespace berth::client
