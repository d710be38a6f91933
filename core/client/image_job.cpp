#include "client/image_job.h"

#include "client/blob_job.h"
#include "client/manifest_job.h"
#include "client/registry_session.h"

#include "oci/media_types.h"

#include <unordered_set>

namespace berth::client {

namespace {

constexpr int kMaxIndexDepth = 3;
constexpr qint64 kMaxConfigBytes = 8 * 1024 * 1024;

bool isImageConfigType(const std::string &mediaType)
{
    return mediaType == oci::media_type::OciConfig || mediaType == oci::media_type::DockerConfig;
}

void addBlob(std::vector<BlobRef> &blobs, std::unordered_set<std::string> &seen,
             const oci::Descriptor &d)
{
    if (seen.insert(d.digest.toString()).second)
        blobs.push_back(BlobRef{d.digest, d.size});
}

} // namespace

ImageJob::ImageJob(RegistrySession *session, QString repository, QString reference, int depth)
    : Job(session)
    , m_repository(std::move(repository))
    , m_reference(std::move(reference))
    , m_depth(depth)
{
    m_result.repository = m_repository;
    m_result.reference = m_reference;
}

void ImageJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void ImageJob::run()
{
    const bool isTag = !m_reference.contains(QLatin1Char(':'));
    if (isTag && session()->cache()->tagHint(m_repository, m_reference)) {
        // Seen before: one HEAD tells whether the tag still points at the cached digest.
        auto *head =
            new ManifestJob(session(), m_repository, m_reference, ManifestJob::Method::Head);
        head->setParent(this);
        connect(head, &ManifestJob::finished, this,
                [this](const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
                    if (!result.ok()) {
                        fail(result.error());
                        return;
                    }
                    fetchManifest(QString::fromStdString(result.value()->digest.toString()));
                });
        return;
    }
    fetchManifest(m_reference);
}

void ImageJob::fetchManifest(const QString &reference)
{
    auto *job = new ManifestJob(session(), m_repository, reference, ManifestJob::Method::Get);
    job->setParent(this);
    connect(job, &ManifestJob::finished, this, &ImageJob::onManifest);
}

void ImageJob::onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result)
{
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    m_result.manifest = result.value();
    const oci::ParsedManifest &parsed = *m_result.manifest->parsed;
    if (parsed.isIndex())
        describeIndex();
    else
        describeImage();
}

void ImageJob::describeImage()
{
    const oci::ImageManifest *image = m_result.manifest->parsed->image();
    if (!image) {
        // schema1: no sizes in the manifest.
        succeed();
        return;
    }
    std::unordered_set<std::string> seen;
    qint64 size = image->config.size;
    addBlob(m_result.blobs, seen, image->config);
    for (const oci::Descriptor &layer : image->layers) {
        size += layer.size;
        addBlob(m_result.blobs, seen, layer);
    }
    m_result.size = size;

    if (!isImageConfigType(image->config.mediaType)) {
        succeed(); // an artifact: its config is not an image config
        return;
    }
    const oci::Digest configDigest = image->config.digest;
    if (auto cached = session()->cache()->config(configDigest)) {
        useConfig(cached);
        return;
    }
    const QString key = QStringLiteral("config ") + QString::fromStdString(configDigest.toString());
    if (auto *leader = qobject_cast<BlobJob *>(session()->cache()->inFlight(key))) {
        followConfig(leader, configDigest);
        return;
    }
    fetchConfig(configDigest);
    session()->cache()->setInFlight(key, m_configJob);
}

void ImageJob::fetchConfig(const oci::Digest &digest)
{
    m_configJob = new BlobJob(session(), m_repository, digest,
                              std::min(kMaxConfigBytes, session()->endpoint().maxJsonBytes));
    m_configJob->setParent(this);
    connect(m_configJob, &BlobJob::finished, this,
            [this, digest](const ClientResult<QByteArray> &bytes) { onConfig(digest, bytes); });
}

