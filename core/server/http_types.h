#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace berth::server {

// A request as the HTTP layer hands it to the registry API (path decoded,
// header names lower-case). The body, if any, arrives through
// RegistryApi::Exchange::onBody in chunks.
struct HttpRequest
{
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string> headers;
    bool fromLoopback = false; // the peer is 127.0.0.0/8 (set by the HTTP layer)

    std::optional<std::string> header(const std::string &lowerName) const;
    std::optional<std::string> queryValue(const std::string &name) const;
};

// A response: a small body in memory, or a file region sent with sendfile.
struct HttpResponse
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int fileFd = -1; // owned; the HTTP layer closes it
    std::uint64_t fileOffset = 0;
    std::uint64_t fileLength = 0;

    void addHeader(std::string name, std::string value)
    {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

} // namespace berth::server
