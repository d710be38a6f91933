#pragma once

#include "oci/result.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace berth::relay {

// One side of a relay: where, as whom, whom to trust.
struct RelayEnd
{
    std::string url;           // absolute http(s) URL
    std::string authorization; // the Authorization value or empty; sent to this URL's origin only
    std::string caPem;         // trusted besides the system's certificates (PEM); may be empty
    bool verifyTls = true;     // false only by the user's explicit choice
};

struct RelayRequest
{
    RelayEnd source;       // GET of the blob; redirects followed (blob stores, CDNs)
    RelayEnd target;       // PUT of an open upload, with ?digest=; never redirected
    std::string digest;    // "sha256:<hex>": the bytes are checked before the upload ends
    std::int64_t size = 0; // exact: the source must send this many bytes
    std::string userAgent;
    // Nothing moves at either side for this long, or no connection within
    // it: the relay fails as Network.
    std::chrono::milliseconds stallTimeout{30000};
    int maxRedirects = 5;
};

// One HTTP request the relay made, for the request log.
struct RelayExchange
{
    bool atTarget = false;
    std::string method;
    std::string url; // as requested: with its query (the log masks it)
    long status = 0; // 0: no answer
    std::int64_t bytes = 0;
    std::int64_t milliseconds = 0;
    std::string error; // transport error; empty when there was an answer
};

// An answer of either side (its status, headers and at most 64 KiB of body).
struct RelayAnswer
{
    long status = 0;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
    std::string body;
};

enum class RelayFailure
{
    Cancelled,
    Network,        // connect, TLS, reset, stall: worth another try
    ShortBody,      // the source ended early (no length announced): worth another try
    SourceAnswer,   // the source answered with an error (answer says which)
    TargetAnswer,   // the target answered with an error, or refused the body
    WrongSize,      // the source announced or sent another size than asked for
    DigestMismatch, // the bytes are not the digest's: the upload was never ended
    Redirect,       // too many, a loop, or from HTTPS to plain HTTP
};

struct RelayError
{
    RelayFailure kind = RelayFailure::Network;
    std::string message; // English, URLs without their query
    RelayAnswer answer;  // SourceAnswer, TargetAnswer
    std::int64_t received = 0;
    std::vector<RelayExchange> exchanges;
};

struct RelayDone
{
    std::int64_t bytes = 0;
    RelayAnswer answer; // the target's (201, Docker-Content-Digest, Location)
    std::vector<RelayExchange> exchanges;
};

using RelayResult = Result<RelayDone, RelayError>;
// Bytes the target has taken so far; called on the relaying thread.
using RelayProgress = std::function<void(std::int64_t sent)>;

// Streams one blob from a registry's GET into another's open upload (PUT
// ?digest= with its Content-Length), both on libcurl in one multi handle
// on the calling thread: no event-loop hand-offs, one bounded buffer
// (1 MiB) between the two sockets, each side paused while the other
// catches up. The source bytes are hashed as they pass; the upload's last
// byte is held back until the size and the digest are right, so a target
// never completes an upload of wrong bytes. Blocks until the target
// answered, either side failed, or `cancelled` is set (looked at every
// 100 ms). Proxies from the environment are not used (the client's other
// requests use none). The upload is left to the caller: after a failure
// it should be abandoned (DELETE).
RelayResult relayBlob(const RelayRequest &request, const std::atomic<bool> &cancelled,
                      const RelayProgress &progress = {});

} // namespace berth::relay
