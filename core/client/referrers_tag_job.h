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
// it is pushed only when it changed; a subject whose index was pushed as
// it is (`tagsPushed` holds its tag) is left alone. A registry with the
// API lists referrers itself: nothing is written. finished() says how
// many indexes were written.
class ReferrersTagJob : public Job
{
    Q_OBJECT

public:
    ReferrersTagJob(RegistrySession *session, QString repository,
                    const QList<std::shared_ptr<const CachedManifest>> &referrers,
                    const QStringList &tagsPushed);

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
