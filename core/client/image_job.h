#pragma once

#include "client/image_description.h"
#include "client/job.h"

#include <QPointer>

namespace berth::client {

class BlobJob;

// Resolves a reference to its manifest, config(s), sizes and created date.
// Tags the cache has seen are re-checked with one HEAD; everything addressed
// by digest comes from the cache when present, or from the same fetch
// already in flight. Index children are described concurrently (nested
// indexes up to a small depth).
class ImageJob : public Job
{
    Q_OBJECT

public:
    ImageJob(RegistrySession *session, QString repository, QString reference, int depth = 0);

    const QString &repository() const { return m_repository; }
    const QString &reference() const { return m_reference; }

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::ImageDescription> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void fetchManifest(const QString &reference);
    void onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result);
    void describeImage();
    void fetchConfig(const oci::Digest &digest);
    void followConfig(BlobJob *leader, const oci::Digest &digest);
    void onConfig(const oci::Digest &digest, const ClientResult<QByteArray> &bytes);
    void useConfig(std::shared_ptr<const CachedConfig> config);
    void describeIndex();
    void onChild(int index, const ClientResult<ImageDescription> &child);
    void succeed();

    QString m_repository;
    QString m_reference;
    int m_depth;
    ImageDescription m_result;
    QPointer<BlobJob> m_configJob;
    int m_pendingChildren = 0;
    QList<std::optional<ClientResult<ImageDescription>>> m_children;
};

} // namespace berth::client
