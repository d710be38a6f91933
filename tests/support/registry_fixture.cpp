#include "support/registry_fixture.h"

#include "oci/digest.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

namespace berth::test {

namespace {

QString sha256(const QByteArray &bytes)
{
    return QString::fromStdString(
        oci::Digest::sha256Of(
            std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())))
            .toString());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QJsonObject descriptor(const QString &mediaType, const QString &digest, qint64 size)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), digest},
                       {QStringLiteral("size"), size}};
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc ^= static_cast<quint8>(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A valid gzip member holding `payload` in stored (uncompressed) deflate
// blocks: skopeo recognises it as compressed and copies it byte for byte.
QByteArray gzipStored(const QByteArray &payload)
{
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    qsizetype pos = 0;
    do {
        const qsizetype n = std::min<qsizetype>(65535, payload.size() - pos);
        const bool last = pos + n >= payload.size();
        out += static_cast<char>(last ? 1 : 0);
        out += static_cast<char>(n & 0xff);
        out += static_cast<char>((n >> 8) & 0xff);
        out += static_cast<char>(~n & 0xff);
        out += static_cast<char>((~n >> 8) & 0xff);
        out += payload.mid(pos, n);
        pos += n;
    } while (pos < payload.size());
    const quint32 crc = crc32(payload);
    const quint32 size = static_cast<quint32>(payload.size());
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((crc >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((size >> (8 * i)) & 0xff);
    return out;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool runTool(const QString &program, const QStringList &args, QString &output,
             int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        output = program + QStringLiteral(": could not start");
        return false;
    }
    // Keep this thread's event loop turning while the tool runs: it may need
    // a server living in this process (the tests' token server).
    QDeadlineTimer deadline(timeoutMs);
    bool finished = false;
    while (!deadline.hasExpired()) {
        if (p.waitForFinished(10)) {
            finished = true;
            break;
        }
        if (p.state() == QProcess::NotRunning) {
            finished = true;
            break;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    output = QString::fromUtf8(p.readAll());
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
        output += QStringLiteral("\n(timed out)");
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

OciLayoutWriter::OciLayoutWriter(const QString &dir, quint32 seed)
    : m_dir(dir)
    , m_state(0x9E3779B97F4A7C15ull ^ seed)
{
    QDir().mkpath(m_dir + QStringLiteral("/blobs/sha256"));
}

QByteArray OciLayoutWriter::randomBytes(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        // xorshift64*: deterministic, good enough for test content
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        out[i] = static_cast<char>((m_state * 0x2545F4914F6CDD1Dull) >> 56);
    }
    return out;
}

LayerTruth OciLayoutWriter::addBlob(const QByteArray &bytes)
{
    const QString digest = sha256(bytes);
    writeFile(m_dir + QStringLiteral("/blobs/sha256/") + digest.mid(7), bytes);
    return LayerTruth{digest, bytes.size(), {}};
}

LayerTruth OciLayoutWriter::addTarLayer(const QList<QPair<QString, QByteArray>> &files)
{
    QByteArray tar;
    for (const auto &[path, content] : files) {
        QByteArray header(512, '\0');
        const auto put = [&header](int at, const QByteArray &field) {
            header.replace(at, field.size(), field);
        };
        const auto octal = [](qint64 value, int width) {
            return QByteArray::number(value, 8).rightJustified(width - 1, '0');
        };
        put(0, path.toUtf8().left(99));
        put(100, octal(0644, 8));
        put(108, octal(0, 8));
        put(116, octal(0, 8));
        put(124, octal(content.size(), 12));
        put(136, octal(1704067200, 12));
        put(148, QByteArray(8, ' '));
        header[156] = '0';
        put(257, QByteArray("ustar\0"
                            "00",
                            8));
        int sum = 0;
        for (char c : header)
            sum += static_cast<unsigned char>(c);
        put(148, octal(sum, 7) + '\0');
        tar += header + content + QByteArray((512 - content.size() % 512) % 512, '\0');
    }
    tar += QByteArray(1024, '\0');
    LayerTruth layer = addBlob(gzipStored(tar));
    layer.diffId = sha256(tar);
    return layer;
}

QByteArray OciLayoutWriter::manifestBytes(const ImageTruth &image, const QString &configMediaType,
                                          const QString &layerMediaType, const QByteArray &)
{
    QJsonArray layers;
    for (const LayerTruth &l : image.layers)
        layers.append(descriptor(layerMediaType, l.digest, l.size));
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
        {QStringLiteral("config"),
         descriptor(configMediaType, image.configDigest, image.configSize)},
        {QStringLiteral("layers"), layers},
    };
    return QJsonDocument(manifest).toJson(QJsonDocument::Compact);
}

ImageTruth OciLayoutWriter::addArtifact(const QString &artifactType, const ImageTruth &subject,
                                        qsizetype size)
{
    const QString manifestType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    ImageTruth artifact;
    const LayerTruth empty = addBlob(QByteArrayLiteral("{}"));
    const LayerTruth content = addBlob(randomBytes(size));
    artifact.configDigest = empty.digest;
    artifact.configSize = empty.size;
    artifact.layers = {content};
    artifact.size = empty.size + content.size;
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), manifestType},
        {QStringLiteral("artifactType"), artifactType},
        {QStringLiteral("config"),
         descriptor(QStringLiteral("application/vnd.oci.empty.v1+json"), empty.digest, empty.size)},
        {QStringLiteral("layers"), QJsonArray{descriptor(QStringLiteral("application/octet-stream"),
                                                         content.digest, content.size)}},
        {QStringLiteral("subject"),
         descriptor(manifestType, subject.manifestDigest, subject.manifestSize)},
    };
    const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    artifact.manifestDigest = addBlob(bytes).digest;
    artifact.manifestSize = bytes.size();
    return artifact;
}

ImageTruth OciLayoutWriter::addImage(const QString &created, const QString &architecture,
                                     const std::vector<qsizetype> &layerSizes,
                                     const std::vector<LayerTruth> &sharedLayers)
{
    ImageTruth image;
    image.created = created;
    image.architecture = architecture;
    image.layers = sharedLayers;
    for (qsizetype size : layerSizes)
        image.layers.push_back(addBlob(gzipStored(randomBytes(size))));
    QJsonArray diffIds;
    QJsonArray history;
    for (const LayerTruth &l : image.layers) {
        diffIds.append(l.diffId.isEmpty() ? l.digest : l.diffId);
        history.append(
            QJsonObject{{QStringLiteral("created"), created},
                        {QStringLiteral("created_by"),
                         QString(QStringLiteral("/bin/sh -c make layer ") + l.digest.mid(7, 8))}});
    }
    const QJsonObject config{
        {QStringLiteral("architecture"), architecture},
        {QStringLiteral("os"), QStringLiteral("linux")},
        {QStringLiteral("created"), created},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("Env"), QJsonArray{QStringLiteral("PATH=/usr/bin")}},
                     {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("/bin/app")}}}},
        {QStringLiteral("rootfs"), QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                               {QStringLiteral("diff_ids"), diffIds}}},
        {QStringLiteral("history"), history},
    };
    const LayerTruth cfg = addBlob(QJsonDocument(config).toJson(QJsonDocument::Compact));
    image.configDigest = cfg.digest;
    image.configSize = cfg.size;
    image.size = cfg.size;
    for (const LayerTruth &l : image.layers)
        image.size += l.size;
    const QByteArray manifest =
        manifestBytes(image, QStringLiteral("application/vnd.oci.image.config.v1+json"),
                      QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"), {});
    image.manifestDigest = addBlob(manifest).digest;
    image.manifestSize = manifest.size();
    return image;
}

