#pragma once

#include "client/client_error.h"
#include "client/credentials.h"
#include "client/http_request_spec.h"
#include "client/registry_endpoint.h"
#include "client/request_log_entry.h"

#include <QObject>
#include <QSslConfiguration>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace berth::oci {
class Digest;
}

namespace berth::client {

class Authenticator;
class BlobJob;
class BulkDescribeJob;
class ContentCache;
class DeleteManifestJob;
class DeleteTagJob;
class HttpExchange;
struct HttpReply;
class Job;
class ImageJob;
class ListPageJob;
class ManifestJob;
class PrefetchJob;
class StreamBlobJob;
class PingJob;
class ReferrersJob;
class SearchJob;

// One registry, one login, a few QNetworkAccessManagers. Every call returns a
// job (owned by the session's jobOwner(), deleted after it emits finished);
// cancel() it, or re-parent it to tie it to an owner's lifetime. Lives on one
// thread.
class RegistrySession : public QObject
{
    Q_OBJECT

public:
    explicit RegistrySession(RegistryEndpoint endpoint, CredentialProvider credentials = {},
                             QObject *parent = nullptr);
    ~RegistrySession() override;

    const RegistryEndpoint &endpoint() const { return m_endpoint; }

    PingJob *ping();

    // Paged lists. The first page asks for `pageSize` items; each result
    // carries the next page's URL (from the Link header) if there is one.
    ListPageJob *listRepositories(int pageSize = 100);
    ListPageJob *listTags(const QString &repository, int pageSize = 1000);
    // Continue a list with the `next` cursor of the previous page.
    ListPageJob *listPage(const struct ListCursor &cursor);

    ManifestJob *getManifest(const QString &repository, const QString &reference);
    // HEAD: tag → digest, without downloading the manifest.
    ManifestJob *headManifest(const QString &repository, const QString &reference);
    // A GET never answered from this session's cache (pre-fetch through a mirror).
    ManifestJob *getManifestFromRegistry(const QString &repository, const QString &reference);
    // A blob of any size, streamed to `sink` and verified (StreamBlobJob).
    StreamBlobJob *streamBlob(const QString &repository, const oci::Digest &digest,
                              std::function<bool(QByteArrayView)> sink);
    // Pulls each "repository:tag" or "repository@digest" through this
    // registry, every platform and blob, dropping the bytes (PrefetchJob).
    PrefetchJob *prefetch(const QStringList &references);
    BlobJob *getBlob(const QString &repository, const oci::Digest &digest, qint64 maxBytes);

    // Manifest + config(s) + sizes + created date, through the content cache.
    ImageJob *describe(const QString &repository, const QString &reference);
    // describe() for many tags with bounded concurrency, streamed.
    BulkDescribeJob *describeTags(const QString &repository, const QStringList &tags);

    DeleteManifestJob *deleteManifest(const QString &repository, const oci::Digest &digest);
    // Removes only `tag`, keeping other tags of the same digest; refuses when
    // the tag no longer points at `expected`.
    DeleteTagJob *deleteTag(const QString &repository, const QString &tag,
                            const oci::Digest &expected);

    ReferrersJob *listReferrers(const QString &repository, const oci::Digest &subject,
                                const QString &artifactType = {});

    // Repositories and tags whose names contain `text`, streamed.
    SearchJob *search(const QString &text, int maxHits = 5000);

    // --- for jobs ---
    QUrl apiUrl(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    // GET /v2/<repository>/blobs/<digest> with its pull scope (BlobJob, StreamBlobJob).
    HttpRequestSpec blobRequest(const QString &repository, const oci::Digest &digest) const;
    // POST /v2/<repository>/blobs/uploads/ with its pull,push scope: opens an
    // upload (UploadBlobJob, TransferBlobJob); its Location is where it goes.
    HttpRequestSpec uploadStartRequest(const QString &repository) const;
    // An upload's Location with ?digest= added: the PUT that completes it.
    static QUrl uploadCompletionUrl(const QUrl &location, const oci::Digest &digest);
    HttpExchange *exchange(HttpRequestSpec spec, QObject *parent);
    // DELETE of an upload given up (its Location), sent and forgotten: the
    // session owns it, the answer changes nothing.
    void abandonUpload(const QUrl &location, const QStringList &scopes);
    // Opens an upload in `repository` (POST, with `scopes`) for `job`. The
    // POST is the session's, not the job's: `onOpened` gets the upload's
    // Location, or the error in words about `subject`, while `job` runs; an
    // upload opened for a job that has since ended or gone (cancelled while
    // the POST was on its way) is abandoned at the registry instead of
    // being left open.
    void openUploadFor(Job *job, const QString &repository, const QStringList &scopes,
                       const QString &subject,
                       std::function<void(const ClientResult<QUrl> &)> onOpened);
    // Qt 6.4 opens at most 6 HTTP/1.1 connections per host and manager; a
    // session keeps enough managers for its concurrency and hands them out
    // in turn (HTTPS registries usually multiplex over HTTP/2 on one).
    QNetworkAccessManager *network();
    Authenticator *authenticator() const { return m_auth.get(); }
    ContentCache *cache() const { return m_cache.get(); }
    // The parent of every job the session makes; jobs go before the
    // managers their replies belong to.
    QObject *jobOwner() const { return m_jobs.get(); }
    const QSslConfiguration &sslConfiguration() const { return m_ssl; }
    // The certificates trusted for this registry besides the system's
    // (certs.d's ca.crt, the endpoint's CA file), PEM: for libcurl.
    const QByteArray &extraCaPem() const { return m_extraCaPem; }
    void logRequest(const RequestLogEntry &entry);
    // A registry's non-2xx answer in words: `subject` names what was asked
    // for ("Manifest a/b:1"); the registry's error body adds the detail.
    ClientError errorFor(const struct HttpReply &response, const QString &subject) const;

Q_SIGNALS:
    void requestLogged(const berth::client::RequestLogEntry &entry);

private:
    RegistryEndpoint m_endpoint;
    QSslConfiguration m_ssl;
    QByteArray m_extraCaPem;
    // Members die in reverse order: the jobs (and the replies they abort)
    // first, then the authenticator's token fetches, the managers last.
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_networks;
    std::size_t m_nextNetwork = 0;
    std::unique_ptr<Authenticator> m_auth;
    std::unique_ptr<ContentCache> m_cache;
    std::unique_ptr<QObject> m_jobs;
};

} // namespace berth::client
