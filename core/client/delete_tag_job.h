#pragma once

#include "client/content_cache.h"
#include "client/job.h"

#include "oci/digest.h"

namespace berth::client {

// Removes one tag and keeps every other tag of the same image.
//
// 1. HEAD the tag: if it no longer points at `expected`, nothing happens (TagMoved).
// 2. DELETE /v2/<name>/manifests/<tag> (OCI distribution-spec 1.1).
// 3. Where the registry refuses that (distribution 2.8: 400 DIGEST_INVALID;
//    others 405), and deletes are enabled (probed with a DELETE of an
//    all-zero digest: 405 means disabled), the tag is re-pointed at a unique
//    empty placeholder manifest, which is then deleted by digest — taking
//    only this tag with it. If that last step fails, the tag is put back.
class DeleteTagJob : public Job
{
    Q_OBJECT

public:
    DeleteTagJob(RegistrySession *session, QString repository, QString tag, oci::Digest expected);

    // How the tag was removed: true when the registry deleted it directly.
    bool deletedDirectly() const { return m_direct; }

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::Ok> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void checkTag(std::function<void()> next);
    void deleteByTag();
    void probeDeletes();
    void fetchOriginal();
    void ensureEmptyBlob();
    void uploadEmptyBlob();
    void putPlaceholder();
    void deletePlaceholder();
    void restoreOriginal(const ClientError &cause);
    void succeed();
    QString manifestPath(const QString &reference) const;
    QStringList pushScopes() const;
    QStringList deleteScopes() const;

    QString m_repository;
    QString m_tag;
    oci::Digest m_expected;
    std::shared_ptr<const CachedManifest> m_original;
    QByteArray m_placeholder;
    bool m_direct = false;
};

} // namespace berth::client