IndexTruth OciLayoutWriter::addIndex(const QString &created, bool withAttestation)
{
    const LayerTruth shared = addBlob(gzipStored(randomBytes(3000)));
    return addIndexOf({addImage(created, QStringLiteral("amd64"), {2000, 1000}, {shared}),
                       addImage(created, QStringLiteral("arm64"), {1500}, {shared})},
                      withAttestation);
}

IndexTruth OciLayoutWriter::addIndexOf(const std::vector<ImageTruth> &platforms,
                                       bool withAttestation)
{
    IndexTruth index;
    index.platforms = platforms;
    QJsonArray manifests;
    QSet<QString> seen;
    auto countBlobs = [&](const ImageTruth &img) {
        if (!seen.contains(img.configDigest)) {
            seen.insert(img.configDigest);
            index.uniqueSize += img.configSize;
        }
        for (const LayerTruth &l : img.layers) {
            if (!seen.contains(l.digest)) {
                seen.insert(l.digest);
                index.uniqueSize += l.size;
            }
        }
    };
    for (const ImageTruth &img : index.platforms) {
        QJsonObject d = descriptor(
            QStringLiteral("application/vnd.oci.image.manifest.v1+json"), img.manifestDigest,
            QFile(m_dir + QStringLiteral("/blobs/sha256/") + img.manifestDigest.mid(7)).size());
        d.insert(QStringLiteral("platform"),
                 QJsonObject{{QStringLiteral("architecture"), img.architecture},
                             {QStringLiteral("os"), QStringLiteral("linux")}});
        manifests.append(d);
        countBlobs(img);
    }
    if (withAttestation) {
        ImageTruth att;
        const LayerTruth statement =
            addBlob(QByteArrayLiteral("{\"_type\":\"https://in-toto.io/Statement/v0.1\"}"));
        att.layers = {statement};
        const LayerTruth cfg =
            addBlob(QByteArrayLiteral("{\"architecture\":\"unknown\",\"os\":\"unknown\",\"rootfs\":"
                                      "{\"type\":\"layers\",\"diff_ids\":[]}}"));
        att.configDigest = cfg.digest;
        att.configSize = cfg.size;
        att.size = cfg.size + statement.size;
        const QByteArray m =
            manifestBytes(att, QStringLiteral("application/vnd.oci.image.config.v1+json"),
                          QStringLiteral("application/vnd.in-toto+json"), {});
        att.manifestDigest = addBlob(m).digest;
        QJsonObject d = descriptor(QStringLiteral("application/vnd.oci.image.manifest.v1+json"),
                                   att.manifestDigest, m.size());
        d.insert(QStringLiteral("platform"),
                 QJsonObject{{QStringLiteral("architecture"), QStringLiteral("unknown")},
                             {QStringLiteral("os"), QStringLiteral("unknown")}});
        d.insert(QStringLiteral("annotations"),
                 QJsonObject{{QStringLiteral("vnd.docker.reference.type"),
                              QStringLiteral("attestation-manifest")},
                             {QStringLiteral("vnd.docker.reference.digest"),
                              index.platforms[0].manifestDigest}});
        manifests.append(d);
        countBlobs(att);
        index.attestation = att;
    }
    const QJsonObject idx{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), QStringLiteral("application/vnd.oci.image.index.v1+json")},
        {QStringLiteral("manifests"), manifests}};
    index.digest = addBlob(QJsonDocument(idx).toJson(QJsonDocument::Compact)).digest;
    return index;
}

