#pragma once

#include "oci/digest.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace berth::storage {

// A digest as a fixed-size, allocation-free key: marking collects tens of
// thousands of them into a vector that is sorted once, which costs far less
// than a hash set of heap-allocated strings.
struct DigestKey
{
    std::array<char, 128> hex{};
    oci::DigestAlgorithm algorithm = oci::DigestAlgorithm::Sha256;

    explicit DigestKey(const oci::Digest &digest)
        : algorithm(digest.algorithm())
    {
        std::memcpy(hex.data(), digest.hex().data(), std::min(digest.hex().size(), hex.size()));
    }
    friend bool operator==(const DigestKey &, const DigestKey &) = default;
    friend auto operator<=>(const DigestKey &, const DigestKey &) = default;
};

// The digests garbage collection keeps: collected, sealed once, then asked.
class MarkSet
{
public:
    void add(const oci::Digest &digest) { m_keys.emplace_back(digest); }
    void add(const std::vector<oci::Digest> &digests)
    {
        for (const oci::Digest &d : digests)
            m_keys.emplace_back(d);
    }
    void merge(MarkSet &&other)
    {
        m_keys.insert(m_keys.end(), other.m_keys.begin(), other.m_keys.end());
        other.m_keys.clear();
    }
    // Sorts and removes duplicates; call once, before contains() and size().
    void seal()
    {
        std::sort(m_keys.begin(), m_keys.end());
        m_keys.erase(std::unique(m_keys.begin(), m_keys.end()), m_keys.end());
    }
    bool contains(const oci::Digest &digest) const
    {
        return std::binary_search(m_keys.begin(), m_keys.end(), DigestKey(digest));
    }
    std::size_t size() const { return m_keys.size(); }
    void reserve(std::size_t n) { m_keys.reserve(n); }

private:
    std::vector<DigestKey> m_keys;
};

} // namespace berth::storage
