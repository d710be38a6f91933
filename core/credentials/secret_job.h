#pragma once

#include "oci/result.h"

#include <QMetaType>
#include <QObject>
#include <QString>

namespace berth::credentials {

struct SecretError
{
    enum class Kind
    {
        NotFound,   // nothing stored under this key
        NoKeychain, // no OS keychain reachable (no Secret Service / KWallet)
        Denied,     // the user or the keychain refused access
        Other,
    };
    Kind kind = Kind::Other;
    QString message;
};

// Read: the secret. Write/remove: empty string.
using SecretResult = berth::Result<QString, SecretError>;

// One keychain operation; emits finished() exactly once, then deletes itself.
class SecretJob : public QObject
{
    Q_OBJECT

public:
    explicit SecretJob(QObject *parent);
    void finish(const SecretResult &result);

Q_SIGNALS:
    void finished(const berth::credentials::SecretResult &result);

private:
    bool m_done = false;
};

} // namespace berth::credentials
