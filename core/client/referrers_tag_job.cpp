#include "client/referrers_tag_job.h"

#include "client/put_manifest_job.h"
#include "client/referrers_job.h"
#include "client/registry_session.h"

#include "oci/media_types.h"
#include "oci/referrers_index.h"

#include <algorithm>

namespace berth::client {

ReferrersTagJob::ReferrersTagJob(RegistrySession *session, QString repository,
                                 const QList<std::shared_ptr<const CachedManifest>> &referrers)
    : Job(session)
    , m_repository(std::move(repository))
{
    for (const auto &referrer : referrers) {
        const auto subject = referrer->parsed ? referrer->parsed->subject() : std::nullopt;
        if (!subject)
            continue;
        auto it = std::find_if(m_subjects.begin(), m_subjects.end(),
                               [&subject](const auto &s) { return s.first == subject->digest; });
        if (it == m_subjects.end())
            m_subjects.append({subject->digest, {referrer}});
        else
            it->second.append(referrer);
    }
}

QString ReferrersTagJob::notWritten(const QString &repository, const ClientError &error)
{
    return tr("The referrers index in %1 could not be written (%2): the signatures, SBOMs and "
              "attestations are there by digest, but tools that read the index do not find "
              "them.")
        .arg(repository, error.message);
}

void ReferrersTagJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void ReferrersTagJob::run()
{
    nextSubject();
}

void ReferrersTagJob::nextSubject()
{
    if (isFinished())
        return;
    if (m_subjects.isEmpty()) {
        if (beginFinish())
            Q_EMIT finished(m_written);
        return;
    }
    ReferrersJob *list = session()->listReferrers(m_repository, m_subjects.first().first);
    list->setParent(this);
    connect(list, &ReferrersJob::finished, this, &ReferrersTagJob::onListed);
}

void ReferrersTagJob::onListed(const ClientResult<Referrers> &listed)
{
    if (isFinished())
        return;
    if (!listed.ok()) {
        fail(listed.error());
        return;
    }
    const auto [subject, referrers] = m_subjects.takeFirst();
    if (!listed->viaTagSchema) { // the registry lists them itself
        nextSubject();
        return;
    }
    std::vector<oci::Descriptor> manifests(listed->manifests.begin(), listed->manifests.end());
    const std::size_t before = manifests.size();
    for (const auto &referrer : referrers) {
        const bool listedThere =
            std::any_of(manifests.begin(), manifests.end(),
                        [&](const oci::Descriptor &d) { return d.digest == referrer->digest; });
        if (!listedThere)
            manifests.push_back(oci::referrerDescriptor(*referrer->parsed, referrer->digest,
                                                        referrer->bytes.size()));
    }
    if (manifests.size() == before) {
        nextSubject();
        return;
    }
    const std::string json = oci::referrersIndexJson(manifests);
    auto *put = new PutManifestJob(
        session(), m_repository, Referrers::fallbackTag(subject), QByteArray::fromStdString(json),
        QString::fromLatin1(oci::media_type::OciIndex), oci::Digest::sha256Of(json));
    put->setParent(this);
    connect(put, &PutManifestJob::finished, this, [this](const ClientResult<oci::Digest> &result) {
        if (!result.ok()) {
            fail(result.error());
            return;
        }
        ++m_written;
        nextSubject();
    });
}

} // namespace berth::client
