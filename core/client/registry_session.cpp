#include "client/registry_session.h"

#include "client/authenticator.h"
#include "client/blob_job.h"
#include "client/bulk_describe_job.h"
#include "client/content_cache.h"
#include "client/delete_manifest_job.h"
#include "client/delete_tag_job.h"
#include "client/http_exchange.h"
#include "client/http_reply.h"
#include "client/image_job.h"
#include "client/job.h"
#include "client/list_page_job.h"
#include "client/manifest_job.h"
#include "client/ping_job.h"
#include "client/prefetch_job.h"
#include "client/referrers_job.h"
#include "client/registry_error_body.h"
#include "client/search_job.h"
#include "client/stream_blob_job.h"

#include <QFile>

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslCertificate>
#include <QUrlQuery>
#include <algorithm>

namespace berth::client {

namespace {

QList<QSslCertificate> readCertificates(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // CA files are small; refuse anything absurd.
    if (file.size() > 4 * 1024 * 1024)
        return {};
    return QSslCertificate::fromData(file.readAll(), QSsl::Pem);
}

} // namespace

RegistrySession::RegistrySession(RegistryEndpoint endpoint, CredentialProvider credentials,
                                 QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_ssl(QSslConfiguration::defaultConfiguration())
    , m_auth(std::make_unique<Authenticator>(this, std::move(credentials)))
    , m_cache(std::make_unique<ContentCache>())
    , m_jobs(std::make_unique<QObject>())
{
    constexpr int kConnectionsPerManager = 6; // Qt's HTTP/1.1 limit per host
    const int managers = m_endpoint.isPlainHttp()
                             ? std::clamp((m_endpoint.maxConcurrency + kConnectionsPerManager - 1) /
                                              kConnectionsPerManager,
                                          1, 4)
                             : 1;
    for (int i = 0; i < managers; ++i) {
        auto nam = std::make_unique<QNetworkAccessManager>();
        nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        nam->setCookieJar(nullptr);
        nam->setStrictTransportSecurityEnabled(false);
        m_networks.push_back(std::move(nam));
    }

    QList<QSslCertificate> extra;
    // Like docker: /etc/docker/certs.d/<host:port>/ca.crt is trusted for that registry.
    if (!m_endpoint.dockerCertsDir.isEmpty())
        extra += readCertificates(m_endpoint.dockerCertsDir + QLatin1Char('/') +
                                  m_endpoint.hostPort() + QStringLiteral("/ca.crt"));
    if (m_endpoint.tlsMode == TlsMode::CustomCa && !m_endpoint.caFile.isEmpty())
        extra += readCertificates(m_endpoint.caFile);
    for (const QSslCertificate &certificate : std::as_const(extra))
        m_extraCaPem += certificate.toPem();
    m_ssl.setCaCertificates(m_ssl.caCertificates() + extra);
    if (m_endpoint.tlsMode == TlsMode::Insecure)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
}

RegistrySession::~RegistrySession() = default;

QUrl RegistrySession::apiUrl(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    QUrl url = m_endpoint.baseUrl;
    url.setPath(path);
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (const auto &[key, value] : query)
            q.addQueryItem(key, value);
        url.setQuery(q);
    }
    return url;
}

QNetworkAccessManager *RegistrySession::network()
{
    QNetworkAccessManager *nam = m_networks.at(m_nextNetwork).get();
    m_nextNetwork = (m_nextNetwork + 1) % m_networks.size();
    return nam;
}

HttpExchange *RegistrySession::exchange(HttpRequestSpec spec, QObject *parent)
{
    return new HttpExchange(this, std::move(spec), parent);
}

void RegistrySession::abandonUpload(const QUrl &location, const QStringList &scopes)
{
    if (location.isEmpty())
        return;
    HttpRequestSpec cancel;
    cancel.method = "DELETE";
    cancel.url = location;
    cancel.scopes = scopes;
    auto *exchange = this->exchange(cancel, jobOwner());
    connect(exchange, &HttpExchange::finished, exchange, &QObject::deleteLater);
    exchange->start();
}

void RegistrySession::openUploadFor(Job *job, const QString &repository, const QStringList &scopes,
                                    const QString &subject,
                                    std::function<void(const ClientResult<QUrl> &)> onOpened)
{
    HttpRequestSpec start = uploadStartRequest(repository);
    start.scopes = scopes;
    auto *exchange = this->exchange(start, jobOwner());
    const QPointer<Job> wanting(job);
    connect(exchange, &HttpExchange::finished, this,
            [this, exchange, wanting, scopes, subject,
             onOpened = std::move(onOpened)](const ClientResult<HttpReply> &result) {
                exchange->deleteLater();
                const bool opened = result.ok() && result.value().status == 202 &&
                                    !result.value().location().isEmpty();
                if (!wanting || wanting->isFinished()) {
                    if (opened)
                        abandonUpload(result.value().location(), scopes);
                    return;
                }
                if (!result.ok())
                    onOpened(result.error());
                else if (!opened)
                    onOpened(errorFor(result.value(), subject));
                else
                    onOpened(result.value().location());
            });
    exchange->start();
}

PingJob *RegistrySession::ping()
{
    return new PingJob(this);
}

ListPageJob *RegistrySession::listRepositories(int pageSize)
{
    ListCursor cursor;
    cursor.kind = ListCursor::Kind::Repositories;
    cursor.pageSize = pageSize;
    cursor.url =
        apiUrl(QStringLiteral("/v2/_catalog"), {{QStringLiteral("n"), QString::number(pageSize)}});
    return new ListPageJob(this, cursor);
}

ListPageJob *RegistrySession::listTags(const QString &repository, int pageSize)
{
    ListCursor cursor;
    cursor.kind = ListCursor::Kind::Tags;
    cursor.repository = repository;
    cursor.pageSize = pageSize;
    cursor.url = apiUrl(QStringLiteral("/v2/%1/tags/list").arg(repository),
                        {{QStringLiteral("n"), QString::number(pageSize)}});
    return new ListPageJob(this, cursor);
}

ListPageJob *RegistrySession::listPage(const ListCursor &cursor)
{
    return new ListPageJob(this, cursor);
}

ManifestJob *RegistrySession::getManifest(const QString &repository, const QString &reference)
{
    return new ManifestJob(this, repository, reference, ManifestJob::Method::Get);
}

ManifestJob *RegistrySession::headManifest(const QString &repository, const QString &reference)
{
    return new ManifestJob(this, repository, reference, ManifestJob::Method::Head);
}

HttpRequestSpec RegistrySession::blobRequest(const QString &repository,
                                             const oci::Digest &digest) const
{
    HttpRequestSpec spec;
    spec.url = apiUrl(QStringLiteral("/v2/%1/blobs/%2")
                          .arg(repository, QString::fromStdString(digest.toString())));
    spec.scopes = {QStringLiteral("repository:%1:pull").arg(repository)};
    return spec;
}

HttpRequestSpec RegistrySession::uploadStartRequest(const QString &repository) const
{
    HttpRequestSpec spec;
    spec.method = "POST";
    spec.url = apiUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(repository));
    spec.scopes = {QStringLiteral("repository:%1:pull,push").arg(repository)};
    spec.addHeader("Content-Length", "0");
    spec.addHeader("Content-Type", "application/octet-stream");
    return spec;
}

