#include "server/basic_auth.h"

#include "auth/htpasswd.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace berth::server {

namespace {

std::optional<std::string> decodeBase64(std::string_view in)
{
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (char c : in) {
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding)
            return std::nullopt; // data after padding
        const auto v = alphabet.find(c);
        if (v == std::string_view::npos)
            return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return padding <= 2 ? std::optional<std::string>(out) : std::nullopt;
}

// The user and password of an Authorization: Basic header.
struct Credentials
{
    std::string decoded; // "user:password"
    std::size_t colon = 0;
    std::string_view user() const { return std::string_view(decoded).substr(0, colon); }
    std::string_view password() const { return std::string_view(decoded).substr(colon + 1); }
};

std::optional<Credentials> basicCredentials(const HttpRequest &request)
{
    const auto header = request.header("authorization");
    if (!header || header->size() > 4096 || !header->starts_with("Basic "))
        return std::nullopt;
    auto decoded = decodeBase64(std::string_view(*header).substr(6));
    if (!decoded)
        return std::nullopt;
    const auto colon = decoded->find(':');
    // A NUL would end the password early for crypt(3): "pw\0junk" is "pw".
    if (colon == std::string::npos || decoded->find('\0') != std::string::npos)
        return std::nullopt;
    return Credentials{std::move(*decoded), colon};
}

} // namespace

BasicAuth::BasicAuth(std::shared_ptr<const auth::Htpasswd> users, LoginThrottle::Limits limits)
    : m_users(std::move(users))
    , m_throttle(limits)
{
}

BasicAuth::Verdict BasicAuth::check(const HttpRequest &request)
{
    using Kind = Verdict::Kind;
    if (!m_users)
        return {Kind::Accepted};
    const auto credentials = basicCredentials(request);
    if (!credentials)
        return {Kind::Refused}; // a client's first request: no password tried
    if (m_users->verifiedRecently(credentials->user(), credentials->password()))
        return {Kind::Accepted};
    const auto now = LoginThrottle::Clock::now();
    if (const auto wait = m_throttle.retryAfter(request.clientAddress, credentials->user(), now);
        wait.count() > 0)
        return {Kind::Throttled, wait};
    if (m_users->verify(credentials->user(), credentials->password()))
        return {Kind::Accepted};
    m_throttle.recordFailure(
        request.clientAddress,
        m_users->hasUser(credentials->user()) ? credentials->user() : std::string_view(), now);
    return {Kind::Refused};
}

bool BasicAuth::answeredCheaply(const HttpRequest &request) const
{
    if (!m_users)
        return true;
    const auto credentials = basicCredentials(request);
    return !credentials ||
           m_users->verifiedRecently(credentials->user(), credentials->password()) ||
           m_throttle
                   .retryAfter(request.clientAddress, credentials->user(),
                               LoginThrottle::Clock::now())
                   .count() > 0;
}

} // namespace berth::server
