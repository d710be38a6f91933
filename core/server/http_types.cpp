#include "server/http_types.h"

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

} // namespace berth::server
