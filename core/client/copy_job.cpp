#include "client/copy_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/image_graph_job.h"
#include "client/image_narrowing.h"
#include "client/manifest_job.h"
#include "client/put_manifest_job.h"
#include "client/referrers_job.h"
#include "client/referrers_tag_job.h"
#include "client/registry_endpoint.h"
#include "client/registry_session.h"
#include "client/transfer_blob_job.h"

#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"

#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace berth::client {

namespace {

QString text(const oci::Digest &digest)
{
    return QString::fromStdString(digest.toString());
}

bool isDigest(const QString &reference)
{
    return oci::Digest::parse(reference.toStdString()).ok();
}

} // namespace

CopyJob::CopyJob(RegistrySession *source, RegistrySession *target, CopyRequest request)
    : Job(target)
    , m_source(source)
    , m_sameRegistry(sameRegistry(source, target))
    , m_request(std::move(request))
{
    if (m_request.toTag.isEmpty() && !isDigest(m_request.fromReference))
        m_request.toTag = m_request.fromReference;
}

CopyJob::CopyJob(RegistrySession *session, CopyRequest request)
    : CopyJob(session, session, std::move(request))
{
}

CopyJob::~CopyJob()
{
    // The image is read by a job of the source's session: it ends with this copy.
    if (m_reader) {
        m_reader->disconnect(this);
        m_reader->cancel();
    }
}

bool CopyJob::sameRegistry(const RegistrySession *a, const RegistrySession *b)
{
    return a == b || a->endpoint().baseUrl.matches(b->endpoint().baseUrl, QUrl::StripTrailingSlash);
}

std::optional<ClientError> CopyJob::invalidPlatform(const QStringList &platforms)
{
    for (const QString &platform : platforms) {
        if (!oci::parsePlatform(platform.toStdString()))
            return ClientError{
                ClientErrorKind::InvalidArgument,
                tr("“%1” is no platform (os/arch[/variant], as linux/arm64).").arg(platform),
                0,
                {},
                {}};
    }
    return std::nullopt;
}

void CopyJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

QStringList CopyJob::pushScopes() const
{
    QStringList scopes{QStringLiteral("repository:%1:pull,push").arg(m_request.toRepository)};
    if (m_sameRegistry) // a mount reads the source repository too
        scopes << QStringLiteral("repository:%1:pull").arg(m_request.fromRepository);
    return scopes;
}

void CopyJob::run()
{
    if (!checkRepository(m_request.fromRepository) || !checkRepository(m_request.toRepository))
        return;
    if (!m_request.toTag.isEmpty() && !oci::validateTag(m_request.toTag.toStdString()).ok()) {
        fail({ClientErrorKind::InvalidArgument,
              tr("“%1” is not a valid tag.").arg(m_request.toTag),
              0,
              {},
              {}});
        return;
    }
    if (const auto bad = invalidPlatform(m_request.platforms)) {
        fail(*bad);
        return;
    }
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    if (m_source != session()) // its jobs go with it: so does this copy
        connect(m_source, &QObject::destroyed, this,
                [this] { fail(registryDisconnected(tr("The source registry"))); });
    if (m_sameRegistry && m_request.fromRepository == m_request.toRepository &&
        (m_request.toTag.isEmpty() || m_request.toTag == m_request.fromReference)) {
        fail({ClientErrorKind::InvalidArgument,
              tr("%1:%2 is where the image is already: choose another repository or tag.")
                  .arg(m_request.toRepository, m_request.fromReference),
              0,
              {},
              {}});
        return;
    }
    // A job of the source's session: it goes with that session, and is
    // stopped when this copy ends first.
    m_reader = new ImageGraphJob(m_source, m_request.fromRepository, m_request.fromReference,
                                 m_request.referrers);
    connect(m_reader, &ImageGraphJob::found, this, [this](int manifests, int blobs, qint64 bytes) {
        m_progress.manifests = manifests;
        m_progress.blobs = blobs;
        m_progress.bytesTotal = bytes;
        Q_EMIT progress(m_progress);
    });
    connect(m_reader, &ImageGraphJob::finished, this, &CopyJob::onGraph);
}

