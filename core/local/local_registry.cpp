#include "local/local_registry.h"

#include "local/yaml_quoted.h"

#include "storage/durable_directory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>
#include <utility>

namespace berth::local {

namespace {

constexpr int kTickMs = 250;
constexpr int kStartTimeoutMs = 20'000;
constexpr int kStopTimeoutMs = 15'000;
constexpr int kKillGraceMs = 5'000; // after SIGKILL, before giving up on the process
constexpr qsizetype kLogLines = 1000;
constexpr qint64 kLogRotateBytes = 4 * 1024 * 1024;
constexpr qint64 kLogReadBytes = 64 * 1024;    // per tick, at most
constexpr qsizetype kLogLineBytes = 16 * 1024; // longer lines are cut

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString lastWords(const QStringList &log)
{
    return log.mid(std::max<qsizetype>(0, log.size() - 3)).join(QLatin1Char(' '));
}

QString engineName(LocalRegistrySettings::Engine engine)
{
    return engine == LocalRegistrySettings::Engine::Berth ? QStringLiteral("berth")
                                                          : QStringLiteral("distribution");
}

} // namespace

LocalRegistry::LocalRegistry(const QString &workDirectory, QObject *parent)
    : QObject(parent)
    , m_workDirectory(workDirectory)
    , m_startTimeoutMs(kStartTimeoutMs)
    , m_stopTimeoutMs(kStopTimeoutMs)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, &LocalRegistry::tick);
    adopt();
}

LocalRegistry::~LocalRegistry() = default;

void LocalRegistry::setTimeouts(int startMs, int stopMs)
{
    m_startTimeoutMs = startMs;
    m_stopTimeoutMs = stopMs;
}

QString LocalRegistry::configPath() const
{
    return m_workDirectory + QStringLiteral("/config.yml");
}

QString LocalRegistry::logPath() const
{
    return m_workDirectory + QStringLiteral("/registry.log");
}

QString LocalRegistry::pidPath() const
{
    return m_workDirectory + QStringLiteral("/registry.pid");
}

