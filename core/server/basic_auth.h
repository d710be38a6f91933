#pragma once

#include "server/http_types.h"
#include "server/login_throttle.h"

#include <chrono>
#include <memory>

namespace berth::auth {
class Htpasswd;
}

namespace berth::server {

// Authorization: Basic against an htpasswd file (none: everyone is let in),
// with failed logins throttled per address and per user. Thread-safe.
class BasicAuth
{
public:
    struct Verdict
    {
        enum class Kind
        {
            Accepted,
            Refused,   // 401: no credentials, or wrong ones
            Throttled, // 429: too many failures; try again after retryAfter
        };
        Kind kind = Kind::Refused;
        std::chrono::seconds retryAfter{0};
    };

    BasicAuth(std::shared_ptr<const auth::Htpasswd> users, LoginThrottle::Limits limits);

    // May run a bcrypt (tens of milliseconds): not on a request thread
    // unless answeredCheaply() said so.
    Verdict check(const HttpRequest &request);
    // check() would answer without a bcrypt: no users, no credentials,
    // accepted a moment ago, or throttled.
    bool answeredCheaply(const HttpRequest &request) const;

private:
    std::shared_ptr<const auth::Htpasswd> m_users;
    LoginThrottle m_throttle;
};

} // namespace berth::server