void CopyJob::onGraph(const ClientResult<ImageGraph> &result)
{
    if (isFinished())
        return;
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const ImageGraph &graph = result.value();
    m_fetched = graph.manifests;
    m_blobs = graph.blobs;
    m_referrers = graph.referrers;
    m_summary.referrers = graph.referrerImages;
    if (!m_request.platforms.isEmpty() && !narrowToPlatforms())
        return;
    m_progress.manifests = static_cast<int>(m_fetched.size() + m_referrers.size());
    m_progress.blobs = static_cast<int>(m_blobs.size());
    m_progress.bytesTotal = 0; // of what is copied (narrowed to some platforms, maybe)
    for (const oci::Descriptor &b : std::as_const(m_blobs))
        m_progress.bytesTotal += std::max<std::int64_t>(b.size, 0);
    Q_EMIT progress(m_progress);
    checkTargetTag();
}

bool CopyJob::narrowToPlatforms()
{
    const auto &top = m_fetched.first();
    if (!top->parsed->isIndex()) {
        m_summary.warnings << tr("%1 is a single-platform image: it was copied as it is, whatever "
                                 "its platform.")
                                  .arg(sourceName());
        return true;
    }
    ImageGraph graph;
    graph.manifests = m_fetched;
    graph.blobs = m_blobs;
    graph.referrers = m_referrers;
    auto narrowed = client::narrowToPlatforms(graph, m_request.platforms, sourceName());
    if (!narrowed.ok()) {
        fail(narrowed.error());
        return false;
    }
    m_summary.sourceDigest = text(top->digest);
    m_summary.platforms = narrowed->platforms;
    m_fetched = narrowed->graph.manifests;
    m_blobs = narrowed->graph.blobs;
    m_referrers = narrowed->graph.referrers;
    m_summary.referrers = narrowed->graph.referrerImages;
    return true;
}

void CopyJob::checkTargetTag()
{
    m_summary.digest = text(m_fetched.first()->digest);
    if (m_request.toTag.isEmpty()) {
        nextBlob();
        return;
    }
    checkTag(false, [this] { nextBlob(); });
}

// The target tag: absent, or this image → `next`; another image → TagExists.
// Asked once before anything is copied and again just before the tag is
// written (a copy may take long, and someone may push meanwhile).
void CopyJob::checkTag(bool again, std::function<void()> next)
{
    auto *head = session()->headManifest(m_request.toRepository, m_request.toTag);
    head->setParent(this);
    connect(
        head, &ManifestJob::finished, this,
        [this, again, next = std::move(next)](
            const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
            if (!result.ok() && result.error().kind != ClientErrorKind::NotFound) {
                fail(result.error());
                return;
            }
            if (!result.ok()) {
                next();
                return;
            }
            const oci::Digest &there = result.value()->digest;
            if (text(there) == m_summary.digest) {
                if (again) {
                    next();
                    return;
                }
                m_tagInPlace = true;
                if (!m_referrers.isEmpty()) {
                    next(); // the image is there; its referrers may not all be
                    return;
                }
                m_summary.unchanged = true;
                if (beginFinish())
                    Q_EMIT finished(m_summary);
                return;
            }
            if (m_request.overwrite) { // moved when the image is there
                next();
                return;
            }
            const QString shownThere = QString::fromStdString(there.shortString());
            const QString shownHere =
                QString::fromStdString(m_fetched.first()->digest.shortString());
            fail({ClientErrorKind::TagExists,
                  again ? tr("%1:%2 was pointed at another image (%3) while copying; it was "
                             "left so, and %4 was not tagged.")
                              .arg(m_request.toRepository, m_request.toTag, shownThere, shownHere)
                        : tr("%1:%2 already points at another image (%3, not %4); nothing "
                             "was copied.")
                              .arg(m_request.toRepository, m_request.toTag, shownThere, shownHere),
                  0,
                  {},
                  {}});
        });
}

// Up to `parallel` blobs at once; the manifests once every blob is there.
void CopyJob::nextBlob()
{
    if (isFinished())
        return; // failed or cancelled: nothing more starts
    while (m_inFlight < std::max(1, m_request.parallel) && m_nextBlob < m_blobs.size()) {
        ++m_inFlight;
        startBlob(m_blobs[m_nextBlob++]);
    }
    if (m_inFlight == 0 && m_nextBlob >= m_blobs.size())
        nextManifest();
}

