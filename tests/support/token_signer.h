#pragma once

// Signs Docker-registry bearer tokens (RS256 JWT with the signing
// certificate in x5c) with OpenSSL, for the test token server.

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <memory>

namespace berth::test {

class TokenSigner
{
public:
    TokenSigner();
    ~TokenSigner();
    bool load(const QString &keyPem, const QString &certPem);

    // access: [{"type":"repository","name":"a/b","actions":["pull"]}, ...]
    QByteArray sign(const QString &issuer, const QString &audience, const QString &subject,
                    const QJsonArray &access, int lifetimeSeconds) const;

private:
    struct Key;
    std::unique_ptr<Key> m_key;
    QByteArray m_certDer;
};

} // namespace berth::test
