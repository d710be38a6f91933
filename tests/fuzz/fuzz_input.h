#pragma once

// Reads a fuzzer's bytes as a sequence of small decisions: a byte, or a
// length-prefixed string. Past the end everything reads as zero / empty.
#include <algorithm>
#include <cstdint>
#include <string>

namespace berth::fuzz {

class FuzzInput
{
public:
    FuzzInput(const std::uint8_t *data, std::size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    bool empty() const { return m_pos >= m_size; }
    std::uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    // At most `max` bytes, the length taken from the next byte.
    std::string text(std::size_t max)
    {
        const std::size_t n = std::min<std::size_t>(byte() % (max + 1), m_size - m_pos);
        std::string out(reinterpret_cast<const char *>(m_data + m_pos), n);
        m_pos += n;
        return out;
    }

private:
    const std::uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

} // namespace berth::fuzz