void CopyJob::startBlob(const oci::Descriptor &blob)
{
    HttpRequestSpec head;
    head.method = "HEAD";
    head.url = session()->apiUrl(
        QStringLiteral("/v2/%1/blobs/%2").arg(m_request.toRepository, text(blob.digest)));
    head.scopes = pushScopes();
    send(head, [this, blob](const HttpReply &response) {
        if (response.isSuccess()) {
            ++m_summary.blobsPresent;
            m_progress.bytesDone += std::max<std::int64_t>(blob.size, 0);
            blobDone();
            return;
        }
        if (response.status != 404) {
            fail(session()->errorFor(response,
                                     tr("Blob %1 in %2")
                                         .arg(QString::fromStdString(blob.digest.shortString()),
                                              m_request.toRepository)));
            return;
        }
        if (m_sameRegistry)
            mountBlob(blob);
        else
            transferBlob(blob);
    });
}

void CopyJob::mountBlob(const oci::Descriptor &blob)
{
    HttpRequestSpec mount;
    mount.method = "POST";
    mount.url =
        session()->apiUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_request.toRepository),
                          {{QStringLiteral("mount"), text(blob.digest)},
                           {QStringLiteral("from"), m_request.fromRepository}});
    mount.scopes = pushScopes();
    mount.addHeader("Content-Length", "0");
    mount.addHeader("Content-Type", "application/octet-stream");
    send(mount, [this, blob](const HttpReply &response) {
        if (response.status == 201) {
            ++m_summary.blobsMounted;
            m_progress.bytesDone += std::max<std::int64_t>(blob.size, 0);
            blobDone();
            return;
        }
        if (response.status == 202 && !response.location().isEmpty()) {
            // The registry would not mount and opened an upload instead:
            // that one goes, and the bytes stream through this machine.
            session()->abandonUpload(response.location(), pushScopes());
            transferBlob(blob);
            return;
        }
        fail(session()->errorFor(response, tr("Pushing to %1").arg(m_request.toRepository)));
    });
}

void CopyJob::transferBlob(const oci::Descriptor &blob, int attempt)
{
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    auto *job = new TransferBlobJob(m_source, m_request.fromRepository, session(),
                                    m_request.toRepository, blob.digest, blob.size);
    job->setParent(this);
    auto counted = std::make_shared<qint64>(0); // of this blob, in the progress already
    const auto count = [this, counted](qint64 bytes) {
        if (bytes <= *counted)
            return false; // Qt may say 0 again at the end
        m_progress.bytesCopied += bytes - *counted;
        m_progress.bytesDone += bytes - *counted;
        *counted = bytes;
        return true;
    };
    connect(job, &TransferBlobJob::transferred, this, [this, count](qint64 bytes) {
        if (count(bytes))
            Q_EMIT progress(m_progress);
    });
    connect(job, &TransferBlobJob::finished, this,
            [this, count, counted, blob, attempt](const ClientResult<qint64> &result) {
                if (!result.ok()) {
                    // What this attempt counted is sent again, or not at all.
                    m_progress.bytesCopied -= *counted;
                    m_progress.bytesDone -= *counted;
                    if (retryTransfer(blob, attempt, result.error()))
                        return;
                    ClientError error = result.error();
                    if (attempt > 0)
                        error.message +=
                            QLatin1Char(' ') + tr("It was tried %n time(s).", nullptr, attempt + 1);
                    fail(error);
                    return;
                }
                ++m_summary.blobsCopied;
                m_summary.bytesCopied += result.value();
                count(result.value());
                blobDone();
            });
}

namespace {

// A failure that another try may not meet: the connection, the time, or a
// registry busy or failing for a moment.
bool isTransient(const ClientError &error)
{
    switch (error.kind) {
    case ClientErrorKind::Network:
    case ClientErrorKind::Timeout:
        return true;
    case ClientErrorKind::Http:
        return error.httpStatus == 429 || error.httpStatus >= 500;
    default:
        return false;
    }
}

} // namespace

bool CopyJob::retryTransfer(const oci::Descriptor &blob, int attempt, const ClientError &error)
{
    const RegistryEndpoint &endpoint = session()->endpoint();
    if (isFinished() || attempt >= endpoint.maxRetries || !isTransient(error))
        return false;
    ++m_progress.retries;
    ++m_summary.retries;
    Q_EMIT progress(m_progress);
    const std::chrono::milliseconds delay = std::min<std::chrono::milliseconds>(
        endpoint.retryBaseDelay * (1 << std::min(attempt, 16)), endpoint.retryMaxDelay);
    QTimer::singleShot(delay, this, [this, blob, attempt] {
        if (!isFinished())
            transferBlob(blob, attempt + 1);
    });
    return true;
}