void OciLayoutWriter::tag(const QString &ref, const QString &digest, const QString &mediaType)
{
    const qint64 size = QFile(m_dir + QStringLiteral("/blobs/sha256/") + digest.mid(7)).size();
    QJsonObject d = descriptor(mediaType, digest, size);
    d.insert(QStringLiteral("annotations"),
             QJsonObject{{QStringLiteral("org.opencontainers.image.ref.name"), ref}});
    m_refs.push_back(QJsonDocument(d).toJson(QJsonDocument::Compact));
}

void OciLayoutWriter::save()
{
    QJsonArray manifests;
    for (const QByteArray &r : m_refs)
        manifests.append(QJsonDocument::fromJson(r).object());
    writeFile(m_dir + QStringLiteral("/index.json"),
              QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                        {QStringLiteral("manifests"), manifests}})
                  .toJson());
    writeFile(m_dir + QStringLiteral("/oci-layout"),
              QByteArrayLiteral("{\"imageLayoutVersion\":\"1.0.0\"}"));
}

RegistryFixture::RegistryFixture()
    : RegistryFixture(Options{})
{
}

RegistryFixture::RegistryFixture(Options options)
    : m_options(std::move(options))
{
    if (qEnvironmentVariableIntValue("BERTH_KEEP_TEST_DIRS") == 1)
        m_dir.setAutoRemove(false);
}

