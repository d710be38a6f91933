// What an upstream registry or token server answers, as core/protocol
// reads it: error bodies ({"errors":[…]}, any nesting) and token answers.
#include "protocol/registry_error_body.h"
#include "protocol/token_response.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view body(reinterpret_cast<const char *>(data), size);
    const auto error = berth::protocol::RegistryErrorBody::parse(body);
    (void)error.detail.size();
    const auto token = berth::protocol::TokenResponse::parse(body);
    if (token.ok())
        (void)token->token.size();
    (void)berth::protocol::oauthErrorCode(body).size();
    return 0;
}
