#include "client/copy_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/manifest_job.h"
#include "client/registry_session.h"
#include "client/transfer_blob_job.h"

#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"

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
    , m_sameRegistry(source == target || source->endpoint().baseUrl.matches(
                                             target->endpoint().baseUrl, QUrl::StripTrailingSlash))
    , m_request(std::move(request))
{
    if (m_request.toTag.isEmpty() && !isDigest(m_request.fromReference))
        m_request.toTag = m_request.fromReference;
}

CopyJob::CopyJob(RegistrySession *session, CopyRequest request)
    : CopyJob(session, session, std::move(request))
{
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
    m_toFetch = {m_request.fromReference};
    fetchNext();
}

void CopyJob::fetchNext()
{
    if (m_toFetch.isEmpty()) {
        checkTargetTag();
        return;
    }
    // A job of the source's session: it goes with that session, not with this job.
    auto *job = m_source->getManifest(m_request.fromRepository, m_toFetch.takeFirst());
    connect(job, &ManifestJob::finished, this, &CopyJob::onManifest);
}

void CopyJob::onManifest(const ClientResult<std::shared_ptr<const CachedManifest>> &result)
{
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const auto &manifest = result.value();
    if (!manifest->parsed) {
        fail({ClientErrorKind::InvalidResponse,
              tr("%1@%2 is no manifest Berth can copy.")
                  .arg(m_request.fromRepository, text(manifest->digest)),
              0,
              {},
              {}});
        return;
    }
    m_fetched.append(manifest);
    ++m_progress.manifests;
    for (const oci::Descriptor &d : manifest->parsed->references()) {
        if (manifest->parsed->isIndex()) {
            m_toFetch.append(text(d.digest));
            continue;
        }
        // A foreign layer is fetched from its URLs, never from a registry.
        const bool known =
            std::any_of(m_blobs.cbegin(), m_blobs.cend(),
                        [&d](const oci::Descriptor &b) { return b.digest == d.digest; });
        if (d.urls.empty() && !known) {
            m_blobs.append(d);
            ++m_progress.blobs;
        }
    }
    Q_EMIT progress(m_progress);
    fetchNext();
}

void CopyJob::checkTargetTag()
{
    m_summary.digest = text(m_fetched.first()->digest);
    if (m_request.toTag.isEmpty() || m_request.overwrite) {
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
                m_summary.unchanged = true;
                if (beginFinish())
                    Q_EMIT finished(m_summary);
                return;
            }
            const QString shownThere = QString::fromStdString(there.shortString());
            const QString shownHere =
                QString::fromStdString(m_fetched.first()->digest.shortString());
            fail({ClientErrorKind::TagExists,
                  again ? tr("%1:%2 was pointed at another image (%3) while copying; it was "
                             "left so, and %4 is there untagged.")
                              .arg(m_request.toRepository, m_request.toTag, shownThere, shownHere)
                        : tr("%1:%2 already points at another image (%3, not %4); nothing "
                             "was copied. Copy again allowing it to be moved, or choose "
                             "another tag.")
                              .arg(m_request.toRepository, m_request.toTag, shownThere, shownHere),
                  0,
                  {},
                  {}});
        });
}

void CopyJob::nextBlob()
{
    if (m_nextBlob >= m_blobs.size()) {
        nextManifest();
        return;
    }
    const oci::Descriptor blob = m_blobs[m_nextBlob++];
    HttpRequestSpec head;
    head.method = "HEAD";
    head.url = session()->apiUrl(
        QStringLiteral("/v2/%1/blobs/%2").arg(m_request.toRepository, text(blob.digest)));
    head.scopes = pushScopes();
    send(head, [this, blob](const HttpReply &response) {
        if (response.isSuccess()) {
            ++m_summary.blobsPresent;
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
    send(mount, [this, blob](const HttpReply &response) {
        if (response.status == 201) {
            ++m_summary.blobsMounted;
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

void CopyJob::transferBlob(const oci::Descriptor &blob)
{
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    auto *job = new TransferBlobJob(m_source, m_request.fromRepository, session(),
                                    m_request.toRepository, blob.digest, blob.size);
    job->setParent(this);
    m_bytesBefore = m_progress.bytesCopied;
    connect(job, &TransferBlobJob::transferred, this, [this](qint64 bytes) {
        m_progress.bytesCopied = m_bytesBefore + bytes;
        Q_EMIT progress(m_progress);
    });
    connect(job, &TransferBlobJob::finished, this, [this](const ClientResult<qint64> &result) {
        if (!result.ok()) {
            fail(result.error());
            return;
        }
        ++m_summary.blobsCopied;
        m_summary.bytesCopied += result.value();
        m_progress.bytesCopied = m_bytesBefore + result.value();
        blobDone();
    });
}

void CopyJob::blobDone()
{
    ++m_progress.blobsDone;
    Q_EMIT progress(m_progress);
    nextBlob();
}

void CopyJob::nextManifest()
{
    if (m_nextManifest >= m_fetched.size()) {
        if (beginFinish())
            Q_EMIT finished(m_summary);
        return;
    }
    // Children first: the top manifest (and with it the tag) goes last.
    const auto manifest = m_fetched[m_fetched.size() - 1 - m_nextManifest];
    const bool top = manifest == m_fetched.first();
    if (top && !m_request.toTag.isEmpty() && !m_request.overwrite && !m_tagCheckedAgain) {
        m_tagCheckedAgain = true;
        checkTag(true, [this] { nextManifest(); });
        return;
    }
    ++m_nextManifest;
    const QString reference =
        top && !m_request.toTag.isEmpty() ? m_request.toTag : text(manifest->digest);
    HttpRequestSpec put;
    put.method = "PUT";
    put.url = session()->apiUrl(
        QStringLiteral("/v2/%1/manifests/%2").arg(m_request.toRepository, reference));
    put.scopes = pushScopes();
    put.body = manifest->bytes;
    put.addHeader("Content-Type", manifest->mediaType.toLatin1());
    send(put, [this, manifest, reference](const HttpReply &response) {
        if (!response.isSuccess()) {
            fail(session()->errorFor(response,
                                     tr("Manifest %1:%2").arg(m_request.toRepository, reference)));
            return;
        }
        const QByteArray stored = response.header("Docker-Content-Digest");
        if (!stored.isEmpty() && QString::fromLatin1(stored) != text(manifest->digest)) {
            fail({ClientErrorKind::DigestMismatch,
                  tr("%1 stored manifest %2 under another digest, %3: the copy is not the same "
                     "image, though it was written.")
                      .arg(session()->endpoint().hostPort(), text(manifest->digest),
                           QString::fromLatin1(stored)),
                  response.status,
                  {},
                  {}});
            return;
        }
        ++m_summary.manifests;
        ++m_progress.manifestsDone;
        Q_EMIT progress(m_progress);
        nextManifest();
    });
}

} // namespace berth::client
