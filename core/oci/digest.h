#pragma once

#include "oci/result.h"

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace berth::oci {

enum class DigestAlgorithm
{
    Sha256,
    Sha512
};

// A validated content digest, `sha256:<64 lowercase hex>` or
// `sha512:<128 lowercase hex>`. A Digest object is always valid: the only ways
// to make one are parse() and the hashers.
class Digest
{
public:
    // Parses the distribution-spec grammar and accepts the registered
    // algorithms sha256 and sha512 with their exact lowercase-hex length.
    // Errors carry code "DIGEST_INVALID" (or "UNSUPPORTED" for an algorithm
    // that is well-formed but not registered).
    static Result<Digest> parse(std::string_view text);

    // Digest of a byte string held in memory (manifests, configs).
    static Digest sha256Of(std::string_view bytes);
    // sha256 of zero bytes, computed once (the default of a Descriptor).
    static const Digest &emptySha256();

    DigestAlgorithm algorithm() const { return m_algorithm; }
    std::string_view algorithmName() const;
    const std::string &hex() const { return m_hex; }
    std::string toString() const;
    // "sha256:0123456789ab" — for display, never for lookups.
    std::string shortString(std::size_t hexChars = 12) const;

    friend bool operator==(const Digest &, const Digest &) = default;
    friend auto operator<=>(const Digest &, const Digest &) = default;

private:
    friend class DigestHasher;
    Digest(DigestAlgorithm algorithm, std::string hex);

    DigestAlgorithm m_algorithm = DigestAlgorithm::Sha256;
    std::string m_hex;
};

// True when `hex` is exactly `length` characters of [0-9a-f].
bool isLowerHex(std::string_view hex, std::size_t length);

} // namespace berth::oci

template <> struct std::hash<berth::oci::Digest>
{
    std::size_t operator()(const berth::oci::Digest &d) const noexcept
    {
        // The hex of a digest is already uniformly distributed: its first 16
        // characters make the hash (cheaper than hashing all 64 or 128).
        std::size_t h = 0;
        const std::string &hex = d.hex();
        for (std::size_t i = 0; i < 16 && i < hex.size(); ++i) {
            const char c = hex[i];
            h = (h << 4) | static_cast<std::size_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return h;
    }
};
