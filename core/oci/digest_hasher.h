#pragma once

#include "oci/digest.h"

#include <cstddef>
#include <memory>
#include <string_view>

namespace berth::oci {

// Streaming digest computation with OpenSSL EVP (SHA-NI where the CPU has it:
// ~1.7 GB/s here, against ~150 MB/s for QCryptographicHash in Qt 6.4).
class DigestHasher
{
public:
    explicit DigestHasher(DigestAlgorithm algorithm = DigestAlgorithm::Sha256);
    ~DigestHasher();
    DigestHasher(DigestHasher &&) noexcept;
    DigestHasher &operator=(DigestHasher &&) noexcept;
    DigestHasher(const DigestHasher &) = delete;
    DigestHasher &operator=(const DigestHasher &) = delete;

    void update(const void *data, std::size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    std::size_t bytesHashed() const { return m_bytes; }

    // Ends the computation; the hasher is reset and can be used again.
    Digest finish();

private:
    struct Context;
    std::unique_ptr<Context> m_ctx;
    DigestAlgorithm m_algorithm;
    std::size_t m_bytes = 0;
};

} // namespace berth::oci
