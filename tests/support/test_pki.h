#pragma once

// Certificates for tests, made with the openssl CLI: a CA and a server
// certificate for 127.0.0.1/localhost signed by it (TLS tests), and a
// self-signed key pair for signing registry tokens.

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace berth::test {

class TestPki
{
public:
    // Generates everything; false with error() when openssl failed.
    bool generate();
    QString error() const { return m_error; }

    QString caCert() const { return path(QStringLiteral("ca.crt")); }
    QString serverCert() const { return path(QStringLiteral("server.crt")); }
    QString serverKey() const { return path(QStringLiteral("server.key")); }
    QString tokenCert() const { return path(QStringLiteral("token.crt")); }
    QString tokenKey() const { return path(QStringLiteral("token.key")); }
    // A second, unrelated signing pair (tokens the registry must refuse).
    QString rogueCert() const { return path(QStringLiteral("rogue.crt")); }
    QString rogueKey() const { return path(QStringLiteral("rogue.key")); }
    QString dir() const { return m_dir.path(); }

private:
    QString path(const QString &name) const { return m_dir.path() + QLatin1Char('/') + name; }
    bool openssl(const QStringList &args);

    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace berth::test
