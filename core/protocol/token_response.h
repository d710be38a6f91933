#pragma once

#include "oci/result.h"

#include <chrono>
#include <string>
#include <string_view>

namespace berth::protocol {

// A token server's answer (Docker's token spec, or OAuth2's access_token).
struct TokenResponse
{
    std::string token;
    std::chrono::seconds expiresIn{60};

    // {"token": …} or {"access_token": …}. The token goes into an HTTP
    // header: only printable ASCII, at most 64 KiB. expires_in under 10 s
    // (or missing) is the spec's 60 s; over a day is a day. Errors:
    // TOKEN_RESPONSE_INVALID (not a JSON object), TOKEN_MISSING (no usable token).
    static Result<TokenResponse> parse(std::string_view body);
};

// The OAuth2 error code of a refused grant (RFC 6749 §5.2, e.g.
// "invalid_grant"), at most 64 characters; empty when there is none.
std::string oauthErrorCode(std::string_view body);

} // namespace berth::protocol
