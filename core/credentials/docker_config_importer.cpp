#include "credentials/docker_config_importer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

namespace berth::credentials {

QString DockerLogin::address() const
{
    const QString key = registry.trimmed();
    const QUrl url(key.contains(QLatin1String("://")) ? key : QStringLiteral("https://") + key);
    QString host = url.host();
    if (host == QLatin1String("index.docker.io") || host == QLatin1String("docker.io"))
        return QStringLiteral("registry-1.docker.io");
    if (url.port() > 0)
        host += QLatin1Char(':') + QString::number(url.port());
    return key.startsWith(QLatin1String("http://")) ? QStringLiteral("http://") + host : host;
}

namespace {

constexpr qint64 kMaxConfigBytes = 4 * 1024 * 1024;
constexpr int kHelperTimeoutMs = 15000;

client::ClientError invalid(const QString &message)
{
    return client::ClientError{client::ClientErrorKind::InvalidResponse, message, 0, {}, {}};
}

QString helperName(const QString &source)
{
    return source.section(QStringLiteral(": "), 1);
}

} // namespace

DockerConfigImporter::DockerConfigImporter(QObject *parent)
    : QObject(parent)
{
}

DockerConfigImporter::~DockerConfigImporter()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
}

QString DockerConfigImporter::defaultPath()
{
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    return (dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.docker") : dir) +
           QStringLiteral("/config.json");
}

client::ClientResult<QList<DockerLogin>> DockerConfigImporter::parse(const QByteArray &json)
{
    if (json.size() > kMaxConfigBytes)
        return invalid(tr("config.json is larger than 4 MiB; not read."));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(tr("config.json is not valid JSON (%1).").arg(error.errorString()));
    const QJsonObject root = doc.object();
    QList<DockerLogin> logins;
    const QString store = root.value(QLatin1String("credsStore")).toString();
    const QJsonObject helpers = root.value(QLatin1String("credHelpers")).toObject();
    const QJsonObject auths = root.value(QLatin1String("auths")).toObject();
    auto validHelper = [](const QString &name) {
        // The helper becomes part of a program name: letters, digits, '-', '_' only.
        if (name.isEmpty() || name.size() > 64)
            return false;
        return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
            return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_');
        });
    };
    for (auto it = auths.begin(); it != auths.end(); ++it) {
        if (helpers.contains(it.key()))
            continue; // a per-registry helper wins, as in docker
        DockerLogin login;
        login.registry = it.key().left(512);
        const QJsonObject entry = it.value().toObject();
        const QString auth = entry.value(QLatin1String("auth")).toString();
        const QString identityToken = entry.value(QLatin1String("identitytoken")).toString();
        if (!identityToken.isEmpty()) {
            // An OAuth2 refresh token, not a password: docker's marker
            // username tells the client to exchange it (Credentials). docker
            // writes it beside an "auth" of "<user>:" with no password, so it
            // is looked at first.
            login.username = QStringLiteral("<token>");
            login.secret = identityToken;
            login.source = QStringLiteral("config.json");
        } else if (!auth.isEmpty()) {
            const auto decoded = QByteArray::fromBase64Encoding(
                auth.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
            if (colon <= 0) {
                login.error = tr("the stored login is not valid base64 'user:password'");
            } else {
                login.username = QString::fromUtf8(decoded.decoded.left(colon));
                login.secret = QString::fromUtf8(decoded.decoded.mid(colon + 1));
            }
            login.source = QStringLiteral("config.json");
        } else if (entry.contains(QLatin1String("username"))) {
            login.username = entry.value(QLatin1String("username")).toString();
            login.secret = entry.value(QLatin1String("password")).toString();
            login.source = QStringLiteral("config.json");
        } else if (validHelper(store)) {
            login.source = QStringLiteral("credsStore: ") + store;
        } else {
            continue; // an empty entry, as docker writes with a credsStore it cannot name
        }
        logins.append(login);
    }
    for (auto it = helpers.begin(); it != helpers.end(); ++it) {
        DockerLogin login;
        login.registry = it.key().left(512);
        const QString helper = it.value().toString();
        if (!validHelper(helper)) {
            login.error = tr("invalid credential helper name");
            login.source = QStringLiteral("credHelpers");
        } else {
            login.source = QStringLiteral("credHelpers: ") + helper;
        }
        logins.append(login);
    }
    return logins;
}

