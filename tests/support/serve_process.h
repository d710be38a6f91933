#pragma once

// berth-registry serve as a process (the including test defines
// BERTH_REGISTRY_BINARY).
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace berth::test {

// config.yml of a mirror of `upstreamUrl` (registry:2's proxy block);
// start() fills in its data directory.
inline QString mirrorConfigOf(const QString &upstreamUrl)
{
    return QStringLiteral("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %1\n"
                          "proxy:\n  remoteurl: ") +
           upstreamUrl + QStringLiteral("\n");
}

// berth-registry serve with a config.yml of the test's own, on a free port;
// stderr captured. Ends the process on destruction.
struct ServeProcess
{
    QTemporaryDir dir;
    QProcess process;
    quint16 port = 0;

    bool start(const QString &configBody, const QStringList &extraArgs = {})
    {
        const QString config = dir.path() + QStringLiteral("/config.yml");
        QFile f(config);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        const QString body = configBody.contains(QStringLiteral("%1"))
                                 ? configBody.arg(dir.path() + QStringLiteral("/data"))
                                 : configBody;
        f.write(body.toUtf8());
        f.close();
        const QString portFile = dir.path() + QStringLiteral("/port");
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(BERTH_REGISTRY_BINARY),
                      QStringList{QStringLiteral("serve"), config, QStringLiteral("--addr"),
                                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--port-file"),
                                  portFile} +
                          extraArgs);
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired() && process.state() != QProcess::NotRunning) {
            QFile p(portFile);
            if (p.open(QIODevice::ReadOnly)) {
                port = static_cast<quint16>(p.readAll().trimmed().toUInt());
                if (port)
                    return true;
            }
            process.waitForFinished(20); // bounded wait on the process, not a sleep
        }
        return false;
    }
    // SIGTERM, and the drain; false if it did not end.
    bool stop()
    {
        process.terminate();
        return process.waitForFinished(30000) && process.exitCode() == 0;
    }
    // Waits (bounded) until stderr has shown `needle` `count` times; all of
    // stderr so far stays in `log`.
    bool awaitLog(const QByteArray &needle, qsizetype count = 1, int timeoutMs = 60000)
    {
        process.setReadChannel(QProcess::StandardError);
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            log += process.readAllStandardError();
            if (log.count(needle) >= count)
                return true;
            if (deadline.hasExpired() || process.state() == QProcess::NotRunning)
                return false;
            process.waitForReadyRead(200); // bounded wait on the process, not a sleep
        }
    }
    QByteArray log;

    ~ServeProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

} // namespace berth::test
