#include "server/basic_auth.h"

#include "auth/htpasswd.h"

#include <optional>
#include <string>
#include <string_view>

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

// "user:password" from an Authorization: Basic header, or nothing.
std::optional<std::string> basicCredentials(const HttpRequest &request)
{
    const auto header = request.header("authorization");
    if (!header || header->size() > 4096 || !header->starts_with("Basic "))
        return std::nullopt;
    auto decoded = decodeBase64(std::string_view(*header).substr(6));
    if (!decoded || decoded->find(':') == std::string::npos)
        return std::nullopt;
    return decoded;
}

} // namespace

bool basicAuthAccepts(const auth::Htpasswd &users, const HttpRequest &request)
{
    const auto credentials = basicCredentials(request);
    if (!credentials)
        return false;
    const std::string_view both(*credentials);
    const auto colon = both.find(':');
    return users.verify(both.substr(0, colon), both.substr(colon + 1));
}

bool basicAuthCached(const auth::Htpasswd &users, const HttpRequest &request)
{
    const auto credentials = basicCredentials(request);
    if (!credentials)
        return true; // refused without a hash
    const std::string_view both(*credentials);
    const auto colon = both.find(':');
    return users.verifiedRecently(both.substr(0, colon), both.substr(colon + 1));
}

} // namespace berth::server
