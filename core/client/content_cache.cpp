#include "client/content_cache.h"

#include "client/job.h"

namespace berth::client {

namespace {

QString key(const oci::Digest &digest)
{
    return QString::fromStdString(digest.toString());
}

QString tagKey(const QString &repository, const QString &tag)
{
    return repository + QLatin1Char('\n') + tag;
}

} // namespace

ContentCache::ContentCache(QObject *parent, qint64 maxBytes)
    : QObject(parent)
    , m_maxBytes(maxBytes)
{
}

std::shared_ptr<const CachedManifest> ContentCache::manifest(const oci::Digest &digest) const
{
    return m_manifests.value(key(digest));
}

void ContentCache::putManifest(std::shared_ptr<const CachedManifest> manifest)
{
    const QString k = key(manifest->digest);
    if (m_manifests.contains(k))
        return;
    m_bytes += manifest->bytes.size();
    m_manifests.insert(k, std::move(manifest));
    m_order.append(k);
    evict();
}

std::shared_ptr<const CachedConfig> ContentCache::config(const oci::Digest &digest) const
{
    return m_configs.value(key(digest));
}

void ContentCache::putConfig(std::shared_ptr<const CachedConfig> config)
{
    const QString k = key(config->digest);
    if (m_configs.contains(k))
        return;
    m_bytes += config->bytes.size();
    m_configs.insert(k, std::move(config));
    m_order.append(k);
    evict();
}

std::optional<oci::Digest> ContentCache::tagHint(const QString &repository,
                                                 const QString &tag) const
{
    const auto it = m_tags.constFind(tagKey(repository, tag));
    if (it == m_tags.constEnd())
        return std::nullopt;
    return *it;
}

void ContentCache::putTagHint(const QString &repository, const QString &tag,
                              const oci::Digest &digest)
{
    m_tags.insert(tagKey(repository, tag), digest);
}

void ContentCache::forgetRepository(const QString &repository)
{
    const QString prefix = repository + QLatin1Char('\n');
    for (auto it = m_tags.begin(); it != m_tags.end();) {
        if (it.key().startsWith(prefix))
            it = m_tags.erase(it);
        else
            ++it;
    }
}

void ContentCache::clear()
{
    m_manifests.clear();
    m_configs.clear();
    m_order.clear();
    m_tags.clear();
    m_bytes = 0;
}

void ContentCache::evict()
{
    while (m_bytes > m_maxBytes && !m_order.isEmpty()) {
        const QString k = m_order.takeFirst();
        if (auto m = m_manifests.take(k))
            m_bytes -= m->bytes.size();
        if (auto c = m_configs.take(k))
            m_bytes -= c->bytes.size();
    }
}

Job *ContentCache::inFlight(const QString &key) const
{
    Job *job = m_inFlight.value(key);
    return job && !job->isFinished() ? job : nullptr;
}

void ContentCache::setInFlight(const QString &key, Job *job)
{
    // Finished entries are dropped as new ones come: the map stays as large
    // as the number of fetches in flight at once, give or take.
    m_inFlight.removeIf(
        [](const auto &entry) { return !entry.value() || entry.value()->isFinished(); });
    m_inFlight.insert(key, job);
}

} // namespace berth::client