QUrl RegistrySession::uploadCompletionUrl(const QUrl &location, const oci::Digest &digest)
{
    QUrl url = location;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("digest"), QString::fromStdString(digest.toString()));
    url.setQuery(query);
    return url;
}

ManifestJob *RegistrySession::getManifestFromRegistry(const QString &repository,
                                                      const QString &reference)
{
    return new ManifestJob(this, repository, reference, ManifestJob::Method::GetFromRegistry);
}

StreamBlobJob *RegistrySession::streamBlob(const QString &repository, const oci::Digest &digest,
                                           std::function<bool(QByteArrayView)> sink)
{
    return new StreamBlobJob(this, repository, digest, std::move(sink));
}

PrefetchJob *RegistrySession::prefetch(const QStringList &references)
{
    return new PrefetchJob(this, references);
}

BlobJob *RegistrySession::getBlob(const QString &repository, const oci::Digest &digest,
                                  qint64 maxBytes)
{
    return new BlobJob(this, repository, digest, maxBytes);
}

ImageJob *RegistrySession::describe(const QString &repository, const QString &reference)
{
    return new ImageJob(this, repository, reference);
}

BulkDescribeJob *RegistrySession::describeTags(const QString &repository, const QStringList &tags)
{
    return new BulkDescribeJob(this, repository, tags);
}

