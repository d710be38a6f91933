#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace berth::protocol {

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1), e.g.
//   Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"
struct AuthChallenge
{
    std::string scheme;                        // lower-cased: "basic", "bearer", ...
    std::map<std::string, std::string> params; // keys lower-cased, values unquoted

    std::string param(const std::string &key) const;
    bool isBearer() const { return scheme == "bearer"; }
    bool isBasic() const { return scheme == "basic"; }

    // Every challenge in a header value (several headers may be joined with
    // ","). Robust to quoted commas, escaped quotes, extra whitespace and
    // token68 values; malformed parts are skipped, never crash. Bounded: at
    // most 16 challenges of at most 32 parameters each, header of at most 16 KiB.
    static std::vector<AuthChallenge> parse(std::string_view header);
};

} // namespace berth::protocol
