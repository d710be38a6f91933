#include "oci/digest.h"

#include "oci/digest_hasher.h"
#include "oci/name_rules.h"

namespace berth::oci {

namespace {

bool isAlgorithmComponentChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isAlgorithmSeparator(char c)
{
    return c == '+' || c == '.' || c == '_' || c == '-';
}

bool isEncodedChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' ||
           c == '_' || c == '-';
}

Error invalid(std::string_view text, std::string_view why)
{
    return makeError("DIGEST_INVALID",
                     "invalid digest " + quoteForMessage(text) + ": " + std::string(why));
}

} // namespace

bool isLowerHex(std::string_view hex, std::size_t length)
{
    if (hex.size() != length)
        return false;
    for (char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

Digest::Digest(DigestAlgorithm algorithm, std::string hex)
    : m_algorithm(algorithm)
    , m_hex(std::move(hex))
{
}

Result<Digest> Digest::parse(std::string_view text)
{
    // Fast path for the common case (storage scans parse tens of thousands).
    if (text.size() == 71 && text.starts_with("sha256:") && isLowerHex(text.substr(7), 64))
        return Digest(DigestAlgorithm::Sha256, std::string(text.substr(7)));
    if (text.empty())
        return invalid(text, "empty");
    if (text.size() > 256)
        return invalid(text, "longer than 256 characters");
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return invalid(text, "missing ':' between algorithm and hex");
    const std::string_view algorithm = text.substr(0, colon);
    const std::string_view encoded = text.substr(colon + 1);

    // algorithm ::= component (separator component)*
    if (algorithm.empty())
        return invalid(text, "empty algorithm");
    bool lastWasSeparator = true;
    for (char c : algorithm) {
        if (isAlgorithmComponentChar(c)) {
            lastWasSeparator = false;
        } else if (isAlgorithmSeparator(c) && !lastWasSeparator) {
            lastWasSeparator = true;
        } else {
            return invalid(text, "malformed algorithm");
        }
    }
    if (lastWasSeparator)
        return invalid(text, "malformed algorithm");
    if (encoded.empty())
        return invalid(text, "empty hex part");
    for (char c : encoded) {
        if (!isEncodedChar(c))
            return invalid(text, "illegal character in encoded part");
    }

    if (algorithm == "sha256") {
        if (!isLowerHex(encoded, 64))
            return invalid(text, "sha256 needs exactly 64 lowercase hex characters");
        return Digest(DigestAlgorithm::Sha256, std::string(encoded));
    }
    if (algorithm == "sha512") {
        if (!isLowerHex(encoded, 128))
            return invalid(text, "sha512 needs exactly 128 lowercase hex characters");
        return Digest(DigestAlgorithm::Sha512, std::string(encoded));
    }
    return makeError("UNSUPPORTED", "unsupported digest algorithm " + quoteForMessage(algorithm));
}

const Digest &Digest::emptySha256()
{
    static const Digest empty = sha256Of({});
    return empty;
}

Digest Digest::sha256Of(std::string_view bytes)
{
    DigestHasher hasher(DigestAlgorithm::Sha256);
    hasher.update(bytes);
    return hasher.finish();
}

std::string_view Digest::algorithmName() const
{
    return m_algorithm == DigestAlgorithm::Sha256 ? "sha256" : "sha512";
}

std::string Digest::toString() const
{
    std::string out(algorithmName());
    out += ':';
    out += m_hex;
    return out;
}

std::string Digest::shortString(std::size_t hexChars) const
{
    std::string out(algorithmName());
    out += ':';
    out += m_hex.substr(0, hexChars);
    return out;
}

} // namespace berth::oci
