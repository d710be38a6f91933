#include "support/token_signer.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUuid>

#include <openssl/evp.h>
#include <openssl/pem.h>

namespace berth::test {

struct TokenSigner::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

TokenSigner::TokenSigner() = default;
TokenSigner::~TokenSigner() = default;

bool TokenSigner::load(const QString &keyPem, const QString &certPem)
{
    QFile keyFile(keyPem);
    QFile certFile(certPem);
    if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly))
        return false;
    const QByteArray keyBytes = keyFile.readAll();
    BIO *bio = BIO_new_mem_buf(keyBytes.constData(), static_cast<int>(keyBytes.size()));
    m_key = std::make_unique<Key>();
    m_key->pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    const auto certs = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (!m_key->pkey || certs.isEmpty())
        return false;
    m_certDer = certs.first().toDer();
    return true;
}

QByteArray TokenSigner::sign(const QString &issuer, const QString &audience, const QString &subject,
                             const QJsonArray &access, int lifetimeSeconds) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{
        {QStringLiteral("alg"), QStringLiteral("RS256")},
        {QStringLiteral("typ"), QStringLiteral("JWT")},
        {QStringLiteral("x5c"), QJsonArray{QString::fromLatin1(m_certDer.toBase64())}}};
    const QJsonObject claims{
        {QStringLiteral("iss"), issuer},
        {QStringLiteral("sub"), subject},
        {QStringLiteral("aud"), audience},
        {QStringLiteral("exp"), now + lifetimeSeconds},
        {QStringLiteral("nbf"), now - 10},
        {QStringLiteral("iat"), now},
        {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("access"), access}};
    const QByteArray input = b64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t length = 0;
    QByteArray signature;
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1 &&
        EVP_DigestSign(ctx, nullptr, &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       static_cast<size_t>(input.size())) == 1) {
        signature.resize(static_cast<qsizetype>(length));
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       static_cast<size_t>(input.size()));
        signature.resize(static_cast<qsizetype>(length));
    }
    EVP_MD_CTX_free(ctx);
    return input + '.' + b64url(signature);
}

} // namespace berth::test