QString LocalRegistry::findBerthRegistry()
{
    const QString dir = QCoreApplication::applicationDirPath();
    const QStringList candidates{qEnvironmentVariable("BERTH_REGISTRY_BINARY"),
                                 dir + QStringLiteral("/berth-registry"),
                                 // The build tree: app/berth/berth beside app/berth-registry/.
                                 dir + QStringLiteral("/../berth-registry/berth-registry")};
    for (const QString &candidate : candidates) {
        if (!candidate.isEmpty() && QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("berth-registry"));
}

QString LocalRegistry::findDistribution()
{
    for (const char *name : {"docker-registry", "registry"}) {
        const QString found = QStandardPaths::findExecutable(QString::fromLatin1(name));
        if (!found.isEmpty())
            return found;
    }
    return {};
}

QString LocalRegistry::configYaml(const LocalRegistrySettings &s)
{
    QString y = QStringLiteral("# Written by Berth's local registry panel; edits are replaced "
                               "when it starts the registry.\n"
                               "version: 0.1\nlog:\n  level: info\n"
                               "storage:\n  filesystem:\n    rootdirectory: %1\n"
                               "  delete:\n    enabled: %2\n"
                               "http:\n  addr: %3\n")
                    .arg(yamlQuoted(s.dataDirectory),
                         s.deleteEnabled ? QStringLiteral("true") : QStringLiteral("false"),
                         yamlQuoted(s.address + QLatin1Char(':') + QString::number(s.port)));
    if (!s.tlsCertificate.isEmpty() && !s.tlsKey.isEmpty())
        y += QStringLiteral("  tls:\n    certificate: %1\n    key: %2\n")
                 .arg(yamlQuoted(s.tlsCertificate), yamlQuoted(s.tlsKey));
    if (!s.htpasswdPath.isEmpty())
        y += QStringLiteral("auth:\n  htpasswd:\n    realm: %1\n    path: %2\n")
                 .arg(yamlQuoted(QStringLiteral("Berth local registry")),
                      yamlQuoted(s.htpasswdPath));
    return y + s.mirror.yaml(s.engine == LocalRegistrySettings::Engine::Distribution);
}

QString LocalRegistry::statusText() const
{
    const bool tls = !m_settings.tlsCertificate.isEmpty() && !m_settings.tlsKey.isEmpty();
    const QString where = QStringLiteral("%1://%2:%3")
                              .arg(tls ? QStringLiteral("https") : QStringLiteral("http"),
                                   m_settings.address, QString::number(m_settings.port));
    switch (m_state) {
    case State::Stopped:
        return tr("Stopped");
    case State::Starting:
        return tr("Starting on %1…").arg(where);
    case State::Running:
        return tr("Running on %1 (pid %2)").arg(where, QString::number(m_pid));
    case State::Stopping:
        return tr("Stopping (finishing requests in flight)…");
    case State::Failed:
        return m_error;
    }
    return {};
}

void LocalRegistry::setState(State state, const QString &error)
{
    m_error = error;
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LocalRegistry::start(const LocalRegistrySettings &settings,
                          const QHash<QString, QString> &secrets)
{
    if (m_state == State::Starting || m_state == State::Running || m_state == State::Stopping)
        return;
    if (alive()) {
        fail(tr("The registry started earlier (pid %1) is still running: stop it first.")
                 .arg(m_pid));
        return;
    }
    LocalRegistrySettings s = settings;
    const bool berth = s.engine == LocalRegistrySettings::Engine::Berth;
    if (s.program.isEmpty())
        s.program = berth ? findBerthRegistry() : findDistribution();
    m_settings = s;
    if (s.program.isEmpty()) {
        fail(berth ? tr("berth-registry was not found next to Berth or on PATH.")
                   : tr("distribution (docker-registry or registry) is not installed."));
        return;
    }
    if (s.dataDirectory.isEmpty() || !QDir().mkpath(s.dataDirectory)) {
        fail(tr("Cannot use the data directory “%1”.").arg(s.dataDirectory));
        return;
    }
    m_freePortInstead = 0;
    if (portTaken(s.address, s.port)) {
        // Most often a registry:2 already on 5000: say so, offer another
        // port, and never start (or call Berth's) a registry that is not.
        for (quint16 p = s.port + 1; p != 0 && p < s.port + 100; ++p) {
            if (!portTaken(s.address, p)) {
                m_freePortInstead = p;
                break;
            }
        }
        fail(m_freePortInstead
                 ? tr("Port %1 is already in use by another program (another registry?), so "
                      "Berth's local registry did not start. Port %2 is free.")
                       .arg(s.port)
                       .arg(m_freePortInstead)
                 : tr("Port %1 is already in use by another program (another registry?), so "
                      "Berth's local registry did not start.")
                       .arg(s.port));
        return;
    }
    if (const QString problem = s.mirror.problem(!berth); !problem.isEmpty()) {
        fail(tr("Mirror: %1").arg(problem));
        return;
    }
    if (!s.htpasswdPath.isEmpty() && !QFileInfo::exists(s.htpasswdPath)) {
        fail(tr("Logins are required but there are no users yet: add one first."));
        return;
    }
    QDir().mkpath(m_workDirectory);
    QSaveFile config(configPath());
    if (!config.open(QIODevice::WriteOnly) || config.write(configYaml(s).toUtf8()) < 0 ||
        !config.commit()) {
        fail(tr("Cannot write %1: %2").arg(configPath(), config.errorString()));
        return;
    }
    if (auto durable = storage::makeFileDurable(configPath().toStdString()); !durable.ok()) {
        fail(tr("Cannot write %1: %2")
                 .arg(configPath(), QString::fromStdString(durable.error().message)));
        return;
    }
    if (QFileInfo(logPath()).size() > kLogRotateBytes) {
        QFile::remove(logPath() + QStringLiteral(".1"));
        QFile::rename(logPath(), logPath() + QStringLiteral(".1"));
    }
    {
        QFile log(logPath());
        m_logOffset = log.size();
        m_partialLine.clear();
        m_skipToNewline = false;
        if (log.open(QIODevice::Append))
            log.write(QStringLiteral("--- %1: %2 serve %3\n")
                          .arg(QDateTime::currentDateTime().toString(Qt::ISODate), s.program,
                               configPath())
                          .toUtf8());
    }
    QFile::remove(m_workDirectory + QStringLiteral("/port"));

    QProcess process;
    process.setProgram(s.program);
    QStringList args{QStringLiteral("serve"), configPath()};
    if (berth) // written once it listens: readiness without guessing
        args << QStringLiteral("--port-file") << m_workDirectory + QStringLiteral("/port");
    process.setArguments(args);
    process.setWorkingDirectory(m_workDirectory);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(logPath(), QIODevice::Append);
    process.setStandardErrorFile(logPath(), QIODevice::Append);
    // The generated config.yml is the whole truth: REGISTRY_* variables of
    // Berth's own environment would silently override it.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("REGISTRY_")))
            env.remove(key);
    }
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        env.insert(it.key(), it.value()); // the mirror's passwords: never in config.yml
    process.setProcessEnvironment(env);
    qint64 pid = 0;
    if (!process.startDetached(&pid) || pid <= 0) {
        fail(tr("Cannot run %1: %2").arg(s.program, process.errorString()));
        return;
    }
    m_pid = pid;
    m_listening = false;
    m_stopReason.clear();
    writePidFile();
    m_deadlineMs = nowMs() + m_startTimeoutMs;
    setState(State::Starting);
    m_timer->start();
}

bool LocalRegistry::stoppable() const
{
    return m_state == State::Starting || m_state == State::Running ||
           (m_state == State::Failed && alive());
}

void LocalRegistry::stop(int killAfterMs)
{
    const int after = killAfterMs >= 0 ? killAfterMs : m_stopTimeoutMs;
    if (m_state == State::Stopping) { // a quit's shorter wait applies to a stop under way
        if (!m_killSent)
            m_deadlineMs = std::min(m_deadlineMs, nowMs() + after);
        return;
    }
    if (stoppable())
        terminate(after, {});
}

void LocalRegistry::terminate(int killAfterMs, const QString &reason)
{
    m_stopReason = reason;
    m_killSent = false;
    if (alive())
        ::kill(static_cast<pid_t>(m_pid), SIGTERM);
    m_deadlineMs = nowMs() + killAfterMs;
    setState(State::Stopping);
    m_timer->start();
}

bool LocalRegistry::alive() const
{
    if (m_pid <= 0 || ::kill(static_cast<pid_t>(m_pid), 0) != 0)
        return false;
    // The pid could have been reused: it is ours only if it serves our config.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(m_pid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return false;
    return cmdline.readAll().split('\0').contains(configPath().toUtf8());
}

void LocalRegistry::tick()
{
    readLog();
    switch (m_state) {
    case State::Starting: {
        if (!alive()) {
            fail(tr("The registry stopped while starting. Its last words: %1")
                     .arg(lastWords(m_log)));
            return;
        }
        // berth-registry writes its port file once it listens; distribution
        // logs "listening on <addr>" (a connect probe could reach whatever
        // else holds the port).
        const bool berth = m_settings.engine == LocalRegistrySettings::Engine::Berth;
        if (berth ? QFileInfo::exists(m_workDirectory + QStringLiteral("/port")) : m_listening) {
            setState(State::Running);
            return;
        }
        if (nowMs() > m_deadlineMs) {
            // Alive but not serving: stop it like any other stop (SIGTERM,
            // then SIGKILL), and only then report the failed start.
            terminate(m_stopTimeoutMs,
                      tr("The registry did not start listening on %1:%2 within %3 s, "
                         "so it was stopped. Its last words: %4")
                          .arg(m_settings.address, QString::number(m_settings.port),
                               QString::number((m_startTimeoutMs + 999) / 1000), lastWords(m_log)));
        }
        return;
    }
    case State::Running:
        if (!alive())
            fail(tr("The registry stopped unexpectedly. Its last words: %1").arg(lastWords(m_log)));
        return;
    case State::Stopping:
        if (!alive()) {
            readLog();
            QFile::remove(pidPath());
            m_timer->stop();
            if (!m_stopReason.isEmpty())
                fail(std::exchange(m_stopReason, QString()));
            else
                setState(State::Stopped);
        } else if (nowMs() > m_deadlineMs && !m_killSent) {
            ::kill(static_cast<pid_t>(m_pid), SIGKILL);
            m_killSent = true;
            m_deadlineMs = nowMs() + kKillGraceMs;
        } else if (nowMs() > m_deadlineMs) {
            // Not even SIGKILL ends it (stuck in the kernel, e.g. on a hung
            // mount): say so rather than wait for ever.
            fail(tr("The registry (pid %1) did not end even after SIGKILL; it may be stuck "
                    "on its data directory's file system.")
                     .arg(m_pid));
        }
        return;
    case State::Stopped:
    case State::Failed:
        m_timer->stop();
        return;
    }
}

void LocalRegistry::readLog()
{
    QFile file(logPath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    if (file.size() < m_logOffset) // rotated or truncated
        m_logOffset = 0;
    if (file.size() == m_logOffset)
        return;
    // A registry under load logs faster than anyone reads: show the newest
    // part and say how much was passed over.
    const qint64 behind = file.size() - m_logOffset;
    QStringList lines;
    if (behind > kLogReadBytes) {
        lines << tr("[… %1 KiB of log passed over …]").arg((behind - kLogReadBytes) / 1024);
        m_logOffset = file.size() - kLogReadBytes;
        m_partialLine.clear();
        m_skipToNewline = false;
        if (file.seek(m_logOffset - 1))
            file.readLine(); // to a line's beginning
        m_logOffset = file.pos();
    }
    if (!file.seek(m_logOffset))
        return;
    const QByteArray data = file.read(kLogReadBytes);
    m_logOffset += data.size();
    m_partialLine += data;
    if (m_skipToNewline) { // the rest of a line already cut
        const qsizetype nl = m_partialLine.indexOf('\n');
        m_partialLine.remove(0, nl < 0 ? m_partialLine.size() : nl + 1);
        m_skipToNewline = nl < 0;
    }
    // A line longer than kLogLineBytes shows its start, marked as cut.
    auto shown = [](QByteArrayView line) {
        if (line.endsWith('\r'))
            line.chop(1);
        return line.size() <= kLogLineBytes
                   ? QString::fromUtf8(line)
                   : QString::fromUtf8(line.first(kLogLineBytes)) + QStringLiteral(" […]");
    };
    qsizetype start = 0;
    for (qsizetype nl; (nl = m_partialLine.indexOf('\n', start)) >= 0; start = nl + 1)
        lines << shown(QByteArrayView(m_partialLine).sliced(start, nl - start));
    m_partialLine.remove(0, start);
    if (m_partialLine.size() > kLogLineBytes) { // no end in sight: show it now
        lines << shown(m_partialLine);
        m_partialLine.clear();
        m_skipToNewline = true;
    }
    // The registry appends (O_APPEND): emptying a large file once it has been
    // read keeps it bounded; its next line starts the file again.
    if (m_logOffset > kLogRotateBytes && m_partialLine.isEmpty() && file.size() == m_logOffset) {
        file.close();
        QFile::resize(logPath(), 0);
        m_logOffset = 0;
    }
    if (lines.isEmpty())
        return;
    if (m_state == State::Starting) {
        for (const QString &line : std::as_const(lines))
            m_listening = m_listening || line.contains(QLatin1String("listening on"));
    }
    m_log += lines;
    if (m_log.size() > kLogLines)
        m_log.remove(0, m_log.size() - kLogLines);
    Q_EMIT logAppended(lines);
}

bool LocalRegistry::portTaken(const QString &address, quint16 port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    const QByteArray host = address.isEmpty() ? QByteArrayLiteral("127.0.0.1") : address.toLatin1();
    if (::inet_pton(AF_INET, host.constData(), &addr.sin_addr) != 1)
        return false; // not an IPv4 address: the registry itself will say
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes); // as the registry binds
    const bool taken =
        ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 && errno == EADDRINUSE;
    ::close(fd);
    return taken;
}

void LocalRegistry::fail(const QString &why)
{
    readLog();
    m_timer->stop();
    if (!alive())
        QFile::remove(pidPath());
    const bool again = m_state == State::Failed;
    setState(State::Failed, why);
    if (again)
        Q_EMIT stateChanged(m_state); // a second failure still tells the watchers
}

void LocalRegistry::writePidFile() const
{
    QJsonObject o{{QStringLiteral("pid"), m_pid},
                  {QStringLiteral("engine"), engineName(m_settings.engine)},
                  {QStringLiteral("program"), m_settings.program},
                  {QStringLiteral("address"), m_settings.address},
                  {QStringLiteral("port"), m_settings.port},
                  {QStringLiteral("dataDirectory"), m_settings.dataDirectory},
                  {QStringLiteral("deleteEnabled"), m_settings.deleteEnabled},
                  {QStringLiteral("htpasswdPath"), m_settings.htpasswdPath},
                  {QStringLiteral("tlsCertificate"), m_settings.tlsCertificate},
                  {QStringLiteral("tlsKey"), m_settings.tlsKey}};
    QSaveFile file(pidPath());
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(o).toJson());
        if (file.commit())
            (void)storage::makeFileDurable(pidPath().toStdString());
    }
}

