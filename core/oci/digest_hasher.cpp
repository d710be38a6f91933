#include "oci/digest_hasher.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace berth::oci {

struct DigestHasher::Context
{
    EVP_MD_CTX *ctx = nullptr;
    ~Context() { EVP_MD_CTX_free(ctx); }
};

namespace {

const EVP_MD *mdFor(DigestAlgorithm algorithm)
{
    return algorithm == DigestAlgorithm::Sha256 ? EVP_sha256() : EVP_sha512();
}

void initOrThrow(EVP_MD_CTX *ctx, DigestAlgorithm algorithm)
{
    if (EVP_DigestInit_ex(ctx, mdFor(algorithm), nullptr) != 1)
        throw std::runtime_error("OpenSSL EVP_DigestInit_ex failed");
}

} // namespace

DigestHasher::DigestHasher(DigestAlgorithm algorithm)
    : m_ctx(std::make_unique<Context>())
    , m_algorithm(algorithm)
{
    m_ctx->ctx = EVP_MD_CTX_new();
    if (!m_ctx->ctx)
        throw std::bad_alloc();
    initOrThrow(m_ctx->ctx, m_algorithm);
}

DigestHasher::~DigestHasher() = default;
DigestHasher::DigestHasher(DigestHasher &&) noexcept = default;
DigestHasher &DigestHasher::operator=(DigestHasher &&) noexcept = default;

void DigestHasher::update(const void *data, std::size_t size)
{
    if (size == 0)
        return;
    EVP_DigestUpdate(m_ctx->ctx, data, size);
    m_bytes += size;
}

Digest DigestHasher::finish()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx->ctx, md, &len);
    static constexpr char hexDigits[] = "0123456789abcdef";
    std::string hex;
    hex.resize(static_cast<std::size_t>(len) * 2);
    for (unsigned int i = 0; i < len; ++i) {
        hex[2 * i] = hexDigits[md[i] >> 4];
        hex[2 * i + 1] = hexDigits[md[i] & 0x0f];
    }
    initOrThrow(m_ctx->ctx, m_algorithm);
    m_bytes = 0;
    return Digest(m_algorithm, std::move(hex));
}

} // namespace berth::oci
