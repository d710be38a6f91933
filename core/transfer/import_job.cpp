#include "transfer/import_job.h"

#include "archive/layout_reader.h"
#include "client/body_pipe.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/manifest_job.h"
#include "client/put_manifest_job.h"
#include "client/referrers_job.h"
#include "client/referrers_tag_job.h"
#include "client/registry_session.h"
#include "client/upload_blob_job.h"
#include "local/background_task.h"

#include "oci/name_rules.h"

#include <map>

namespace berth::transfer {

using client::ClientError;
using client::ClientErrorKind;
using client::ClientResult;

namespace {

constexpr int kParallelAsks = 4;
constexpr std::size_t kReadChunk = 1 << 20;

QString text(const oci::Digest &digest)
{
    return QString::fromStdString(digest.toString());
}

struct Opened
{
    std::shared_ptr<archive::LayoutReader> reader;
    archive::ImportPlan plan;
};

} // namespace

ImportJob::ImportJob(client::RegistrySession *session, ImportRequest request)
    : Job(session)
    , m_request(std::move(request))
{
}

ImportJob::~ImportJob() = default;

void ImportJob::emitFailure(const ClientError &error)
{
    if (m_upload) {
        m_upload->disconnect(this);
        m_upload->cancel(); // abandoned at the registry
    }
    Q_EMIT finished(error);
}

ClientError ImportJob::archiveError(const Error &error) const
{
    ClientErrorKind kind = ClientErrorKind::ArchiveInvalid;
    if (error.code == "IO")
        kind = ClientErrorKind::LocalFile;
    else if (error.code == "NOT_FOUND" || error.code == "AMBIGUOUS")
        kind = ClientErrorKind::InvalidArgument;
    QString message = QString::fromStdString(error.message);
    if (!message.startsWith(m_request.path))
        message = m_request.path + QStringLiteral(": ") + message;
    return {kind,
            tr("%1; nothing was tagged.").arg(message),
            0,
            QString::fromStdString(error.code),
            {}};
}

void ImportJob::run()
{
    if (!checkRepository(m_request.repository))
        return;
    if (!m_request.tag.isEmpty() && !oci::validateTag(m_request.tag.toStdString()).ok()) {
        fail({ClientErrorKind::InvalidArgument,
              tr("“%1” is not a valid tag.").arg(m_request.tag),
              0,
              {},
              {}});
        return;
    }
    using Planned = Result<Opened>;
    // Planned and then read whole, every blob verified, before anything
    // is pushed: a damaged archive leaves no trace at the registry.
    auto *task = local::BackgroundTask::start(
        this,
        [path = m_request.path.toStdString(),
         image = m_request.image.toStdString()](local::TaskControl &control) -> Planned {
            auto reader = archive::LayoutReader::open(path);
            if (!reader.ok())
                return reader.error();
            auto contents = (*reader)->scan();
            if (!contents.ok())
                return contents.error();
            auto plan = archive::planImport(*contents, image);
            if (!plan.ok())
                return plan.error();
            std::map<std::string, oci::Digest> all;
            for (const auto &blob : plan->blobs)
                all.emplace(blob.entry, blob.digest);
            const std::int64_t total = plan->blobBytes();
            control.setProgress(0, total);
            const Status verified = (*reader)->verify(
                std::move(all), control.cancelFlag(),
                [&control, total](std::int64_t done) { control.setProgress(done, total); });
            if (!verified.ok())
                return verified.error();
            return Opened{std::shared_ptr<archive::LayoutReader>(std::move(reader).value()),
                          std::move(plan).value()};
        },
        [this](const Planned &planned) {
            if (isFinished())
                return;
            if (!planned.ok()) {
                fail(archiveError(planned.error()));
                return;
            }
            m_reader = planned->reader;
            m_plan = planned->plan;
            onPlanned();
        });
    connect(task, &local::BackgroundTask::progress, this,
            [this](const QString &, qint64 done, qint64 total) {
                ImportProgress checking;
                checking.checking = true;
                checking.bytesDone = done;
                checking.bytesTotal = total;
                Q_EMIT progress(checking);
            });
}

void ImportJob::onPlanned()
{
    m_summary.digest = text(m_plan.image);
    m_summary.referrers = m_plan.referrers;
    m_summary.tag = m_request.tag;
    if (m_summary.tag.isEmpty() && oci::validateTag(m_plan.refName).ok())
        m_summary.tag = QString::fromStdString(m_plan.refName);
    m_progress.blobs = static_cast<int>(m_plan.blobs.size());
    m_progress.bytesTotal = m_plan.blobBytes();
    Q_EMIT progress(m_progress);
    checkTag();
}

// The destination tag: absent or this image → on; another image →
// TagExists, unless overwriting is asked.
void ImportJob::checkTag()
{
    if (m_summary.tag.isEmpty() || m_request.overwrite) {
        askBlobs();
        return;
    }
    auto *head = session()->headManifest(m_request.repository, m_summary.tag);
    head->setParent(this);
    connect(head, &client::ManifestJob::finished, this,
            [this](const ClientResult<std::shared_ptr<const client::CachedManifest>> &result) {
                if (!result.ok() && result.error().kind != ClientErrorKind::NotFound) {
                    fail(result.error());
                    return;
                }
                if (result.ok() && result.value()->digest != m_plan.image) {
                    fail({ClientErrorKind::TagExists,
                          tr("%1:%2 already points at another image (%3, not %4); nothing was "
                             "imported.")
                              .arg(m_request.repository, m_summary.tag,
                                   QString::fromStdString(result.value()->digest.shortString()),
                                   QString::fromStdString(m_plan.image.shortString())),
                          0,
                          {},
                          {}});
                    return;
                }
                askBlobs();
            });
}

// Every blob is asked of the registry first (a few at a time): what it
// has is not uploaded again.
void ImportJob::askBlobs()
{
    if (isFinished())
        return;
    while (m_inFlight < kParallelAsks && m_asked < static_cast<int>(m_plan.blobs.size())) {
        const archive::ImportPlan::Blob blob = m_plan.blobs[static_cast<std::size_t>(m_asked++)];
        ++m_inFlight;
        client::HttpRequestSpec head;
        head.method = "HEAD";
        head.url = session()->apiUrl(
            QStringLiteral("/v2/%1/blobs/%2").arg(m_request.repository, text(blob.digest)));
        head.scopes = {QStringLiteral("repository:%1:pull,push").arg(m_request.repository)};
        send(head, [this, blob](const client::HttpReply &response) {
            --m_inFlight;
            if (response.isSuccess()) {
                ++m_summary.blobsPresent;
                ++m_progress.blobsDone;
                m_progress.bytesDone += blob.size;
                Q_EMIT progress(m_progress);
            } else if (response.status == 404) {
                m_missing.insert(text(blob.digest));
            } else {
                fail(session()->errorFor(response,
                                         tr("Blob %1 in %2")
                                             .arg(QString::fromStdString(blob.digest.shortString()),
                                                  m_request.repository)));
                return;
            }
            askBlobs();
        });
    }
    if (m_inFlight == 0 && m_asked == static_cast<int>(m_plan.blobs.size()))
        startReading();
}

void ImportJob::startReading()
{
    if (m_missing.isEmpty()) {
        nextManifest();
        return;
    }
    std::map<std::string, oci::Digest> wanted; // by the entry that holds it
    for (const auto &blob : m_plan.blobs) {
        if (m_missing.contains(text(blob.digest)))
            wanted.emplace(blob.entry, blob.digest);
    }
    local::BackgroundTask::start(
        this,
        [reader = m_reader, wanted = std::move(wanted)]() mutable -> Status {
            return reader->startBlobs(std::move(wanted));
        },
        [this](const Status &started) {
            if (isFinished())
                return;
            if (!started.ok()) {
                fail(archiveError(started.error()));
                return;
            }
            nextBlob();
        });
}

// The next blob the registry lacks, in the order the archive holds them.
void ImportJob::nextBlob()
{
    using Next = Result<std::optional<oci::Digest>>;
    local::BackgroundTask::start(
        this, [reader = m_reader]() -> Next { return reader->nextBlob(); },
        [this](const Next &next) {
            if (isFinished())
                return;
            if (!next.ok()) {
                fail(archiveError(next.error()));
                return;
            }
            if (!*next) {
                nextManifest();
                return;
            }
            const oci::Digest digest = **next;
            qint64 size = 0;
            for (const auto &blob : m_plan.blobs) {
                if (blob.digest == digest)
                    size = blob.size;
            }
            auto *pipe = new client::BodyPipe;
            m_pipe = pipe;
            m_upload =
                new client::UploadBlobJob(session(), m_request.repository, digest, size, pipe);
            m_upload->setParent(this);
            pipe->setParent(this); // after the upload that reads it
            m_uploadedOfBlob = 0;
            m_blobSize = size;
            m_readDone = false;
            m_uploadDone = false;
            m_uploadError.reset();
            connect(pipe, &client::BodyPipe::roomAvailable, this, &ImportJob::feed);
            connect(m_upload, &client::UploadBlobJob::uploaded, this, [this](qint64 bytes) {
                if (bytes <= m_uploadedOfBlob)
                    return;
                m_progress.bytesDone += bytes - m_uploadedOfBlob;
                m_uploadedOfBlob = bytes;
                Q_EMIT progress(m_progress);
            });
            connect(m_upload, &client::UploadBlobJob::finished, this, &ImportJob::onUploaded);
            feed();
        });
}

// One read on the worker at a time, while the pipe has room; the read
// that finds the blob's end checks its digest.
void ImportJob::feed()
{
    if (isFinished() || m_reading || m_readDone || !m_pipe || !m_pipe->hasRoom())
        return;
    m_reading = true;
    const auto max = static_cast<std::size_t>(std::min<qint64>(m_pipe->room(), kReadChunk));
    using Read = Result<std::string>;
    local::BackgroundTask::start(
        this, [reader = m_reader, max]() -> Read { return reader->read(max); },
        [this](const Read &read) {
            m_reading = false;
            if (isFinished())
                return;
            if (!read.ok()) {
                fail(archiveError(read.error()));
                return;
            }
            if (m_uploadError) { // the registry refused; the archive had no complaint
                fail(*m_uploadError);
                return;
            }
            if (read->empty()) {
                m_readDone = true;
                if (m_pipe)
                    m_pipe->finishWriting();
                if (m_uploadDone)
                    onUploaded(ClientResult<qint64>(m_blobSize));
                return;
            }
            if (m_pipe)
                m_pipe->append(QByteArrayView(read->data(), static_cast<qsizetype>(read->size())));
            feed();
        });
}

void ImportJob::onUploaded(const ClientResult<qint64> &result)
{
    if (isFinished())
        return;
    if (!result.ok()) {
        m_upload = nullptr;
        if (m_reading) { // the archive may say why (a damaged entry): wait for it
            m_uploadError = result.error();
            return;
        }
        fail(result.error());
        return;
    }
    m_uploadDone = true;
    if (!m_readDone)
        return; // its end is being checked
    m_upload = nullptr;
    ++m_summary.blobsUploaded;
    ++m_progress.blobsDone;
    m_summary.bytesUploaded += result.value();
    if (m_pipe)
        m_pipe->deleteLater();
    Q_EMIT progress(m_progress);
    nextBlob();
}

// Before the tag: at a registry without the referrers API, each subject's
// referrers tag schema index lists the referrers imported.
void ImportJob::keepReferrersTags()
{
    QList<std::shared_ptr<const client::CachedManifest>> referrers;
    for (const auto &m : m_plan.manifests) {
        auto parsed = oci::parseManifest(m.bytes, m.mediaType);
        if (!parsed.ok() || !parsed->subject())
            continue;
        referrers << std::make_shared<const client::CachedManifest>(client::CachedManifest{
            m.digest, QByteArray::fromStdString(m.bytes), QString::fromStdString(m.mediaType),
            std::make_shared<const oci::ParsedManifest>(std::move(*parsed))});
    }
    auto *job = new client::ReferrersTagJob(session(), m_request.repository, referrers);
    job->setParent(this);
    connect(
        job, &client::ReferrersTagJob::finished, this, [this](const ClientResult<int> &written) {
            if (written.ok()) // the image is there either way
                m_summary.manifests += *written;
            else
                m_summary.warnings
                    << client::ReferrersTagJob::notWritten(m_request.repository, written.error());
            nextManifest();
        });
}

// Manifests children first, referrers after their subject, the tag last.
void ImportJob::nextManifest()
{
    const std::size_t count = m_plan.manifests.size();
    if (m_nextManifest == count && !m_referrersTagsKept && m_plan.referrers > 0) {
        m_referrersTagsKept = true;
        keepReferrersTags();
        return;
    }
    const bool tagging = m_nextManifest == count && !m_summary.tag.isEmpty();
    if (m_nextManifest > count || (m_nextManifest == count && !tagging)) {
        if (beginFinish())
            Q_EMIT finished(m_summary);
        return;
    }
    const archive::ImportPlan::Manifest *manifest = nullptr;
    QString reference;
    if (tagging) {
        for (const auto &m : m_plan.manifests) {
            if (m.digest == m_plan.image)
                manifest = &m;
        }
        reference = m_summary.tag;
    } else {
        manifest = &m_plan.manifests[m_nextManifest];
        reference =
            manifest->tag.empty() ? text(manifest->digest) : QString::fromStdString(manifest->tag);
        if (client::Referrers::isFallbackTag(reference)) {
            // The archive's referrers tag schema index: the registry's own
            // is kept instead (keepReferrersTags), so what it lists stays.
            ++m_nextManifest;
            nextManifest();
            return;
        }
    }
    ++m_nextManifest;
    auto *put = new client::PutManifestJob(
        session(), m_request.repository, reference, QByteArray::fromStdString(manifest->bytes),
        QString::fromStdString(manifest->mediaType), manifest->digest);
    put->setParent(this);
    connect(put, &client::PutManifestJob::finished, this,
            [this, tagging](const ClientResult<oci::Digest> &result) {
                if (!result.ok()) {
                    fail(result.error());
                    return;
                }
                if (!tagging) // the tag is the image's manifest again
                    ++m_summary.manifests;
                nextManifest();
            });
}

} // namespace berth::transfer
