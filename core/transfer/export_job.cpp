#include "transfer/export_job.h"

#include "archive/layout_writer.h"
#include "client/blob_job.h"
#include "client/body_pipe.h"
#include "client/registry_session.h"
#include "client/stream_blob_job.h"
#include "local/background_task.h"

#include "oci/image_config.h"
#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"

#include <algorithm>
#include <string>
#include <vector>

namespace berth::transfer {

using client::ClientError;
using client::ClientErrorKind;
using client::ClientResult;

namespace {

QString text(const oci::Digest &digest)
{
    return QString::fromStdString(digest.toString());
}

bool isDigest(const QString &reference)
{
    return oci::Digest::parse(reference.toStdString()).ok();
}

std::string artifactTypeOf(const oci::ParsedManifest &parsed)
{
    if (const oci::ImageManifest *image = parsed.image())
        return !image->artifactType.empty() ? image->artifactType : image->config.mediaType;
    if (const oci::ImageIndex *index = parsed.index())
        return index->artifactType;
    return {};
}

// A descriptor of a manifest read from a registry, as index.json lists it.
oci::Descriptor describe(const client::CachedManifest &manifest)
{
    oci::Descriptor d;
    d.mediaType = manifest.mediaType.toStdString();
    d.digest = manifest.digest;
    d.size = manifest.bytes.size();
    return d;
}

} // namespace

ExportJob::ExportJob(client::RegistrySession *session, ExportRequest request)
    : Job(session)
    , m_request(std::move(request))
{
}

ExportJob::~ExportJob()
{
    if (m_reader)
        m_reader->disconnect(this);
}

void ExportJob::emitFailure(const ClientError &error)
{
    if (m_writer)
        m_writer->abandon(); // before anyone is told: nothing at the path
    if (m_download) {
        m_download->disconnect(this);
        m_download->cancel();
    }
    Q_EMIT finished(error);
}

ClientError ExportJob::fileError(const Error &error) const
{
    const ClientErrorKind kind =
        error.code == "IO" || error.code == "LAYOUT_INVALID" || error.code == "EXISTS"
            ? ClientErrorKind::LocalFile
            : ClientErrorKind::DigestMismatch;
    return {kind,
            tr("Exporting to %1 failed: %2; nothing was exported.")
                .arg(m_request.path, QString::fromStdString(error.message)),
            0,
            QString::fromStdString(error.code),
            {}};
}

void ExportJob::run()
{
    if (m_request.items.isEmpty() || m_request.path.isEmpty()) {
        fail(
            {ClientErrorKind::InvalidArgument, tr("Nothing to export, or nowhere to."), 0, {}, {}});
        return;
    }
    for (const ExportItem &item : std::as_const(m_request.items)) {
        if (!checkRepository(item.repository))
            return;
    }
    readNext();
}

// Every image's manifests first: the total is known before any byte moves.
void ExportJob::readNext()
{
    if (m_nextItem >= m_request.items.size()) {
        openWriter();
        return;
    }
    const ExportItem &item = m_request.items[m_nextItem];
    const bool referrers =
        m_request.referrers && m_request.format != archive::LayoutFormat::DockerArchive;
    m_reader = new client::ImageGraphJob(session(), item.repository, item.reference, referrers);
    m_reader->setParent(this);
    connect(m_reader, &client::ImageGraphJob::finished, this, &ExportJob::onGraph);
}

void ExportJob::onGraph(const ClientResult<client::ImageGraph> &result)
{
    m_reader = nullptr;
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const client::ImageGraph &graph = result.value();
    const auto &top = graph.manifests.first();
    if (m_request.format == archive::LayoutFormat::DockerArchive && m_request.platform &&
        top->parsed->image()) {
        checkPlatform(graph); // one platform only: is it the one asked for?
        return;
    }
    keepAndGoOn(graph);
}

void ExportJob::keepAndGoOn(const client::ImageGraph &graph)
{
    if (!keep(graph))
        return;
    ++m_nextItem;
    Q_EMIT progress(m_progress);
    readNext();
}

// A single-platform image exported for a platform asked for by name: its
// configuration says which it is, and another one is refused.
void ExportJob::checkPlatform(const client::ImageGraph &graph)
{
    const ExportItem &item = m_request.items[m_nextItem];
    const oci::Descriptor config = graph.manifests.first()->parsed->image()->config;
    auto *job = session()->getBlob(item.repository, config.digest, oci::kMaxManifestBytes);
    job->setParent(this);
    connect(job, &client::BlobJob::finished, this,
            [this, graph](const ClientResult<QByteArray> &result) {
                if (isFinished())
                    return;
                if (!result.ok()) {
                    fail(result.error());
                    return;
                }
                const auto parsed = oci::parseImageConfig(result.value().toStdString());
                oci::Platform platform;
                if (parsed.ok()) {
                    platform.os = parsed->os;
                    platform.architecture = parsed->architecture;
                    platform.variant = parsed->variant;
                }
                if (!parsed.ok() || !oci::runsOn(platform, *m_request.platform)) {
                    const ExportItem &asked = m_request.items[m_nextItem];
                    fail({ClientErrorKind::InvalidArgument,
                          tr("%1:%2 is a %3 image, no %4 one.")
                              .arg(asked.repository, asked.reference,
                                   parsed.ok() ? QString::fromStdString(platform.toString())
                                               : tr("single-platform"),
                                   QString::fromStdString(m_request.platform->toString())),
                          0,
                          {},
                          {}});
                    return;
                }
                keepAndGoOn(graph);
            });
}

void ExportJob::addBlob(const oci::Descriptor &blob, const QString &repository)
{
    // A foreign layer is fetched from its URLs, never from a registry.
    if (!blob.urls.empty() || m_inLayout.contains(text(blob.digest)))
        return;
    m_inLayout.insert(text(blob.digest));
    m_blobs.append({blob, repository});
    ++m_progress.blobs;
    m_progress.bytesTotal += std::max<std::int64_t>(blob.size, 0);
}

void ExportJob::addManifest(const client::CachedManifest &manifest)
{
    if (m_inLayout.contains(text(manifest.digest)))
        return;
    m_inLayout.insert(text(manifest.digest));
    m_manifests.append({manifest.digest, manifest.bytes});
}

// What of `graph` the layout gets: its blobs, its manifests (children
// first) and its index.json entries. False (and failed) when a
// docker-archive cannot hold it.
bool ExportJob::keep(const client::ImageGraph &graph)
{
    const ExportItem &item = m_request.items[m_nextItem];
    archive::LayoutImage image;
    image.imageName = item.imageName.toStdString();
    image.refName = (!item.refName.isEmpty()    ? item.refName
                     : isDigest(item.reference) ? QString()
                                                : item.reference)
                        .toStdString();
    if (m_request.format == archive::LayoutFormat::DockerArchive)
        return keepOnePlatform(graph, image);
    for (const auto &manifest : graph.manifests) {
        if (manifest->parsed->kind() == oci::ManifestKind::DockerSchema1) {
            fail({ClientErrorKind::InvalidArgument,
                  tr("%1:%2 is a Docker schema 1 image, which has no sizes to export and which "
                     "registries no longer take; pull and push it with docker to convert it.")
                      .arg(item.repository, item.reference),
                  0,
                  {},
                  {}});
            return false;
        }
    }

    const auto &top = graph.manifests.first();
    for (const oci::Descriptor &blob : graph.blobs)
        addBlob(blob, item.repository);
    for (qsizetype i = graph.manifests.size() - 1; i >= 0; --i)
        addManifest(*graph.manifests[i]);
    image.manifest = describe(*top);
    m_images.push_back(image);
    m_summary.digests << text(top->digest);
    for (const client::ReferrerManifest &r : graph.referrers) {
        addManifest(*r.manifest);
        archive::LayoutImage referrer;
        referrer.manifest = describe(*r.manifest);
        referrer.manifest.artifactType = artifactTypeOf(*r.manifest->parsed);
        referrer.refName = r.tag.toStdString(); // cosign's or the fallback tag, if any
        m_images.push_back(referrer);
    }
    m_summary.referrers += graph.referrerImages;
    return true;
}

// A docker-archive's image: one platform of an index, with its config
// and layers listed for manifest.json.
bool ExportJob::keepOnePlatform(const client::ImageGraph &graph, archive::LayoutImage image)
{
    const ExportItem &item = m_request.items[m_nextItem];
    const auto top = platformOf(graph);
    if (!top)
        return false;
    const oci::ImageManifest *manifest = top->parsed->image();
    const auto foreign =
        manifest ? std::find_if(manifest->layers.cbegin(), manifest->layers.cend(),
                                [](const oci::Descriptor &layer) { return !layer.urls.empty(); })
                 : std::vector<oci::Descriptor>::const_iterator();
    if (!manifest || top->parsed->kind() == oci::ManifestKind::DockerSchema1 ||
        foreign != manifest->layers.cend()) {
        fail({ClientErrorKind::InvalidArgument,
              tr("%1:%2 is no image a docker-archive can hold (a schema 1 image, or one with "
                 "a foreign layer fetched from its own URL).")
                  .arg(item.repository, item.reference),
              0,
              {},
              {}});
        return false;
    }
    addBlob(manifest->config, item.repository);
    for (const oci::Descriptor &layer : manifest->layers) {
        addBlob(layer, item.repository);
        image.layers.push_back(layer.digest);
    }
    image.config = manifest->config.digest;
    addManifest(*top);
    image.manifest = describe(*top);
    m_images.push_back(image);
    m_summary.digests << text(top->digest);
    return true;
}

// The image itself, or of an index the platform asked for (this
// machine's by default); null (and failed) when the index has none.
std::shared_ptr<const client::CachedManifest> ExportJob::platformOf(const client::ImageGraph &graph)
{
    const auto &top = graph.manifests.first();
    if (!top->parsed->isIndex())
        return top;
    const ExportItem &item = m_request.items[m_nextItem];
    const oci::Platform wanted = m_request.platform.value_or(oci::hostPlatform());
    QStringList has;
    for (const oci::Descriptor &d : top->parsed->index()->manifests) {
        if (!d.platform || d.isAttestation())
            continue;
        has << QString::fromStdString(d.platform->toString());
        if (!oci::runsOn(*d.platform, wanted))
            continue;
        for (const auto &child : graph.manifests) {
            if (child->digest == d.digest) {
                m_summary.platformNote << tr("%1:%2 is a multi-platform image: only %3 was "
                                             "exported")
                                              .arg(item.repository, item.reference, has.last());
                return child;
            }
        }
    }
    fail({ClientErrorKind::InvalidArgument,
          tr("%1:%2 has no %3 image (it has %4); a docker-archive holds one platform.")
              .arg(item.repository, item.reference, QString::fromStdString(wanted.toString()),
                   has.isEmpty() ? tr("none") : has.join(QStringLiteral(", "))),
          0,
          {},
          {}});
    return nullptr;
}

void ExportJob::openWriter()
{
    const std::string path = m_request.path.toStdString();
    const archive::LayoutFormat format = m_request.format;
    const bool replace = m_request.replace;
    using Opened = Result<std::shared_ptr<archive::LayoutWriter>>;
    local::BackgroundTask::start(
        this,
        [path, format, replace]() -> Opened {
            auto writer = archive::LayoutWriter::create(path, format, replace);
            if (!writer.ok())
                return writer.error();
            return std::shared_ptr<archive::LayoutWriter>(std::move(writer).value());
        },
        [this](const Opened &opened) {
            if (isFinished())
                return;
            if (!opened.ok()) {
                fail(fileError(opened.error()));
                return;
            }
            m_writer = opened.value();
            nextBlob();
        });
}

void ExportJob::nextBlob()
{
    if (isFinished())
        return;
    while (m_nextBlob < m_blobs.size() &&
           m_writer->has(m_blobs[m_nextBlob].first.digest, m_blobs[m_nextBlob].first.size)) {
        // The layout had it before: not written again.
        m_progress.bytesDone += std::max<std::int64_t>(m_blobs[m_nextBlob].first.size, 0);
        ++m_progress.blobsDone;
        ++m_summary.blobsPresent;
        ++m_nextBlob;
    }
    if (m_nextBlob >= m_blobs.size()) {
        Q_EMIT progress(m_progress);
        writeManifests();
        return;
    }
    const auto &[blob, repository] = m_blobs[m_nextBlob];
    m_blobBegun = false;
    m_downloadDone = false;
    auto *pipe = new client::BodyPipe(this);
    m_pipe = pipe;
    connect(pipe, &QIODevice::readyRead, this, &ExportJob::drain);
    m_download = session()->streamBlob(
        repository, blob.digest, [pipe = QPointer<client::BodyPipe>(pipe)](QByteArrayView chunk) {
            if (!pipe)
                return false;
            pipe->append(chunk);
            return true;
        });
    m_download->setParent(this);
    m_download->setPacer(pipe);
    connect(m_download, &client::StreamBlobJob::finished, this, &ExportJob::onDownloaded);
}

void ExportJob::onDownloaded(const ClientResult<qint64> &result)
{
    m_download = nullptr;
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    m_downloadDone = true;
    drain();
}

// What the pipe holds goes to the worker, one write at a time; the pipe
// fills meanwhile, and when it is full the download waits (its pacer).
// The blob's first write begins it in the layout, its last ends it there.
void ExportJob::drain()
{
    if (m_writing || isFinished() || !m_pipe)
        return;
    QByteArray bytes = m_pipe->readAll();
    const bool last = m_downloadDone && m_pipe->bytesAvailable() == 0;
    if (bytes.isEmpty() && !last)
        return;
    const bool first = !m_blobBegun;
    m_blobBegun = true;
    m_writing = true;
    const oci::Descriptor blob = m_blobs[m_nextBlob].first;
    local::BackgroundTask::start(
        this,
        [writer = m_writer, blob, bytes, first, last]() -> Status {
            if (first) {
                if (Status begun = writer->beginBlob(blob.digest, blob.size); !begun.ok())
                    return begun;
            }
            if (Status written = writer->write(
                    std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
                !written.ok())
                return written;
            return last ? writer->endBlob() : Status(Ok{});
        },
        [this, n = bytes.size(), last](const Status &written) {
            m_writing = false;
            if (isFinished())
                return;
            if (!written.ok()) {
                fail(fileError(written.error()));
                return;
            }
            m_progress.bytesDone += n;
            m_summary.bytesWritten += n;
            if (!last) {
                Q_EMIT progress(m_progress);
                drain();
                return;
            }
            ++m_progress.blobsDone;
            ++m_summary.blobsWritten;
            m_pipe->deleteLater();
            m_pipe = nullptr;
            ++m_nextBlob;
            Q_EMIT progress(m_progress);
            nextBlob();
        });
}

// The manifests (small, read already) and index.json last: then the
// layout appears at its path.
void ExportJob::writeManifests()
{
    std::vector<std::pair<oci::Digest, std::string>> manifests;
    for (const auto &[digest, bytes] : std::as_const(m_manifests))
        manifests.emplace_back(digest, bytes.toStdString());
    m_summary.manifests = static_cast<int>(manifests.size());
    local::BackgroundTask::start(
        this,
        [writer = m_writer, manifests = std::move(manifests), images = m_images]() -> Status {
            for (const auto &[digest, bytes] : manifests) {
                if (Status added = writer->addBlob(digest, bytes); !added.ok())
                    return added;
            }
            return writer->commit(images);
        },
        [this](const Status &committed) {
            if (isFinished())
                return;
            if (!committed.ok()) {
                fail(fileError(committed.error()));
                return;
            }
            if (beginFinish())
                Q_EMIT finished(m_summary);
        });
}

} // namespace berth::transfer
