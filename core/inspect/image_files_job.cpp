#include "inspect/image_files_job.h"

#include "inspect/layer_index_job.h"

#include "client/image_job.h"
#include "client/manifest_job.h"
#include "client/registry_session.h"
#include "local/background_task.h"

#include "oci/media_types.h"

namespace berth::inspect {

namespace {

constexpr int kLayersAtOnce = 2; // both cores busy, one layer each

bool isFilesystemLayer(const std::string &mediaType)
{
    namespace mt = oci::media_type;
    return mediaType == mt::OciLayerTar || mediaType == mt::OciLayerTarGzip ||
           mediaType == mt::OciLayerZstd || mediaType == mt::DockerLayerGzip ||
           mediaType == "application/vnd.oci.image.layer.nondistributable.v1.tar" ||
           mediaType == "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip" ||
           mediaType == "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
}

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

ImageFilesJob::ImageFilesJob(client::RegistrySession *session, QString repository,
                             QString reference, std::optional<oci::Platform> platform,
                             std::shared_ptr<const layers::LayerIndexCache> cache,
                             layers::IndexLimits limits)
    : Job(session)
    , m_wanted(std::move(platform))
    , m_cache(std::move(cache))
    , m_limits(limits)
{
    m_files.repository = std::move(repository);
    m_files.reference = std::move(reference);
}

void ImageFilesJob::emitFailure(const client::ClientError &error)
{
    Q_EMIT finished(error);
}

client::ClientError ImageFilesJob::refusal(const QString &why) const
{
    return {client::ClientErrorKind::InvalidArgument,
            tr("%1:%2 %3").arg(m_files.repository, m_files.reference, why),
            0,
            {},
            {}};
}

void ImageFilesJob::run()
{
    if (!checkRepository(m_files.repository))
        return;
    auto *job = session()->getManifest(m_files.repository, m_files.reference);
    job->setParent(this);
    connect(job, &client::ManifestJob::finished, this, &ImageFilesJob::onManifest);
}

void ImageFilesJob::onManifest(
    const client::ClientResult<std::shared_ptr<const client::CachedManifest>> &result)
{
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const client::CachedManifest &manifest = *result.value();
    if (const oci::ImageIndex *index = manifest.parsed->index()) {
        if (m_childFetched) {
            fail(refusal(tr("is an index inside an index; choose one of its images by digest.")));
            return;
        }
        if (choosePlatform(*index))
            m_childFetched = true;
        return;
    }
    useImage(manifest);
}

bool ImageFilesJob::choosePlatform(const oci::ImageIndex &index)
{
    std::vector<oci::Platform> platforms;
    std::vector<const oci::Descriptor *> images;
    for (const oci::Descriptor &d : index.manifests) {
        if (!d.platform || d.isAttestation())
            continue;
        platforms.push_back(*d.platform);
        images.push_back(&d);
        m_files.platforms << text(d.platform->toString());
    }
    int chosen = -1;
    if (m_wanted) {
        for (std::size_t i = 0; i < platforms.size() && chosen < 0; ++i)
            if (oci::runsOn(platforms[i], *m_wanted))
                chosen = static_cast<int>(i);
    } else {
        chosen = oci::preferredPlatform(platforms, oci::hostPlatform());
    }
    if (chosen < 0) {
        fail(refusal(m_wanted ? tr("has no %1 image (it has %2).")
                                    .arg(text(m_wanted->toString()),
                                         m_files.platforms.isEmpty()
                                             ? tr("none")
                                             : m_files.platforms.join(QStringLiteral(", ")))
                              : tr("is an index of no platform image.")));
        return false;
    }
    m_files.platform = platforms[static_cast<std::size_t>(chosen)];
    const oci::Descriptor &image = *images[static_cast<std::size_t>(chosen)];
    auto *job = session()->getManifest(m_files.repository, text(image.digest.toString()));
    job->setParent(this);
    connect(job, &client::ManifestJob::finished, this, &ImageFilesJob::onManifest);
    return true;
}

void ImageFilesJob::useImage(const client::CachedManifest &manifest)
{
    const oci::ImageManifest *image = manifest.parsed->image();
    if (!image || manifest.parsed->kind() == oci::ManifestKind::DockerSchema1) {
        fail(refusal(tr("is a schema 1 image; Berth reads the files of schema 2 and OCI images.")));
        return;
    }
    for (std::size_t i = 0; i < image->layers.size(); ++i) {
        const oci::Descriptor &layer = image->layers[i];
        if (!layer.urls.empty() || layer.mediaType == oci::media_type::DockerForeignLayerGzip) {
            fail(refusal(tr("has a foreign layer (%1), fetched from its own URL, not from the "
                            "registry; Berth does not fetch it.")
                             .arg(i + 1)));
            return;
        }
        if (!isFilesystemLayer(layer.mediaType)) {
            fail(refusal(tr("is no container image: its layer %1 is %2, not a filesystem.")
                             .arg(i + 1)
                             .arg(text(layer.mediaType))));
            return;
        }
    }
    m_files.manifest = manifest.digest;
    m_files.layers = image->layers;
    m_files.indexes.resize(image->layers.size());
    m_received = QList<qint64>(static_cast<qsizetype>(image->layers.size()), 0);
    emitProgress();
    // The config through the session's content cache: the tag table has
    // usually described this image already, and then no request goes out.
    auto *described =
        session()->describe(m_files.repository, QString::fromStdString(manifest.digest.toString()));
    described->setParent(this);
    connect(described, &client::ImageJob::finished, this,
            [this](const client::ClientResult<client::ImageDescription> &d) {
                if (d.ok() && d.value().config) // an unreadable config is only left out
                    m_files.config = d.value().config->config;
                readLayers();
            });
}

void ImageFilesJob::readLayers()
{
    if (isFinished())
        return;
    if (m_files.layers.empty()) {
        merge();
        return;
    }
    for (int i = 0; i < kLayersAtOnce; ++i)
        startNext();
}

void ImageFilesJob::startNext()
{
    if (m_next >= static_cast<int>(m_files.layers.size()))
        return;
    const int layer = m_next++;
    ++m_running;
    auto *job =
        new LayerIndexJob(session(), m_files.repository,
                          m_files.layers[static_cast<std::size_t>(layer)], m_cache, m_limits);
    job->setParent(this);
    connect(job, &LayerIndexJob::received, this, [this, layer](qint64 bytes) {
        m_received[layer] = bytes;
        emitProgress();
    });
    connect(
        job, &LayerIndexJob::finished, this,
        [this, layer](const client::ClientResult<std::shared_ptr<const layers::LayerIndex>> &r) {
            onLayer(layer, r);
        });
}

void ImageFilesJob::onLayer(
    int layer, const client::ClientResult<std::shared_ptr<const layers::LayerIndex>> &result)
{
    --m_running;
    if (isFinished())
        return;
    if (!result.ok()) {
        client::ClientError error = result.error();
        error.message =
            tr("Layer %1 of %2: %3").arg(layer + 1).arg(m_files.layers.size()).arg(error.message);
        fail(error);
        return;
    }
    m_files.indexes[static_cast<std::size_t>(layer)] = result.value();
    m_received[layer] = m_files.layers[static_cast<std::size_t>(layer)].size;
    ++m_done;
    emitProgress();
    if (m_done == static_cast<int>(m_files.layers.size())) {
        merge();
        return;
    }
    startNext();
}

void ImageFilesJob::emitProgress()
{
    qint64 done = 0;
    qint64 total = 0;
    for (std::size_t i = 0; i < m_files.layers.size(); ++i) {
        done += m_received[static_cast<qsizetype>(i)];
        total += std::max<qint64>(m_files.layers[i].size, 0);
    }
    Q_EMIT progress(std::min(done, total), total, m_done, static_cast<int>(m_files.layers.size()));
}

void ImageFilesJob::merge()
{
    local::BackgroundTask::start(
        this,
        [files = m_files]() mutable {
            files.tree = std::make_shared<const layers::MergedTree>(
                layers::MergedTree::build(files.layerIndexes()));
            files.waste = std::make_shared<const layers::WasteReport>(
                layers::WasteReport::of(files.layerIndexes(), *files.tree));
            return files;
        },
        [this](const ImageFiles &files) {
            if (beginFinish())
                Q_EMIT finished(files);
        });
}

} // namespace berth::inspect
