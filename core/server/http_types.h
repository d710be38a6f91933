#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace berth::server {

class BodyStream;

// A request as the HTTP layer hands it to the registry API (path decoded,
// header names lower-case). The body, if any, arrives through
// RegistryApi::Exchange::onBody in chunks.
struct HttpRequest
{
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string> headers;
    bool fromLoopback = false; // the peer is 127.0.0.0/8 or ::1 (set by the HTTP layer)
    // The peer as the login throttle counts it (set by the HTTP layer): its
    // IPv4 address, or its IPv6 /64 network ("2001:db8:1:2::/64").
    std::string clientAddress;

    std::optional<std::string> header(const std::string &lowerName) const;
    std::optional<std::string> queryValue(const std::string &name) const;
    // The declared Content-Length; nullopt when there is none or it is not
    // a plain decimal number.
    std::optional<std::uint64_t> contentLength() const;
};

// A response: a small body in memory, a file region sent with sendfile, or
// a region of a body still arriving (`stream`; `fileOffset` and
// `fileLength` give the region, or, with `streamLengthKnown` false, all of
// it from `fileOffset` on, sent chunked).
// Move-only: it owns the file's descriptor and closes it unless the HTTP
// layer took it (releaseFile), so a response dropped anywhere leaks nothing.
struct HttpResponse
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int fileFd = -1; // owned
    std::uint64_t fileOffset = 0;
    std::uint64_t fileLength = 0;
    std::shared_ptr<BodyStream> stream;
    bool streamLengthKnown = true; // false: sent chunked, to the stream's end

    HttpResponse() = default;
    HttpResponse(HttpResponse &&other) noexcept;
    HttpResponse &operator=(HttpResponse &&other) noexcept;
    HttpResponse(const HttpResponse &) = delete;
    HttpResponse &operator=(const HttpResponse &) = delete;
    ~HttpResponse();

    // Hands the descriptor to whoever sends the file; the response forgets it.
    int releaseFile() { return std::exchange(fileFd, -1); }

    void addHeader(std::string name, std::string value)
    {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

} // namespace berth::server