void LocalRegistry::adopt()
{
    QFile file(pidPath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject o = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    file.close();
    m_pid = o.value(QStringLiteral("pid")).toInteger();
    m_settings.engine = o.value(QStringLiteral("engine")).toString() == QLatin1String("berth")
                            ? LocalRegistrySettings::Engine::Berth
                            : LocalRegistrySettings::Engine::Distribution;
    m_settings.program = o.value(QStringLiteral("program")).toString();
    m_settings.address = o.value(QStringLiteral("address")).toString();
    m_settings.port = static_cast<quint16>(o.value(QStringLiteral("port")).toInt());
    m_settings.dataDirectory = o.value(QStringLiteral("dataDirectory")).toString();
    m_settings.deleteEnabled = o.value(QStringLiteral("deleteEnabled")).toBool();
    m_settings.htpasswdPath = o.value(QStringLiteral("htpasswdPath")).toString();
    m_settings.tlsCertificate = o.value(QStringLiteral("tlsCertificate")).toString();
    m_settings.tlsKey = o.value(QStringLiteral("tlsKey")).toString();
    if (!alive()) {
        m_pid = 0;
        QFile::remove(pidPath());
        return;
    }
    // Started by an earlier Berth and kept running: show its recent log.
    m_logOffset = std::max<qint64>(0, QFileInfo(logPath()).size() - 16 * 1024);
    if (QFile log(logPath());
        m_logOffset > 0 && log.open(QIODevice::ReadOnly) && log.seek(m_logOffset - 1)) {
        log.readLine(); // start at a line's beginning
        m_logOffset = log.pos();
    }
    m_state = State::Running;
    m_timer->start();
    readLog();
}

} // namespace berth::local