RegistryFixture::~RegistryFixture()
{
    stop();
}

bool RegistryFixture::start()
{
    const QString registry = QStandardPaths::findExecutable(QStringLiteral("docker-registry"));
    if (registry.isEmpty() && m_options.berthRegistry.isEmpty()) {
        m_error = QStringLiteral(
            "docker-registry not found (Debian package docker-registry; run scripts/bootstrap)");
        return false;
    }
    QString authBlock;
    if (!m_options.htpasswdUser.isEmpty()) {
        const QString file = m_dir.path() + QStringLiteral("/htpasswd");
        QString out;
        if (!runTool(QStringLiteral("htpasswd"),
                     {QStringLiteral("-B"), QStringLiteral("-b"), QStringLiteral("-c"), file,
                      m_options.htpasswdUser, m_options.htpasswdPassword},
                     out)) {
            m_error = QStringLiteral("htpasswd failed: ") + out;
            return false;
        }
        authBlock =
            QStringLiteral("auth:\n  htpasswd:\n    realm: berth-test\n    path: %1\n").arg(file);
    }
    if (!m_options.tokenRealm.isEmpty()) {
        authBlock =
            QStringLiteral("auth:\n  token:\n    realm: %1\n    service: %2\n    issuer: %3\n"
                           "    rootcertbundle: %4\n")
                .arg(m_options.tokenRealm, m_options.tokenService, m_options.tokenIssuer,
                     m_options.tokenRootCertBundle);
    }
    QString tlsBlock;
    if (!m_options.tlsCertificate.isEmpty())
        tlsBlock = QStringLiteral("  tls:\n    certificate: %1\n    key: %2\n")
                       .arg(m_options.tlsCertificate, m_options.tlsKey);
    writeFile(m_dir.path() + QStringLiteral("/policy.json"),
              QByteArrayLiteral("{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}"));
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        const QString config =
            QStringLiteral(
                "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
                "storage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: %2\n"
                "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                "http:\n  addr: 127.0.0.1:%3\n%4%5")
                .arg(rootDir(),
                     m_options.deleteEnabled ? QStringLiteral("true") : QStringLiteral("false"))
                .arg(m_port)
                .arg(tlsBlock, authBlock);
        const QString configPath = m_dir.path() + QStringLiteral("/config.yml");
        writeFile(configPath, config.toUtf8());
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(m_dir.path() + QStringLiteral("/registry.log"));
        if (m_options.berthRegistry.isEmpty()) {
            m_process->start(registry, {QStringLiteral("serve"), configPath});
        } else {
            // The same config.yml (root, deletes, auth); the port from the command line.
            QStringList args{QStringLiteral("serve"), configPath, QStringLiteral("--addr"),
                             QStringLiteral("127.0.0.1:%1").arg(m_port)};
            if (m_options.deleteEnabled)
                args << QStringLiteral("--delete-enabled");
            m_process->start(m_options.berthRegistry, args);
        }
        if (!m_process->waitForStarted(10000)) {
            m_error = QStringLiteral("docker-registry did not start");
            return false;
        }
        // Ready when it accepts connections; a port lost to a race ends the process.
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(200))
                return true;
            m_process->waitForFinished(50); // bounded wait on the process itself, not a sleep
        }
        stop();
    }
    QFile log(m_dir.path() + QStringLiteral("/registry.log"));
    log.open(QIODevice::ReadOnly);
    m_error = QStringLiteral("docker-registry did not become ready: ") +
              QString::fromUtf8(log.readAll().right(2000));
    return false;
}

void RegistryFixture::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

