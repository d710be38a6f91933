#pragma once

#include "oci/result.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace berth::upstream {

// Where a mirror pulls from, and as whom.
struct UpstreamSettings
{
    std::string url; // "https://registry-1.docker.io" (scheme, host, port; no path)
    std::string username;
    std::string password;         // empty with username empty: anonymous
    std::filesystem::path caFile; // trusted instead of the system's CAs; empty: the system's
    std::chrono::seconds connectTimeout{10};
    // A transfer with no byte for this long fails (a hung upstream).
    std::chrono::seconds stallTimeout{30};
};

struct UpstreamRequest
{
    std::string method = "GET"; // GET or HEAD
    std::string path;           // "/v2/library/alpine/manifests/latest"
    std::string scope;          // "repository:library/alpine:pull"; empty: none
    std::vector<std::pair<std::string, std::string>> headers; // e.g. Accept
};

struct UpstreamResponse
{
    long status = 0;
    std::map<std::string, std::string> headers; // names lower-cased, last value wins
    std::string errorBody;                      // a non-2xx answer's body, at most 64 KiB
    std::string header(const std::string &lowerName) const;
};

// The body of a successful (2xx) answer, as it arrives; return false to stop.
using BodySink = std::function<bool(std::string_view chunk)>;
// The status and headers of a successful (2xx) answer, before its body.
using HeadSink = std::function<void(const UpstreamResponse &head)>;

// A registry client for berth-registry's mirror, on libcurl: connection
// reuse (a pool of easy handles), HTTP/2 where the upstream offers it, TLS
// verification always on (the system's CAs, or `caFile`), Docker's token flow —
// a 401 challenge (protocol::AuthChallenge) answered with a Bearer token
// for the request's scope from the challenge's realm (never over clear
// text when the upstream is HTTPS), cached until it expires (at most 1,024
// scopes) — or Basic, anonymous when no login is set. Redirects (blob CDNs)
// are followed by hand, at most 5, and Authorization is never sent to
// another host. Thread-safe: one call per thread at a time, many threads.
//
// fetch() answers with the status and headers of the final answer; those
// of a 2xx also go to `head` as soon as they are in, its body to `sink`;
// any other body (at most 64 KiB) goes into UpstreamResponse::errorBody. Errors:
// UPSTREAM_UNREACHABLE (connect, DNS, TLS, stall), UPSTREAM_UNAUTHORIZED (the login was refused),
// UPSTREAM_ABORTED (the sink said stop, or abort() was called), UPSTREAM_PROTOCOL (a redirect loop,
// a token server's answer with no token). HTTP statuses other than 401 are answers, not errors.
class UpstreamClient
{
public:
    explicit UpstreamClient(UpstreamSettings settings);
    ~UpstreamClient();
    UpstreamClient(const UpstreamClient &) = delete;
    UpstreamClient &operator=(const UpstreamClient &) = delete;

    const UpstreamSettings &settings() const { return m_settings; }

    Result<UpstreamResponse> fetch(const UpstreamRequest &request, const BodySink &sink,
                                   const HeadSink &head = {});
    // Every transfer, running or to come, stops (shutdown).
    void abort() { m_aborted = true; }

private:
    struct Handle;
    std::unique_ptr<Handle> takeHandle();
    void giveBack(std::unique_ptr<Handle> handle);
    struct Sinks
    {
        const BodySink &body;
        const HeadSink &head;
    };
    Result<UpstreamResponse> perform(Handle &handle, const std::string &url,
                                     const UpstreamRequest &request,
                                     const std::string &authorization, const Sinks &sinks);
    Result<std::string> bearerToken(Handle &handle, const std::string &wwwAuthenticate,
                                    const std::string &scope);
    std::string basicAuthorization() const;

    UpstreamSettings m_settings;
    std::atomic<bool> m_aborted{false};
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Handle>> m_idle;
    struct Token
    {
        std::string value;
        std::chrono::steady_clock::time_point expires;
    };
    std::map<std::string, Token> m_tokens; // by scope
    bool m_basic = false;                  // the upstream asked for Basic
};

} // namespace berth::upstream