void DockerConfigImporter::start(const QString &path, const QString &onlyAddress)
{
    QFile file(path);
    if (!file.exists()) {
        QTimer::singleShot(
            0, this, [this, path] { finish(invalid(tr("No docker config at %1.").arg(path))); });
        return;
    }
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxConfigBytes) {
        QTimer::singleShot(0, this,
                           [this, path] { finish(invalid(tr("Cannot read %1.").arg(path))); });
        return;
    }
    const auto parsed = parse(file.readAll());
    if (!parsed.ok()) {
        QTimer::singleShot(0, this, [this, error = parsed.error()] { finish(error); });
        return;
    }
    m_logins = parsed.value();
    if (!onlyAddress.isEmpty()) // one registry's login: no other helper runs
        m_logins.removeIf([&onlyAddress](const DockerLogin &login) {
            QString address = login.address();
            address.remove(QStringLiteral("http://"));
            return address != onlyAddress;
        });
    m_next = 0;
    QTimer::singleShot(0, this, &DockerConfigImporter::runNextHelper);
}

void DockerConfigImporter::runNextHelper()
{
    while (m_next < m_logins.size() &&
           (!m_logins[m_next].source.startsWith(QLatin1String("cred")) ||
            !m_logins[m_next].error.isEmpty()))
        ++m_next;
    if (m_next >= m_logins.size()) {
        finish(m_logins);
        return;
    }
    const QString helper =
        QStringLiteral("docker-credential-") + helperName(m_logins[m_next].source);
    const QString program = QStandardPaths::findExecutable(helper);
    if (program.isEmpty()) {
        m_logins[m_next].error = tr("%1 is not installed").arg(helper);
        ++m_next;
        QTimer::singleShot(0, this, &DockerConfigImporter::runNextHelper);
        return;
    }
    m_process = new QProcess(this);
    QProcess *process = m_process;
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process] { process->kill(); });
    connect(
        process, &QProcess::finished, this,
        [this, process, helper](int code, QProcess::ExitStatus status) {
            DockerLogin &login = m_logins[m_next];
            const QByteArray out = process->readAllStandardOutput().left(1024 * 1024);
            const QJsonObject obj = QJsonDocument::fromJson(out).object();
            if (status != QProcess::NormalExit || code != 0 || obj.isEmpty()) {
                login.error =
                    QStringLiteral("%1 failed: %2")
                        .arg(
                            helper,
                            QString::fromUtf8(process->readAllStandardError().left(300)).trimmed());
            } else {
                login.username = obj.value(QLatin1String("Username")).toString();
                login.secret = obj.value(QLatin1String("Secret")).toString();
                if (login.username == QLatin1String("<token>"))
                    login.username.clear(); // an identity token
            }
            process->deleteLater();
            ++m_next;
            runNextHelper();
        });
    connect(process, &QProcess::errorOccurred, this,
            [this, process, helper](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart)
                    return;
                m_logins[m_next].error = tr("%1 could not start").arg(helper);
                process->deleteLater();
                ++m_next;
                runNextHelper();
            });
    process->start(program, {QStringLiteral("get")});
    process->write(m_logins[m_next].registry.toUtf8());
    process->closeWriteChannel();
    timer->start(kHelperTimeoutMs);
}

void DockerConfigImporter::cancel()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
    finish(client::ClientError{
        client::ClientErrorKind::Cancelled, QStringLiteral("Cancelled."), 0, {}, {}});
}

void DockerConfigImporter::finish(const client::ClientResult<QList<DockerLogin>> &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace berth::credentials
