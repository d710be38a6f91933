#include "client/delete_tag_job.h"

#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/manifest_job.h"
#include "client/registry_error_body.h"
#include "client/registry_session.h"

#include "oci/media_types.h"
#include "oci/name_rules.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace berth::client {

namespace {

// The OCI 1.1 empty descriptor's content: "{}".
constexpr auto kEmptyDigest =
    "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const QByteArray kEmptyContent = QByteArrayLiteral("{}");
constexpr auto kZeroDigest =
    "sha256:0000000000000000000000000000000000000000000000000000000000000000";

QJsonObject emptyDescriptor()
{
    return QJsonObject{
        {QStringLiteral("mediaType"),
         QString::fromLatin1(oci::media_type::OciEmpty.data(),
                             static_cast<qsizetype>(oci::media_type::OciEmpty.size()))},
        {QStringLiteral("digest"), QLatin1String(kEmptyDigest)},
        {QStringLiteral("size"), 2}};
}

} // namespace

DeleteTagJob::DeleteTagJob(RegistrySession *session, QString repository, QString tag,
                           oci::Digest expected)
    : Job(session)
    , m_repository(std::move(repository))
    , m_tag(std::move(tag))
    , m_expected(std::move(expected))
{
}

void DeleteTagJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

QString DeleteTagJob::manifestPath(const QString &reference) const
{
    return QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, reference);
}

QStringList DeleteTagJob::pushScopes() const
{
    return {QStringLiteral("repository:%1:pull,push").arg(m_repository)};
}

QStringList DeleteTagJob::deleteScopes() const
{
    return {QStringLiteral("repository:%1:delete").arg(m_repository)};
}

void DeleteTagJob::run()
{
    const auto validName = oci::validateRepositoryName(m_repository.toStdString());
    const auto validTag = oci::validateTag(m_tag.toStdString());
    if (!validName.ok() || !validTag.ok()) {
        fail(ClientError{
            ClientErrorKind::InvalidArgument,
            QString::fromStdString((validName.ok() ? validTag : validName).error().message),
            0,
            {},
            {}});
        return;
    }
    checkTag([this] { deleteByTag(); });
}

void DeleteTagJob::checkTag(std::function<void()> next)
{
    auto *head = new ManifestJob(session(), m_repository, m_tag, ManifestJob::Method::Head);
    head->setParent(this);
    connect(head, &ManifestJob::finished, this,
            [this, next = std::move(next)](
                const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
                if (!result.ok()) {
                    fail(result.error());
                    return;
                }
                const oci::Digest &now = result.value()->digest;
                if (now != m_expected) {
                    fail(ClientError{ClientErrorKind::TagMoved,
                                     tr("%1:%2 now points at %3, not at %4 as shown; "
                                        "nothing was deleted. Refresh and check again.")
                                         .arg(m_repository, m_tag,
                                              QString::fromStdString(now.shortString()),
                                              QString::fromStdString(m_expected.shortString())),
                                     0,
                                     {},
                                     {}});
                    return;
                }
                next();
            });
}

void DeleteTagJob::deleteByTag()
{
    HttpRequestSpec spec;
    spec.method = "DELETE";
    spec.url = session()->apiUrl(manifestPath(m_tag));
    spec.scopes = deleteScopes();
    send(spec, [this](const HttpReply &response) {
        if (response.isSuccess()) {
            m_direct = true;
            succeed();
            return;
        }
        const QString code = RegistryErrorBody::parse(response.body).code;
        const bool refusedTagDelete = response.status == 400 || response.status == 405 ||
                                      code == QLatin1String("UNSUPPORTED") ||
                                      code == QLatin1String("DIGEST_INVALID");
        if (!refusedTagDelete || response.status == 401 || response.status == 403) {
            fail(session()->errorFor(response,
                                     QStringLiteral("Tag %1:%2").arg(m_repository, m_tag)));
            return;
        }
        probeDeletes();
    });
}

void DeleteTagJob::probeDeletes()
{
    HttpRequestSpec spec;
    spec.method = "DELETE";
    spec.url = session()->apiUrl(manifestPath(QLatin1String(kZeroDigest)));
    spec.scopes = deleteScopes();
    send(spec, [this](const HttpReply &response) {
        const QString code = RegistryErrorBody::parse(response.body).code;
        if (response.status == 405 || code == QLatin1String("UNSUPPORTED")) {
            ClientError error =
                session()->errorFor(response, QStringLiteral("Tag %1:%2").arg(m_repository, m_tag));
            error.kind = ClientErrorKind::DeletesDisabled;
            fail(error);
            return;
        }
        if (response.status == 401 || response.status == 403) {
            fail(session()->errorFor(response,
                                     QStringLiteral("Tag %1:%2").arg(m_repository, m_tag)));
            return;
        }
        fetchOriginal();
    });
}

