#pragma once

#include "client/content_cache.h"
#include "client/image_graph_job.h"
#include "client/job.h"

#include "oci/descriptor.h"

#include <QList>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace berth::client {

struct CopyRequest
{
    QString fromRepository;
    QString fromReference; // a tag or a digest
    QString toRepository;
    QString toTag;          // empty: the source's tag (none when copying by digest)
    bool overwrite = false; // a target tag pointing at another image is moved
    int parallel = 4;       // blobs asked, mounted or streamed at once
    bool referrers = true;  // signatures, SBOMs, attestations of the image go too
    // "os/arch[/variant]" of an index's platforms to copy; empty: every one.
    // One platform copies that platform's image itself; several, a new
    // index listing only them (its digest differs from the source's).
    QStringList platforms = {};
};

struct CopyProgress
{
    int manifestsDone = 0;
    int manifests = 0; // known so far (grows as an index's platforms arrive)
    int blobsDone = 0;
    int blobs = 0;
    qint64 bytesCopied = 0; // blob bytes streamed between registries so far
    qint64 bytesDone = 0;   // of bytesTotal: at the target (found, linked or streamed)
    qint64 bytesTotal = 0;  // every blob of the image (grows as manifests arrive)
    int retries = 0;        // blob transfers started again after a transient failure
};

struct CopySummary
{
    QString digest;       // the image copied (its top manifest)
    int manifests = 0;    // pushed, children first
    int blobsMounted = 0; // linked from the source repository: no bytes moved
    int blobsPresent = 0; // the target repository had them already
    int blobsCopied = 0;  // streamed from the source
    int referrers = 0;    // signatures, SBOMs, attestations copied with it
    qint64 bytesCopied = 0;
    int retries = 0;        // blob transfers started again after a transient failure
    bool unchanged = false; // the target tag pointed at this image already
    // Platforms were picked from an index: `digest` is a new index (or one
    // platform's image); the source's index was this.
    QString sourceDigest;
    QStringList platforms; // the platforms copied, when picked
    // What went, but not quite as asked (a referrers index that could not
    // be written, platforms asked of a single-platform image); in words.
    QStringList warnings;
};

// Copies one image — to another registry, to another repository of the
// same one, or to another tag of the same repository (a promotion) —
// digest for digest: every platform of an index, each manifest pushed as
// the exact bytes read. Each blob is asked of the target first (there:
// skipped); within a registry it is mounted from the source repository
// (POST …?mount=&from=, no bytes move); otherwise, or when a registry will
// not mount, it streams from the source into the target (TransferBlobJob).
// Manifests go children first and the tag last, so no reader ever sees a
// tag whose content is missing, and a cancelled copy tags nothing. A
// target tag that points at another image is refused (TagExists, both
// digests named) unless `overwrite`. A blob transfer that fails on the
// way (connection reset, timeout, 5xx, 429) starts again from its first
// byte, up to the target endpoint's maxRetries times with doubling delays
// from its retryBaseDelay. Runs on the target's session.
class CopyJob : public Job
{
    Q_OBJECT

public:
    CopyJob(RegistrySession *source, RegistrySession *target, CopyRequest request);
    // Within one registry.
    CopyJob(RegistrySession *session, CopyRequest request);
    ~CopyJob() override;

    // Whether two sessions reach one registry (a copy between them mounts).
    static bool sameRegistry(const RegistrySession *a, const RegistrySession *b);
    // The first of `platforms` that is no "os/arch[/variant]", in words.
    static std::optional<ClientError> invalidPlatform(const QStringList &platforms);

Q_SIGNALS:
    void progress(const berth::client::CopyProgress &progress);
    void finished(const berth::client::ClientResult<berth::client::CopySummary> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void onGraph(const ClientResult<ImageGraph> &result);
    // Only the platforms asked for (CopyRequest::platforms): false when
    // the copy failed instead.
    bool narrowToPlatforms();
    void checkTargetTag();
    void checkTag(bool again, std::function<void()> next);
    void nextBlob();
    void startBlob(const oci::Descriptor &blob);
    void mountBlob(const oci::Descriptor &blob);
    void transferBlob(const oci::Descriptor &blob, int attempt = 0);
    // After a failed transfer of `blob`: true when it is tried again.
    bool retryTransfer(const oci::Descriptor &blob, int attempt, const ClientError &error);
    void planPushes();
    void nextManifest();
    void keepReferrersTags();
    // "repository:tag" or "repository@digest", as the user names the source.
    QString sourceName() const;
    void blobDone();
    QStringList pushScopes() const;

    QPointer<RegistrySession> m_source;
    bool m_sameRegistry;
    CopyRequest m_request;
    QList<std::shared_ptr<const CachedManifest>> m_fetched; // top first
    QList<oci::Descriptor> m_blobs;
    QList<ReferrerManifest> m_referrers;
    // Manifests to push, and the reference each goes under (planPushes).
    QList<std::pair<std::shared_ptr<const CachedManifest>, QString>> m_pushes;
    int m_nextBlob = 0;
    int m_nextManifest = 0; // in m_pushes
    bool m_tagCheckedAgain = false;
    bool m_referrerTagsDone = false; // referrers tag schema indexes kept (keepReferrersTags)
    bool m_tagInPlace = false;       // the target tag names this image already
    QPointer<ImageGraphJob> m_reader;
    int m_inFlight = 0; // blobs being asked, mounted or streamed
    CopyProgress m_progress;
    CopySummary m_summary;
};

} // namespace berth::client