void ImageJob::followConfig(BlobJob *leader, const oci::Digest &digest)
{
    // Another image's fetch of the same config: its bytes are ours.
    followLeader(
        leader, &BlobJob::finished,
        [this, digest](const QByteArray &bytes) { onConfig(digest, bytes); },
        [this, digest] { fetchConfig(digest); });
}

void ImageJob::useConfig(std::shared_ptr<const CachedConfig> config)
{
    m_result.created = config->config ? config->config->created : std::nullopt;
    m_result.config = std::move(config);
    succeed();
}

void ImageJob::onConfig(const oci::Digest &digest, const ClientResult<QByteArray> &bytes)
{
    if (!bytes.ok()) {
        fail(bytes.error());
        return;
    }
    if (auto cached = session()->cache()->config(digest)) {
        useConfig(cached); // parsed by the fetch this job followed
        return;
    }
    auto parsed = oci::parseImageConfig(std::string_view(
        bytes.value().constData(), static_cast<std::size_t>(bytes.value().size())));
    if (!parsed.ok()) {
        fail(ClientError{
            ClientErrorKind::InvalidResponse,
            tr("The image config of %1:%2 is invalid: %3")
                .arg(m_repository, m_reference, QString::fromStdString(parsed.error().message)),
            0,
            {},
            {}});
        return;
    }
    auto config = std::make_shared<CachedConfig>(
        CachedConfig{digest, bytes.value(),
                     std::make_shared<const oci::ImageConfig>(std::move(parsed.value()))});
    session()->cache()->putConfig(config);
    useConfig(config);
}

void ImageJob::describeIndex()
{
    const oci::ImageIndex *index = m_result.manifest->parsed->index();
    const auto &children = index->manifests;
    if (children.empty() || m_depth >= kMaxIndexDepth) {
        for (const oci::Descriptor &d : children) {
            PlatformImage image{d, nullptr, nullptr, -1, tr("index nested too deeply")};
            (d.isAttestation() ? m_result.attestations : m_result.platforms).append(image);
        }
        m_result.size = children.empty() ? 0 : -1;
        succeed();
        return;
    }
    m_children.resize(static_cast<qsizetype>(children.size()));
    m_pendingChildren = static_cast<int>(children.size());
    for (std::size_t i = 0; i < children.size(); ++i) {
        auto *job =
            new ImageJob(session(), m_repository,
                         QString::fromStdString(children[i].digest.toString()), m_depth + 1);
        job->setParent(this);
        const int slot = static_cast<int>(i);
        connect(
            job, &ImageJob::finished, this,
            [this, slot](const ClientResult<ImageDescription> &child) { onChild(slot, child); });
    }
}

void ImageJob::onChild(int slot, const ClientResult<ImageDescription> &child)
{
    m_children[slot] = child;
    if (--m_pendingChildren > 0)
        return;

    const auto &descriptors = m_result.manifest->parsed->index()->manifests;
    std::unordered_set<std::string> seen;
    qint64 total = 0;
    bool complete = true;
    for (qsizetype i = 0; i < m_children.size(); ++i) {
        const oci::Descriptor &d = descriptors[static_cast<std::size_t>(i)];
        const auto &result = *m_children[i];
        PlatformImage image;
        image.descriptor = d;
        if (result.ok()) {
            const ImageDescription &desc = result.value();
            image.manifest = desc.manifest;
            image.config = desc.config;
            image.size = desc.size;
            for (const BlobRef &blob : desc.blobs) {
                if (seen.insert(blob.digest.toString()).second) {
                    m_result.blobs.push_back(blob);
                    total += blob.size;
                }
            }
            if (desc.size < 0)
                complete = false;
            if (!d.isAttestation() && desc.created &&
                (!m_result.created || *desc.created > *m_result.created))
                m_result.created = desc.created;
        } else {
            image.error = result.error().message;
            complete = false;
        }
        (d.isAttestation() ? m_result.attestations : m_result.platforms).append(image);
    }
    m_result.size = complete ? total : -1;
    succeed();
}

void ImageJob::succeed()
{
    if (beginFinish())
        Q_EMIT finished(m_result);
}

} // namespace berth::client