void DeleteTagJob::fetchOriginal()
{
    auto *job =
        new ManifestJob(session(), m_repository, QString::fromStdString(m_expected.toString()),
                        ManifestJob::Method::Get);
    job->setParent(this);
    connect(job, &ManifestJob::finished, this,
            [this](const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
                if (!result.ok()) {
                    fail(result.error());
                    return;
                }
                m_original = result.value();
                ensureEmptyBlob();
            });
}

void DeleteTagJob::ensureEmptyBlob()
{
    HttpRequestSpec spec;
    spec.method = "HEAD";
    spec.url = session()->apiUrl(
        QStringLiteral("/v2/%1/blobs/%2").arg(m_repository, QLatin1String(kEmptyDigest)));
    spec.scopes = pushScopes();
    send(spec, [this](const HttpReply &response) {
        if (response.isSuccess())
            checkTag([this] { putPlaceholder(); });
        else
            uploadEmptyBlob();
    });
}

void DeleteTagJob::uploadEmptyBlob()
{
    HttpRequestSpec start;
    start.method = "POST";
    start.url = session()->apiUrl(QStringLiteral("/v2/%1/blobs/uploads/").arg(m_repository));
    start.scopes = pushScopes();
    start.addHeader("Content-Length", "0");
    send(start, [this](const HttpReply &response) {
        if (response.status != 202 || response.header("Location").isEmpty()) {
            fail(session()->errorFor(response, tr("Upload to %1").arg(m_repository)));
            return;
        }
        QUrl location = response.location();
        QUrlQuery query(location);
        query.addQueryItem(QStringLiteral("digest"), QLatin1String(kEmptyDigest));
        location.setQuery(query);
        HttpRequestSpec put;
        put.method = "PUT";
        put.url = location;
        put.body = kEmptyContent;
        put.scopes = pushScopes();
        put.addHeader("Content-Type", "application/octet-stream");
        send(put, [this](const HttpReply &done) {
            if (!done.isSuccess()) {
                fail(session()->errorFor(done, tr("Upload to %1").arg(m_repository)));
                return;
            }
            checkTag([this] { putPlaceholder(); });
        });
    });
}

void DeleteTagJob::putPlaceholder()
{
    // Unique content, so its digest is shared with no other tag.
    const QString marker =
        QStringLiteral("tag %1 deleted by Berth at %2, nonce %3")
            .arg(m_tag, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
            .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"),
         QString::fromLatin1(oci::media_type::OciManifest.data(),
                             static_cast<qsizetype>(oci::media_type::OciManifest.size()))},
        {QStringLiteral("config"), emptyDescriptor()},
        {QStringLiteral("layers"), QJsonArray{emptyDescriptor()}},
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("io.github.berth.placeholder"), marker}}},
    };
    m_placeholder = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    HttpRequestSpec spec;
    spec.method = "PUT";
    spec.url = session()->apiUrl(manifestPath(m_tag));
    spec.body = m_placeholder;
    spec.scopes = pushScopes();
    spec.addHeader("Content-Type",
                   QByteArray(oci::media_type::OciManifest.data(),
                              static_cast<qsizetype>(oci::media_type::OciManifest.size())));
    send(spec, [this](const HttpReply &response) {
        if (!response.isSuccess()) {
            fail(session()->errorFor(response,
                                     QStringLiteral("Tag %1:%2").arg(m_repository, m_tag)));
            return;
        }
        deletePlaceholder();
    });
}

void DeleteTagJob::deletePlaceholder()
{
    const oci::Digest digest = oci::Digest::sha256Of(std::string_view(
        m_placeholder.constData(), static_cast<std::size_t>(m_placeholder.size())));
    HttpRequestSpec spec;
    spec.method = "DELETE";
    spec.url = session()->apiUrl(manifestPath(QString::fromStdString(digest.toString())));
    spec.scopes = deleteScopes();
    send(spec, [this](const HttpReply &response) {
        if (response.isSuccess()) {
            succeed();
            return;
        }
        restoreOriginal(
            session()->errorFor(response, QStringLiteral("Tag %1:%2").arg(m_repository, m_tag)));
    });
}

void DeleteTagJob::restoreOriginal(const ClientError &cause)
{
    HttpRequestSpec spec;
    spec.method = "PUT";
    spec.url = session()->apiUrl(manifestPath(m_tag));
    spec.body = m_original->bytes;
    spec.scopes = pushScopes();
    spec.addHeader("Content-Type", m_original->mediaType.toLatin1());
    send(spec, [this, cause](const HttpReply &response) {
        ClientError error = cause;
        error.message +=
            response.isSuccess()
                ? tr(" The tag was put back on its image; nothing was deleted.")
                : tr(" Putting the tag back failed too (HTTP %1): %2:%3 now points at "
                     "a Berth placeholder; push it again or retag %4.")
                      .arg(response.status)
                      .arg(m_repository, m_tag, QString::fromStdString(m_expected.toString()));
        fail(error);
    });
}

void DeleteTagJob::succeed()
{
    session()->cache()->forgetRepository(m_repository);
    if (beginFinish())
        Q_EMIT finished(berth::Ok{});
}

} // namespace berth::client
