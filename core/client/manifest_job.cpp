#include "client/manifest_job.h"

#include "client/http_exchange.h"
#include "client/registry_session.h"

#include "oci/digest_hasher.h"
#include "oci/media_types.h"
#include "oci/name_rules.h"

namespace berth::client {

namespace {

constexpr qint64 kMaxManifestBytes = 4 * 1024 * 1024; // the spec's limit

ClientError invalidArgument(const QString &message)
{
    return ClientError{ClientErrorKind::InvalidArgument, message, 0, {}, {}};
}

} // namespace

ManifestJob::ManifestJob(RegistrySession *session, QString repository, QString reference,
                         Method method)
    : Job(session)
    , m_repository(std::move(repository))
    , m_reference(std::move(reference))
    , m_method(method)
{
}

void ManifestJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void ManifestJob::run()
{
    if (!checkRepository(m_repository))
        return;
    if (m_reference.contains(QLatin1Char(':'))) {
        auto digest = oci::Digest::parse(m_reference.toStdString());
        if (!digest.ok()) {
            fail(invalidArgument(QString::fromStdString(digest.error().message)));
            return;
        }
        m_referenceDigest = digest.value();
        // Content addressed: a cached copy is the manifest, and a GET of
        // it already on its way will bring it.
        if (auto cached = m_method == Method::GetFromRegistry
                              ? nullptr
                              : session()->cache()->manifest(*m_referenceDigest)) {
            succeed(cached);
            return;
        }
        if (m_method == Method::Get) {
            const QString key =
                QStringLiteral("manifest ") + QString::fromStdString(m_referenceDigest->toString());
            if (auto *leader = qobject_cast<ManifestJob *>(session()->cache()->inFlight(key))) {
                follow(leader);
                return;
            }
            session()->cache()->setInFlight(key, this);
        }
    } else if (const auto valid = oci::validateTag(m_reference.toStdString()); !valid.ok()) {
        fail(invalidArgument(QString::fromStdString(valid.error().message)));
        return;
    } else if (m_method == Method::Get) {
        // The same tag asked for twice at once (the tag list and the
        // details pane): one GET.
        const QString key = QStringLiteral("tag %1:%2").arg(m_repository, m_reference);
        if (auto *leader = qobject_cast<ManifestJob *>(session()->cache()->inFlight(key))) {
            follow(leader);
            return;
        }
        session()->cache()->setInFlight(key, this);
    }
    request(m_method == Method::Head ? Method::Head : Method::Get);
}

void ManifestJob::follow(ManifestJob *leader)
{
    followLeader(
        leader, &ManifestJob::finished,
        [this](const std::shared_ptr<const CachedManifest> &manifest) { succeed(manifest); },
        [this] { request(Method::Get); });
}

void ManifestJob::request(Method method)
{
    HttpRequestSpec spec;
    spec.method = method == Method::Get ? "GET" : "HEAD";
    spec.url =
        session()->apiUrl(QStringLiteral("/v2/%1/manifests/%2").arg(m_repository, m_reference));
    spec.addHeader("Accept", QByteArray(oci::media_type::manifestAcceptHeader().data(),
                                        static_cast<qsizetype>(
                                            oci::media_type::manifestAcceptHeader().size())));
    spec.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
    spec.maxBodyBytes = kMaxManifestBytes;
    auto *exchange = session()->exchange(spec, this);
    connect(exchange, &HttpExchange::finished, this,
            [this, method](const ClientResult<HttpReply> &result) { onResponse(method, result); });
    exchange->start();
}

void ManifestJob::onResponse(Method method, const ClientResult<HttpReply> &result)
{
    if (!result.ok()) {
        fail(result.error());
        return;
    }
    const HttpReply &response = result.value();
    const QString subject =
        QStringLiteral("Manifest %1%2%3")
            .arg(m_repository, m_referenceDigest ? QStringLiteral("@") : QStringLiteral(":"),
                 m_reference);
    if (!response.isSuccess()) {
        fail(session()->errorFor(response, subject));
        return;
    }
    const QString contentType = QString::fromLatin1(response.header("Content-Type"))
                                    .section(QLatin1Char(';'), 0, 0)
                                    .trimmed();
    std::optional<oci::Digest> headerDigest;
    if (const QByteArray h = response.header("Docker-Content-Digest").trimmed(); !h.isEmpty()) {
        auto parsed = oci::Digest::parse(h.toStdString());
        if (!parsed.ok()) {
            fail(ClientError{
                ClientErrorKind::InvalidResponse,
                tr("%1: the registry sent an invalid Docker-Content-Digest.").arg(subject),
                response.status,
                {},
                QString::fromStdString(parsed.error().message)});
            return;
        }
        headerDigest = parsed.value();
    }

    if (method == Method::Head) {
        const auto digest = headerDigest ? headerDigest : m_referenceDigest;
        if (!digest) {
            request(Method::Get); // no digest header: read the body and hash it
            return;
        }
        if (m_referenceDigest && *digest != *m_referenceDigest) {
            fail(ClientError{ClientErrorKind::DigestMismatch,
                             tr("%1: the registry answered for another digest.").arg(subject),
                             response.status,
                             {},
                             {}});
            return;
        }
        auto manifest =
            std::make_shared<CachedManifest>(CachedManifest{*digest, {}, contentType, nullptr});
        if (!m_referenceDigest)
            session()->cache()->putTagHint(m_repository, m_reference, *digest);
        succeed(manifest);
        return;
    }

    // Hash with the algorithm of the digest we will compare against.
    const auto algorithm = m_referenceDigest ? m_referenceDigest->algorithm()
                           : headerDigest    ? headerDigest->algorithm()
                                             : oci::DigestAlgorithm::Sha256;
    oci::DigestHasher hasher(algorithm);
    hasher.update(response.body.constData(), static_cast<std::size_t>(response.body.size()));
    const oci::Digest actual = hasher.finish();
    if ((m_referenceDigest && actual != *m_referenceDigest) ||
        (headerDigest && actual != *headerDigest)) {
        fail(ClientError{
            ClientErrorKind::DigestMismatch,
            tr("%1: the content does not match its digest — the registry or something "
               "between may be corrupting data.")
                .arg(subject),
            response.status,
            {},
            QStringLiteral("expected %1, got %2")
                .arg(QString::fromStdString(
                         (m_referenceDigest ? *m_referenceDigest : *headerDigest).toString()),
                     QString::fromStdString(actual.toString()))});
        return;
    }
    // Content addressed: an identical manifest already cached is shared, not copied.
    if (auto cached = session()->cache()->manifest(actual)) {
        if (!m_referenceDigest)
            session()->cache()->putTagHint(m_repository, m_reference, actual);
        succeed(cached);
        return;
    }
    auto parsed = oci::parseManifest(
        std::string_view(response.body.constData(), static_cast<std::size_t>(response.body.size())),
        contentType.toStdString());
    if (!parsed.ok()) {
        fail(ClientError{ClientErrorKind::InvalidResponse,
                         tr("%1 is not a valid manifest: %2")
                             .arg(subject, QString::fromStdString(parsed.error().message)),
                         response.status,
                         {},
                         {}});
        return;
    }
    auto manifest = std::make_shared<CachedManifest>(
        CachedManifest{actual, response.body,
                       contentType.isEmpty() || contentType == QLatin1String("application/json")
                           ? QString::fromStdString(std::string(parsed->mediaType()))
                           : contentType,
                       std::make_shared<const oci::ParsedManifest>(std::move(parsed.value()))});
    session()->cache()->putManifest(manifest);
    if (!m_referenceDigest)
        session()->cache()->putTagHint(m_repository, m_reference, actual);
    succeed(manifest);
}

void ManifestJob::succeed(std::shared_ptr<const CachedManifest> manifest)
{
    if (beginFinish())
        Q_EMIT finished(manifest);
}

} // namespace berth::client
