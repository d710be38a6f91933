#pragma once

#include "credentials/secret_job.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace berth::credentials {

// Registry passwords and tokens in the OS keychain (QtKeychain: Secret
// Service on Linux, Keychain on macOS, Credential Manager on Windows).
// Never falls back to a file. When no keychain is reachable the caller may
// switch to session memory: secrets then live only in this process.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(QString service = QStringLiteral("Berth"), QObject *parent = nullptr);

    // All operations are asynchronous; connect to the job's finished().
    SecretJob *read(const QString &key);
    SecretJob *write(const QString &key, const QString &secret);
    SecretJob *remove(const QString &key);

    bool isSessionOnly() const { return m_sessionOnly; }
    void useSessionMemory() { m_sessionOnly = true; }
    // One secret the keychain would not keep, held in this process only:
    // read() answers it before asking the keychain; remove() forgets it.
    void rememberForSession(const QString &key, const QString &secret);
    bool isRememberedForSession(const QString &key) const { return m_memory.contains(key); }

private:
    SecretJob *finishedLater(const SecretResult &result);

    QString m_service;
    bool m_sessionOnly = false;
    QHash<QString, QString> m_memory; // every secret when session-only, else the refused ones
};

} // namespace berth::credentials
