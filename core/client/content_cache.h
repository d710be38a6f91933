#pragma once

#include "oci/digest.h"
#include "oci/image_config.h"
#include "oci/parsed_manifest.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

namespace berth::client {

class Job;

struct CachedManifest
{
    oci::Digest digest;
    QByteArray bytes;
    QString mediaType;
    std::shared_ptr<const oci::ParsedManifest> parsed;
};

struct CachedConfig
{
    oci::Digest digest;
    QByteArray bytes;
    std::shared_ptr<const oci::ImageConfig> config;
};

// Content-addressed cache of one session: manifests and configs by digest
// are immutable, so a hit never needs the network; tag → digest is only a
// hint (re-checked with HEAD). Bounded by bytes, oldest entries go first.
class ContentCache : public QObject
{
    Q_OBJECT

public:
    explicit ContentCache(QObject *parent = nullptr, qint64 maxBytes = 64 * 1024 * 1024);

    std::shared_ptr<const CachedManifest> manifest(const oci::Digest &digest) const;
    void putManifest(std::shared_ptr<const CachedManifest> manifest);

    std::shared_ptr<const CachedConfig> config(const oci::Digest &digest) const;
    void putConfig(std::shared_ptr<const CachedConfig> config);

    std::optional<oci::Digest> tagHint(const QString &repository, const QString &tag) const;
    void putTagHint(const QString &repository, const QString &tag, const oci::Digest &digest);
    void forgetRepository(const QString &repository);

    // GETs of content on their way, by key ("manifest <digest>", "config
    // <digest>"): a job wanting the same bytes follows the one in flight
    // instead of asking again. A finished or destroyed job is no longer in flight.
    Job *inFlight(const QString &key) const;
    void setInFlight(const QString &key, Job *job);

    qint64 bytes() const { return m_bytes; }
    void clear();

private:
    void evict();

    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    QHash<QString, std::shared_ptr<const CachedManifest>> m_manifests;
    QHash<QString, std::shared_ptr<const CachedConfig>> m_configs;
    QList<QString> m_order;             // insertion order of digests, for eviction
    QHash<QString, oci::Digest> m_tags; // "repo\ntag" → digest
    QHash<QString, QPointer<Job>> m_inFlight;
};

} // namespace berth::client
