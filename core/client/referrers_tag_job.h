#pragma once

#include "client/content_cache.h"
#include "client/job.h"

#include "oci/digest.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <utility>

namespace berth::client {

struct Referrers;

// After referrers were pushed (a copy, an import): at a registry without
// the referrers API, keeps each subject's referrers tag schema index (tag
// sha256-<hex>) listing them, as OCI 1.1 asks of the client that pushes
// them. What an index lists stays, what it lacks is added (by digest), and
// it is pushed only when it changed. A registry with the API lists
// referrers itself: nothing is written. finished() says how many indexes
// were written. Two copies writing one subject's index at once can each
// miss the other's referrers (the tag schema has no compare-and-swap); a
// later copy adds them again.
class ReferrersTagJob : public Job
{
    Q_OBJECT

public:
    ReferrersTagJob(RegistrySession *session, QString repository,
                    const QList<std::shared_ptr<const CachedManifest>> &referrers);
    // The warning a copy or import gives when this job failed: the image is
    // there, its referrers by digest, but tools reading the index miss them.
    static QString notWritten(const QString &repository, const ClientError &error);

Q_SIGNALS:
    void finished(const berth::client::ClientResult<int> &indexesWritten);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void nextSubject();
    void onListed(const ClientResult<Referrers> &listed);

    QString m_repository;
    // Each subject with its referrers, in the order first met.
    QList<std::pair<oci::Digest, QList<std::shared_ptr<const CachedManifest>>>> m_subjects;
    int m_written = 0;
};

} // namespace berth::client
