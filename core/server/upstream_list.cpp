#include "server/upstream_list.h"

#include "protocol/link_header.h"

#include <nlohmann/json.hpp>

namespace berth::server {

namespace {

constexpr int kMaxPages = 50;
constexpr std::size_t kMaxBytes = 16 * 1024 * 1024;

// The path and query of a next-page target on the upstream's own origin
// ("/v2/…"); empty for any other.
std::string pathOf(const std::string &target, const std::string &upstreamUrl)
{
    if (target.rfind("/v2/", 0) == 0)
        return target;
    if (target.rfind(upstreamUrl + "/v2/", 0) == 0)
        return target.substr(upstreamUrl.size());
    return {};
}

Error refused(const std::string &why)
{
    return makeError("UPSTREAM_PROTOCOL", "the upstream's list: " + why);
}

} // namespace

Result<std::vector<std::string>>
parseUpstreamListPage(std::string_view body, const char *field,
                      const std::function<bool(const std::string &)> &valid)
{
    const auto keep = [](int depth, nlohmann::json::parse_event_t, nlohmann::json &) {
        return depth <= 2;
    };
    const nlohmann::json parsed = nlohmann::json::parse(body, keep, false);
    if (!parsed.is_object() || !parsed.contains(field) || !parsed[field].is_array())
        return refused(std::string("no \"") + field + "\" list");
    std::vector<std::string> items;
    for (const auto &entry : parsed[field]) {
        if (entry.is_string() && valid(entry.get<std::string>()))
            items.push_back(entry.get<std::string>());
    }
    return items;
}

Result<std::vector<std::string>>
fetchUpstreamList(upstream::UpstreamClient &client, const std::string &path, const char *field,
                  const std::string &scope, const std::function<bool(const std::string &)> &valid)
{
    std::vector<std::string> items;
    std::size_t total = 0;
    upstream::UpstreamRequest request;
    request.path = path;
    request.scope = scope;
    for (int page = 0; page < kMaxPages; ++page) {
        std::string body;
        bool tooBig = false;
        const auto response = client.fetch(request, [&](std::string_view chunk) {
            total += chunk.size();
            tooBig = total > kMaxBytes;
            if (!tooBig)
                body.append(chunk);
            return !tooBig;
        });
        if (!response.ok() && !tooBig)
            return response.error();
        if (tooBig || response->status != 200)
            return refused(tooBig ? "longer than 16 MiB"
                                  : "HTTP " + std::to_string(response->status));
        auto entries = parseUpstreamListPage(body, field, valid);
        if (!entries.ok())
            return entries.error();
        items.insert(items.end(), entries->begin(), entries->end());
        const std::string link = response->header("link");
        if (link.empty())
            return items;
        const auto next = protocol::nextLinkTarget(link);
        const std::string nextPath = next ? pathOf(*next, client.settings().url) : std::string();
        if (nextPath.empty())
            return refused("a next page elsewhere");
        request.path = nextPath;
    }
    return refused("more than 50 pages");
}

} // namespace berth::server
