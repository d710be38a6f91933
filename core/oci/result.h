#pragma once

#include <string>
#include <utility>
#include <variant>

namespace berth {

// What went wrong, in words a person can act on, plus a machine-readable code.
struct Error
{
    std::string code;    // e.g. "DIGEST_INVALID", "NAME_INVALID", "IO"
    std::string message; // e.g. "digest 'sha256:zz' has non-hex characters"
};

// Result-or-error for blocking core calls (a small std::expected stand-in,
// since g++ 12 ships <expected> only for C++23).
template <class T, class E = Error> class Result
{
public:
    Result(T value)
        : m_v(std::in_place_index<0>, std::move(value))
    {
    }
    Result(E error)
        : m_v(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const E &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, E> m_v;
};

// For calls that return nothing on success.
struct Ok
{
};
using Status = Result<Ok>;

inline Error makeError(std::string code, std::string message)
{
    return Error{std::move(code), std::move(message)};
}

} // namespace berth
