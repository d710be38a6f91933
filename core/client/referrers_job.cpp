#include "client/referrers_job.h"

#include <QRegularExpression>

#include "client/content_cache.h"
#include "client/http_reply.h"
#include "client/http_request_spec.h"
#include "client/manifest_job.h"
#include "client/registry_session.h"

#include "oci/media_types.h"
#include "oci/parsed_manifest.h"

#include <QUrlQuery>

namespace berth::client {

ReferrersJob::ReferrersJob(RegistrySession *session, QString repository, oci::Digest subject,
                           QString artifactType)
    : Job(session)
    , m_repository(std::move(repository))
    , m_subject(std::move(subject))
    , m_artifactType(std::move(artifactType))
{
}

void ReferrersJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void ReferrersJob::run()
{
    if (!checkRepository(m_repository))
        return;
    HttpRequestSpec spec;
    QList<QPair<QString, QString>> query;
    if (!m_artifactType.isEmpty())
        query.append({QStringLiteral("artifactType"), m_artifactType});
    spec.url =
        session()->apiUrl(QStringLiteral("/v2/%1/referrers/%2")
                              .arg(m_repository, QString::fromStdString(m_subject.toString())),
                          query);
    spec.addHeader("Accept", QByteArray(oci::media_type::OciIndex.data(),
                                        static_cast<qsizetype>(oci::media_type::OciIndex.size())));
    spec.scopes = {QStringLiteral("repository:%1:pull").arg(m_repository)};
    send(spec, [this](const HttpReply &response) {
        if (response.status == 404) {
            fallbackToTag();
            return;
        }
        if (!response.isSuccess()) {
            fail(session()->errorFor(
                response,
                tr("Referrers of %1").arg(QString::fromStdString(m_subject.shortString()))));
            return;
        }
        auto parsed =
            oci::parseManifest(std::string_view(response.body.constData(),
                                                static_cast<std::size_t>(response.body.size())),
                               oci::media_type::OciIndex);
        if (!parsed.ok() || !parsed->index()) {
            fail(ClientError{ClientErrorKind::InvalidResponse,
                             tr("The registry's referrers list is not a valid OCI index."),
                             response.status,
                             {},
                             parsed.ok() ? QString()
                                         : QString::fromStdString(parsed.error().message)});
            return;
        }
        Referrers referrers;
        for (const auto &d : parsed->index()->manifests)
            referrers.manifests.append(d);
        referrers.filteredByRegistry =
            response.header("OCI-Filters-Applied").contains("artifactType");
        finishWith(std::move(referrers));
    });
}

bool Referrers::isFallbackTag(const QString &tag)
{
    static const QRegularExpression form(QStringLiteral("^sha256-[0-9a-f]{64}$"));
    return form.match(tag).hasMatch();
}

QString Referrers::fallbackTag(const oci::Digest &subject)
{
    return QStringLiteral("%1-%2")
        .arg(QString::fromLatin1(subject.algorithmName().data(),
                                 static_cast<qsizetype>(subject.algorithmName().size())),
             QString::fromStdString(subject.hex()))
        .left(128); // the tag grammar's limit
}

void ReferrersJob::fallbackToTag()
{
    auto *job = new ManifestJob(session(), m_repository, Referrers::fallbackTag(m_subject),
                                ManifestJob::Method::Get);
    job->setParent(this);
    connect(job, &ManifestJob::finished, this,
            [this](const ClientResult<std::shared_ptr<const CachedManifest>> &result) {
                Referrers referrers;
                referrers.viaTagSchema = true;
                if (!result.ok()) {
                    if (result.error().kind == ClientErrorKind::NotFound)
                        finishWith(std::move(referrers));
                    else
                        fail(result.error());
                    return;
                }
                if (const oci::ImageIndex *index = result.value()->parsed->index()) {
                    for (const auto &d : index->manifests)
                        referrers.manifests.append(d);
                    referrers.fallbackIndex = result.value();
                }
                finishWith(std::move(referrers));
            });
}

void ReferrersJob::finishWith(Referrers referrers)
{
    if (!m_artifactType.isEmpty() && !referrers.filteredByRegistry) {
        const std::string wanted = m_artifactType.toStdString();
        referrers.manifests.removeIf(
            [&](const oci::Descriptor &d) { return d.artifactType != wanted; });
    }
    if (beginFinish())
        Q_EMIT finished(referrers);
}

} // namespace berth::client
