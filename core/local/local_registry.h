#pragma once

#include "local/local_mirror_settings.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

class QTimer;

namespace berth::local {

struct LocalRegistrySettings
{
    enum class Engine
    {
        Berth,       // berth-registry serve
        Distribution // docker-registry / registry serve (distribution 2.x)
    };
    Engine engine = Engine::Berth;
    QString program; // the engine's binary; empty: found when starting
    QString address = QStringLiteral("127.0.0.1");
    quint16 port = 5000;
    QString dataDirectory;
    bool deleteEnabled = true;
    QString htpasswdPath;   // non-empty: every request needs a login
    QString tlsCertificate; // both set: HTTPS
    QString tlsKey;
    LocalMirrorSettings mirror; // upstreams set: a pull-through cache

    bool operator==(const LocalRegistrySettings &) const = default;
};

// A registry on this machine run for the user: berth-registry (or
// distribution on the same data directory) started detached, with a
// generated config.yml, its log in a file that is tailed here, and its pid
// recorded — so it can outlive Berth when the user wants it to, and a later
// Berth finds it running and can stop it. One operation at a time: start()
// while starting, running or stopping, or stop() while stopped, does nothing;
// start() never runs a second registry while the recorded one is alive.
class LocalRegistry : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Starting,
        Running,
        Stopping,
        Failed
    };
    Q_ENUM(State)

    // `workDirectory` holds config.yml, registry.log and registry.pid. A
    // registry started from it earlier and still running is picked up.
    explicit LocalRegistry(const QString &workDirectory, QObject *parent = nullptr);
    // Leaves a running registry running: call stop() first to stop it.
    ~LocalRegistry() override;

    // `secrets`: environment variables only the registry process gets (the
    // mirror's upstream passwords, LocalMirrorSettings::passwordVariables).
    void start(const LocalRegistrySettings &settings, const QHash<QString, QString> &secrets = {});
    // SIGTERM (the registry finishes requests in flight), SIGKILL after the
    // stop timeout (or `killAfterMs`). Also stops a registry that failed to
    // become ready but still runs.
    void stop(int killAfterMs = -1);
    // How long a start may take to listen (then it is stopped and the start
    // failed) and how long a stop waits before SIGKILL. Default 20 s / 15 s.
    void setTimeouts(int startMs, int stopMs);

    State state() const { return m_state; }
    // What the user reads: "Running on 127.0.0.1:5000 (pid 1234)", or why not.
    QString statusText() const;
    QString errorText() const { return m_error; }
    // The last start failed because another program listens on the port:
    // a free port near it (0: none found), to offer instead.
    quint16 freePortInstead() const { return m_freePortInstead; }
    QStringList log() const { return m_log; }
    qint64 pid() const { return m_pid; }
    // The recorded registry process still runs (whatever state() says).
    bool processRunning() const { return alive(); }
    // What stop() acts on: starting, running, or failed but still alive.
    bool stoppable() const;
    // The settings of the registry that runs (or ran last).
    LocalRegistrySettings settings() const { return m_settings; }
    QString configPath() const;
    QString logPath() const;

    // Something listens on address:port already (bind refused).
    static bool portTaken(const QString &address, quint16 port);

    static QString findBerthRegistry();
    static QString findDistribution();
    // registry:2's config.yml for these settings; both engines read it.
    static QString configYaml(const LocalRegistrySettings &settings);

Q_SIGNALS:
    void stateChanged(berth::local::LocalRegistry::State state);
    void logAppended(const QStringList &lines);

private:
    void setState(State state, const QString &error = {});
    // SIGTERM now, SIGKILL once `killAfterMs` have passed; `reason` non-empty:
    // the stop ends in Failed with it (a start that did not become ready).
    void terminate(int killAfterMs, const QString &reason);
    void tick();
    void readLog();
    bool alive() const;
    void fail(const QString &why);
    void adopt();
    void writePidFile() const;
    QString pidPath() const;

    QString m_workDirectory;
    LocalRegistrySettings m_settings;
    State m_state = State::Stopped;
    QString m_error;
    quint16 m_freePortInstead = 0;
    qint64 m_pid = 0;
    qint64 m_deadlineMs = 0;
    bool m_killSent = false;
    qint64 m_logOffset = 0;
    QByteArray m_partialLine;
    bool m_skipToNewline = false;
    QStringList m_log;
    QString m_stopReason;     // a stop Berth made because the start failed
    bool m_listening = false; // distribution said "listening on"
    int m_startTimeoutMs;
    int m_stopTimeoutMs;
    QTimer *m_timer;
};

} // namespace berth::local
