#include "protocol/token_response.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace berth::protocol {

namespace {

constexpr std::size_t kMaxBody = 1024 * 1024;
constexpr std::size_t kMaxToken = 64 * 1024;

std::string stringField(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

Result<TokenResponse> TokenResponse::parse(std::string_view body)
{
    const nlohmann::json doc =
        body.size() > kMaxBody ? nlohmann::json() : nlohmann::json::parse(body, nullptr, false);
    if (!doc.is_object())
        return makeError("TOKEN_RESPONSE_INVALID", "the answer is not a JSON object");
    TokenResponse out;
    out.token = stringField(doc, "token");
    if (out.token.empty())
        out.token = stringField(doc, "access_token");
    const bool printable = std::all_of(out.token.begin(), out.token.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    if (out.token.empty() || out.token.size() > kMaxToken || !printable)
        return makeError("TOKEN_MISSING", "the answer holds no usable token");
    constexpr long long kDay = 24 * 3600;
    long long expires = 60;
    if (const auto it = doc.find("expires_in"); it != doc.end()) {
        // Clamped before any conversion: 1e300 or 2^64-1 must not overflow.
        if (it->is_number_unsigned())
            expires = static_cast<long long>(
                std::min<unsigned long long>(it->get<unsigned long long>(), kDay));
        else if (it->is_number_integer())
            expires = it->get<long long>();
        else if (it->is_number_float())
            expires = static_cast<long long>(std::clamp(it->get<double>(), 0.0, double(kDay)));
    }
    if (expires < 10)
        expires = 60;
    out.expiresIn = std::chrono::seconds(std::min(expires, kDay));
    return out;
}

std::string oauthErrorCode(std::string_view body)
{
    if (body.size() > kMaxBody)
        return {};
    const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    return doc.is_object() ? stringField(doc, "error").substr(0, 64) : std::string();
}

} // namespace berth::protocol
