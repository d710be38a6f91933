#include "server/list_endpoints.h"

#include "server/api_responses.h"
#include "server/registry_context.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace berth::server {

namespace {

std::optional<std::size_t> parseCount(const std::optional<std::string> &text)
{
    if (!text)
        return std::nullopt;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size())
        return std::nullopt;
    return n;
}

// A page of a sorted list: items after `last`, at most n; Link for more.
template <class Compare>
void paginate(const HttpRequest &request, std::vector<std::string> &items, const std::string &path,
              HttpResponse &response, Compare less)
{
    if (const auto last = request.queryValue("last"))
        items.erase(items.begin(), std::upper_bound(items.begin(), items.end(), *last, less));
    const auto n = parseCount(request.queryValue("n"));
    if (n && *n < items.size()) {
        items.resize(*n);
        if (!items.empty())
            response.addHeader("Link", "<" + path + "?n=" + std::to_string(*n) +
                                           "&last=" + items.back() + ">; rel=\"next\"");
    }
}

bool componentLess(const std::string &a, const std::string &b)
{
    // distribution's catalog order: path components compared byte-wise.
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    if (i == a.size() || i == b.size())
        return a.size() < b.size();
    const char ca = a[i] == '/' ? '\0' : a[i];
    const char cb = b[i] == '/' ? '\0' : b[i];
    return static_cast<unsigned char>(ca) < static_cast<unsigned char>(cb);
}

} // namespace

ListEndpoints::ListEndpoints(const RegistryContext &context)
    : m_context(context)
{
}

HttpResponse ListEndpoints::catalog(const HttpRequest &request,
                                    const std::vector<std::string> &extra) const
{
    std::vector<std::string> repositories = m_context.store.repositories();
    if (!extra.empty()) {
        repositories.insert(repositories.end(), extra.begin(), extra.end());
        std::sort(repositories.begin(), repositories.end(), componentLess);
        repositories.erase(std::unique(repositories.begin(), repositories.end()),
                           repositories.end());
    }
    HttpResponse page;
    paginate(request, repositories, "/v2/_catalog", page, componentLess);
    HttpResponse out = jsonResponse(200, {{"repositories", repositories}});
    for (auto &h : page.headers)
        out.headers.push_back(h);
    return out;
}

HttpResponse ListEndpoints::tags(const HttpRequest &request, const std::string &name) const
{
    if (!m_context.repositoryExists(name))
        return apiError(404, "NAME_UNKNOWN", "repository name not known to registry");
    std::vector<std::string> tags;
    for (const auto &t : m_context.store.tags(name))
        tags.push_back(t.tag);
    return tagPage(request, name, std::move(tags));
}

HttpResponse ListEndpoints::tagPage(const HttpRequest &request, const std::string &name,
                                    std::vector<std::string> tags)
{
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    HttpResponse page;
    paginate(request, tags, "/v2/" + name + "/tags/list", page, std::less<>());
    HttpResponse out = jsonResponse(200, {{"name", name}, {"tags", tags}});
    for (auto &h : page.headers)
        out.headers.push_back(h);
    return out;
}

} // namespace berth::server