void CopyJob::blobDone()
{
    --m_inFlight;
    ++m_progress.blobsDone;
    Q_EMIT progress(m_progress);
    nextBlob();
}

// What is pushed, in order: platform manifests, then the image — by
// digest while referrers are to follow, which need their subject there —
// then its referrers (images before the indexes that list them), and the
// tag last, so that no reader sees it before everything it names.
void CopyJob::planPushes()
{
    const auto &top = m_fetched.first();
    for (qsizetype i = m_fetched.size() - 1; i > 0; --i)
        m_pushes.append({m_fetched[i], text(m_fetched[i]->digest)});
    // The tag already names this image (its referrers are what is new).
    const bool tagged = !m_request.toTag.isEmpty() && !m_tagInPlace;
    if (!tagged || !m_referrers.isEmpty())
        m_pushes.append({top, text(top->digest)});
    for (bool indexes : {false, true}) {
        for (const ReferrerManifest &r : std::as_const(m_referrers)) {
            // The source's referrers tag schema index is not pushed as it
            // is: the target's is kept instead (keepReferrersTags), so what
            // it lists stays, and a registry with the API gets none.
            if (indexes && Referrers::isFallbackTag(r.tag))
                continue;
            if (r.manifest->parsed->isIndex() == indexes)
                m_pushes.append({r.manifest, r.tag.isEmpty() ? text(r.manifest->digest) : r.tag});
        }
    }
    if (tagged)
        m_pushes.append({top, m_request.toTag});
    m_progress.manifests = static_cast<int>(m_pushes.size());
}

// Before the tag: at a target without the referrers API, each subject's
// referrers tag schema index lists the referrers copied (ReferrersTagJob),
// so that cosign, notation and Berth find them there as at the source.
void CopyJob::keepReferrersTags()
{
    QList<std::shared_ptr<const CachedManifest>> referrers;
    for (const ReferrerManifest &r : std::as_const(m_referrers))
        referrers << r.manifest;
    auto *job = new ReferrersTagJob(session(), m_request.toRepository, referrers);
    job->setParent(this);
    connect(job, &ReferrersTagJob::finished, this, [this](const ClientResult<int> &written) {
        // The image is there either way: a registry that refuses the index
        // (immutable tags) does not keep it from being tagged.
        if (written.ok())
            m_summary.manifests += *written;
        else
            m_summary.warnings << ReferrersTagJob::notWritten(m_request.toRepository,
                                                              written.error());
        nextManifest();
    });
}

QString CopyJob::sourceName() const
{
    return m_request.fromRepository +
           (isDigest(m_request.fromReference) ? QLatin1Char('@') : QLatin1Char(':')) +
           m_request.fromReference;
}

void CopyJob::nextManifest()
{
    if (m_pushes.isEmpty())
        planPushes();
    if (m_nextManifest >= m_pushes.size()) {
        if (!m_referrerTagsDone && !m_referrers.isEmpty()) {
            m_referrerTagsDone = true;
            keepReferrersTags();
            return;
        }
        // The tag named this image and every blob was there: what was
        // pushed again were its referrers, as they were.
        if (m_tagInPlace && m_summary.blobsCopied == 0 && m_summary.blobsMounted == 0)
            m_summary.unchanged = true;
        if (beginFinish())
            Q_EMIT finished(m_summary);
        return;
    }
    const auto [manifest, reference] = m_pushes[m_nextManifest];
    const bool tag = reference == m_request.toTag;
    if (tag && !m_referrerTagsDone && !m_referrers.isEmpty()) {
        m_referrerTagsDone = true;
        keepReferrersTags();
        return;
    }
    if (tag && !m_request.overwrite && !m_tagCheckedAgain) {
        m_tagCheckedAgain = true;
        checkTag(true, [this] { nextManifest(); });
        return;
    }
    ++m_nextManifest;
    auto *put = new PutManifestJob(session(), m_request.toRepository, reference, manifest->bytes,
                                   manifest->mediaType, manifest->digest);
    put->setParent(this);
    connect(put, &PutManifestJob::finished, this, [this](const ClientResult<oci::Digest> &result) {
        if (!result.ok()) {
            fail(result.error());
            return;
        }
        ++m_summary.manifests;
        ++m_progress.manifestsDone;
        Q_EMIT progress(m_progress);
        nextManifest();
    });
}

} // namespace berth::client