bool RegistryFixture::pull(const QString &repoAndTag, bool all)
{
    QTemporaryDir target;
    QStringList args{QStringLiteral("--policy"),      m_dir.path() + QStringLiteral("/policy.json"),
                     QStringLiteral("copy"),          QStringLiteral("--src-tls-verify=false"),
                     QStringLiteral("--retry-times"), QStringLiteral("0")};
    if (all)
        args << QStringLiteral("--all");
    if (!m_options.pushCredentials.isEmpty())
        args << QStringLiteral("--src-creds") << m_options.pushCredentials;
    args << QStringLiteral("docker://") + hostPort() + QLatin1Char('/') + repoAndTag
         << QStringLiteral("oci:") + target.path() + QStringLiteral(":x");
    return runTool(QStringLiteral("skopeo"), args, m_lastOutput);
}

std::optional<QStringList> RegistryFixture::distributionGc(bool dryRun, bool deleteUntagged)
{
    QStringList args{QStringLiteral("garbage-collect")};
    if (dryRun)
        args << QStringLiteral("--dry-run");
    if (deleteUntagged)
        args << QStringLiteral("--delete-untagged");
    args << configPath();
    if (!runTool(QStandardPaths::findExecutable(QStringLiteral("docker-registry")), args,
                 m_lastOutput))
        return std::nullopt;
    QStringList blobs;
    for (const QString &line : m_lastOutput.split(QLatin1Char('\n'))) {
        const QString prefix = QStringLiteral("blob eligible for deletion: ");
        const qsizetype at = line.indexOf(prefix);
        if (at >= 0)
            blobs.append(line.mid(at + prefix.size()).trimmed());
    }
    blobs.sort();
    return blobs;
}

bool RegistryFixture::addTagsOnDisk(const QString &repository, const QString &existingTag,
                                    const QStringList &newTags)
{
    const QString tagsDir = rootDir() + QStringLiteral("/docker/registry/v2/repositories/") +
                            repository + QStringLiteral("/_manifests/tags/");
    QFile current(tagsDir + existingTag + QStringLiteral("/current/link"));
    if (!current.open(QIODevice::ReadOnly))
        return false;
    const QByteArray link = current.readAll();
    if (!link.startsWith("sha256:"))
        return false;
    for (const QString &tag : newTags) {
        const QString dir = tagsDir + tag;
        const QString indexDir =
            dir + QStringLiteral("/index/sha256/") + QString::fromLatin1(link.mid(7));
        if (!QDir().mkpath(dir + QStringLiteral("/current")) || !QDir().mkpath(indexDir))
            return false;
        if (!writeFile(dir + QStringLiteral("/current/link"), link) ||
            !writeFile(indexDir + QStringLiteral("/link"), link))
            return false;
    }
    return true;
}

QStringList RegistryFixture::pushArguments(const QString &layoutDir, const QString &ref,
                                           const QString &repoAndTag, bool all)
{
    QStringList args{QStringLiteral("--policy"),      m_dir.path() + QStringLiteral("/policy.json"),
                     QStringLiteral("copy"),          QStringLiteral("--dest-tls-verify=false"),
                     QStringLiteral("--retry-times"), QStringLiteral("0")};
    if (all)
        args << QStringLiteral("--all");
    if (!m_options.pushCredentials.isEmpty())
        args << QStringLiteral("--dest-creds") << m_options.pushCredentials;
    else if (!m_options.htpasswdUser.isEmpty())
        args << QStringLiteral("--dest-creds")
             << m_options.htpasswdUser + QLatin1Char(':') + m_options.htpasswdPassword;
    args << QStringLiteral("--authfile") << m_dir.path() + QStringLiteral("/auth.json");
    args << QStringLiteral("oci:") + layoutDir + QLatin1Char(':') + ref
         << QStringLiteral("docker://") + hostPort() + QLatin1Char('/') + repoAndTag;
    // Written once: concurrent pushes read it while later ones are started.
    if (!QFile::exists(m_dir.path() + QStringLiteral("/auth.json")))
        writeFile(m_dir.path() + QStringLiteral("/auth.json"), QByteArrayLiteral("{}"));
    return args;
}

bool RegistryFixture::push(const QString &layoutDir, const QString &ref, const QString &repoAndTag,
                           bool all)
{
    return runTool(QStringLiteral("skopeo"), pushArguments(layoutDir, ref, repoAndTag, all),
                   m_lastOutput);
}

void RegistryFixture::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

} // namespace berth::test
