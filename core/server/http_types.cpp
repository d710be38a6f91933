#include "server/http_types.h"

#include <charconv>
#include <unistd.h>

namespace berth::server {

std::optional<std::string> HttpRequest::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    if (it == headers.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::string> HttpRequest::queryValue(const std::string &name) const
{
    const auto it = query.find(name);
    if (it == query.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::uint64_t> HttpRequest::contentLength() const
{
    const auto it = headers.find("content-length");
    if (it == headers.end())
        return std::nullopt;
    const std::string &text = it->second;
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

HttpResponse::HttpResponse(HttpResponse &&other) noexcept
    : status(other.status)
    , headers(std::move(other.headers))
    , body(std::move(other.body))
    , fileFd(other.releaseFile())
    , fileOffset(other.fileOffset)
    , fileLength(other.fileLength)
    , stream(std::move(other.stream))
    , streamLengthKnown(other.streamLengthKnown)
{
}

HttpResponse &HttpResponse::operator=(HttpResponse &&other) noexcept
{
    if (this != &other) {
        if (fileFd >= 0)
            ::close(fileFd);
        status = other.status;
        headers = std::move(other.headers);
        body = std::move(other.body);
        fileFd = other.releaseFile();
        fileOffset = other.fileOffset;
        fileLength = other.fileLength;
        stream = std::move(other.stream);
        streamLengthKnown = other.streamLengthKnown;
    }
    return *this;
}

HttpResponse::~HttpResponse()
{
    if (fileFd >= 0)
        ::close(fileFd);
}

} // namespace berth::server
