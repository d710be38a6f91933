#pragma once

// A layers::ByteSource over bytes in memory, handed out in small pieces
// (as a download arrives), optionally failing after `failAfter` bytes.

#include "layers/byte_source.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

namespace berth::test {

class MemoryByteSource : public layers::ByteSource
{
public:
    explicit MemoryByteSource(std::string_view bytes, std::size_t piece = 4096)
        : m_bytes(bytes)
        , m_piece(piece)
    {
    }
    void failAfter(std::size_t bytes, Error error)
    {
        m_failAt = bytes;
        m_error = std::move(error);
    }

    std::size_t consumed() const { return m_at; }

    Result<std::size_t> read(char *buffer, std::size_t max) override
    {
        if (m_failAt && m_at >= *m_failAt)
            return m_error;
        std::size_t n = std::min({max, m_piece, m_bytes.size() - m_at});
        if (m_failAt)
            n = std::min(n, *m_failAt - m_at);
        std::memcpy(buffer, m_bytes.data() + m_at, n);
        m_at += n;
        return n;
    }

private:
    std::string_view m_bytes;
    std::size_t m_piece;
    std::size_t m_at = 0;
    std::optional<std::size_t> m_failAt;
    Error m_error;
};

} // namespace berth::test
