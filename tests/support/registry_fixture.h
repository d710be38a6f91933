#pragma once

// Real peers for client tests: Debian's docker-registry (distribution 2.8.2)
// on 127.0.0.1 with a free port and a temp root, and images pushed with
// skopeo from OCI layouts generated here with known ground truth.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <vector>

namespace berth::test {

struct LayerTruth
{
    QString digest;
    qint64 size = 0;
    QString diffId; // a real tar layer's uncompressed digest; empty: `digest`
};

struct ImageTruth
{
    QString manifestDigest;
    qint64 manifestSize = 0;
    QString configDigest;
    qint64 configSize = 0;
    std::vector<LayerTruth> layers;
    qint64 size = 0; // config + layers
    QString created; // RFC 3339
    QString architecture;
};

struct IndexTruth
{
    QString digest;
    std::vector<ImageTruth> platforms;
    ImageTruth attestation;
    qint64 uniqueSize = 0; // all blobs of all children, once
};

// Writes an OCI image layout directory with deterministic random content.
class OciLayoutWriter
{
public:
    explicit OciLayoutWriter(const QString &dir, quint32 seed = 1);

    QByteArray randomBytes(qsizetype size);
    LayerTruth addBlob(const QByteArray &bytes);
    // A real layer: a gzipped tar (ustar) of regular files, path → content;
    // images made with it unpack in podman, umoci and skopeo alike.
    LayerTruth addTarLayer(const QList<QPair<QString, QByteArray>> &files);
    ImageTruth addImage(const QString &created, const QString &architecture,
                        const std::vector<qsizetype> &layerSizes,
                        const std::vector<LayerTruth> &sharedLayers = {});
    IndexTruth addIndex(const QString &created, bool withAttestation);
    // An index of images already added (linux, their architectures).
    IndexTruth addIndexOf(const std::vector<ImageTruth> &platforms, bool withAttestation);
    // An OCI 1.1 artifact that refers to `subject` (a signature, an SBOM):
    // the empty config, one blob of `size` random bytes.
    ImageTruth addArtifact(const QString &artifactType, const ImageTruth &subject, qsizetype size);
    // Names a manifest so `oci:<dir>:<ref>` finds it.
    void tag(const QString &ref, const QString &digest, const QString &mediaType);
    void save();
    const QString &dir() const { return m_dir; }

private:
    QString m_dir;
    quint64 m_state;
    std::vector<QByteArray> m_refs; // serialized index.json entries
    QByteArray manifestBytes(const ImageTruth &image, const QString &configMediaType,
                             const QString &layerMediaType, const QByteArray &extraAnnotations);
};

class RegistryFixture
{
public:
    struct Options
    {
        bool deleteEnabled = true;
        QString htpasswdUser; // non-empty: auth.htpasswd with this user
        QString htpasswdPassword;
        QString tlsCertificate; // non-empty: serve HTTPS with this certificate and key
        QString tlsKey;
        QString tokenRealm; // non-empty: auth.token (Docker token spec)
        QString tokenService;
        QString tokenIssuer;
        QString tokenRootCertBundle;
        QString pushCredentials; // "user:password" for skopeo; default: the htpasswd login
        // Empty: Debian's docker-registry. Otherwise the path of a berth-registry
        // binary to serve the same data directory instead.
        QString berthRegistry;
        // Empty: a data directory of the fixture's own. Otherwise served
        // from here (a crash test's filesystem).
        QString rootDirectory;
    };

    RegistryFixture();
    explicit RegistryFixture(Options options);
    // Serve the same data directory with another engine from now on.
    void setEngine(const QString &berthRegistry) { m_options.berthRegistry = berthRegistry; }
    ~RegistryFixture();

    // Starts docker-registry; false (with `error()`) when it could not.
    bool start();
    void stop();
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString hostPort() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString baseUrl() const
    {
        return (m_options.tlsCertificate.isEmpty() ? QStringLiteral("http://")
                                                   : QStringLiteral("https://")) +
               hostPort();
    }
    QString rootDir() const
    {
        return m_options.rootDirectory.isEmpty() ? m_dir.path() + QStringLiteral("/root")
                                                 : m_options.rootDirectory;
    }
    QString workDir() const { return m_dir.path(); }
    QString configPath() const { return m_dir.path() + QStringLiteral("/config.yml"); }
    // skopeo copy docker://<registry>/<repo>:<tag> to a throwaway OCI layout.
    bool pull(const QString &repoAndTag, bool all = false);
    // docker-registry garbage-collect [--dry-run] [--delete-untagged] config.yml;
    // returns the digests of "blob eligible for deletion" lines.
    std::optional<QStringList> distributionGc(bool dryRun, bool deleteUntagged);

    // skopeo copy oci:<layout>:<ref> docker://<registry>/<repo>:<tag>
    bool push(const QString &layoutDir, const QString &ref, const QString &repoAndTag,
              bool all = false);
    // The skopeo arguments push() uses, for tests that run many pushes at once.
    QStringList pushArguments(const QString &layoutDir, const QString &ref,
                              const QString &repoAndTag, bool all = false);
    // SIGKILL, no chance to finish anything (crash tests); start() again after.
    void kill();
    QString lastOutput() const { return m_lastOutput; }
    // Adds tags pointing at the manifest of `existingTag` by writing
    // registry:2's link files directly (fast, for thousands of tags).
    bool addTagsOnDisk(const QString &repository, const QString &existingTag,
                       const QStringList &newTags);

private:
    Options m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
    QString m_lastOutput;
};

} // namespace berth::test
