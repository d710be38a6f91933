#pragma once

#include "server/api_responses.h"

#include <string>

namespace berth::server {

// What a mirror answers instead of the store when the upstream could not
// give it what was asked: the status, the spec's error code, the reason in
// words and, for 429 and 503, when to come back.
struct MirrorRefusal
{
    int status = 502;
    std::string code;
    std::string message;
    std::string retryAfter; // empty: no Retry-After

    HttpResponse response() const
    {
        HttpResponse r = apiError(status, code, message);
        if (!retryAfter.empty())
            r.addHeader("Retry-After", retryAfter);
        return r;
    }
};

} // namespace berth::server