DeleteManifestJob *RegistrySession::deleteManifest(const QString &repository,
                                                   const oci::Digest &digest)
{
    return new DeleteManifestJob(this, repository, digest);
}

DeleteTagJob *RegistrySession::deleteTag(const QString &repository, const QString &tag,
                                         const oci::Digest &expected)
{
    return new DeleteTagJob(this, repository, tag, expected);
}

ReferrersJob *RegistrySession::listReferrers(const QString &repository, const oci::Digest &subject,
                                             const QString &artifactType)
{
    return new ReferrersJob(this, repository, subject, artifactType);
}

SearchJob *RegistrySession::search(const QString &text, int maxHits)
{
    return new SearchJob(this, text, maxHits);
}

ClientError RegistrySession::errorFor(const HttpReply &response, const QString &subject) const
{
    const RegistryErrorBody body = RegistryErrorBody::parse(response.body);
    ClientError error{ClientErrorKind::Http,
                      {},
                      response.status,
                      body.code,
                      body.message.isEmpty() ? QString()
                                             : body.code + QStringLiteral(": ") + body.message};
    // Registries word their errors in English; a known code's meaning is
    // added in the app's language.
    const QString meaning = RegistryErrorBody::translatedMeaning(body.code);
    const QString said = body.message.isEmpty() ? QString()
                         : meaning.isEmpty()
                             ? tr(" (registry said: %1)").arg(body.message)
                             : tr(" (registry said: %1 — %2)").arg(body.message, meaning);
    switch (response.status) {
    case 400:
        if (response.body.contains("HTTP request to an HTTPS server")) {
            error.kind = ClientErrorKind::Tls;
            error.message = tr("%1 speaks HTTPS, not plain HTTP — use https:// for this registry.")
                                .arg(m_endpoint.hostPort());
        } else {
            error.message =
                tr("%1: the registry rejected the request (HTTP 400)%2.").arg(subject, said);
        }
        break;
    case 401:
        if (response.header("WWW-Authenticate").contains("insufficient_scope")) {
            error.kind = ClientErrorKind::Denied;
            error.message = tr("This login may not do that: %1 (insufficient scope).").arg(subject);
            break;
        }
        error.kind = ClientErrorKind::Unauthorized;
        error.message =
            m_auth->hasCredentials()
                ? tr("401 — wrong username or password for %1.").arg(m_endpoint.hostPort())
                : tr("401 — %1 needs a login; add your username and password to this registry.")
                      .arg(m_endpoint.hostPort());
        break;
    case 403:
        error.kind = ClientErrorKind::Denied;
        error.message = tr("403 — this login may not do that: %1%2.").arg(subject, said);
        break;
    case 404:
        error.kind = ClientErrorKind::NotFound;
        error.message = tr("%1 not found%2.").arg(subject, said);
        break;
    case 405:
        if (body.code == QLatin1String("UNSUPPORTED") || response.body.isEmpty() ||
            body.code.isEmpty()) {
            error.kind = ClientErrorKind::DeletesDisabled;
            error.message = tr("Deletes are disabled on this registry. Enable them with "
                               "storage.delete.enabled: true in its config.yml "
                               "(or REGISTRY_STORAGE_DELETE_ENABLED=true) and restart it.");
        } else {
            error.message = tr("%1: the registry does not allow this operation (HTTP 405)%2.")
                                .arg(subject, said);
        }
        break;
    case 429:
        error.message = tr("The registry is rate-limiting requests (HTTP 429); try again later.");
        break;
    default:
        if (response.status >= 500)
            error.message = tr("The registry failed with HTTP %1 on %2%3.")
                                .arg(response.status)
                                .arg(subject, said);
        else
            error.message = tr("%1: HTTP %2%3.").arg(subject).arg(response.status).arg(said);
        break;
    }
    if (error.message.size() > 600)
        error.message = error.message.left(600) + QStringLiteral("…");
    return error;
}

void RegistrySession::logRequest(const RequestLogEntry &entry)
{
    Q_EMIT requestLogged(entry);
}

} // namespace berth::client
