#pragma once

#include "server/http_types.h"

#include <string>
#include <vector>

namespace berth::server {

struct RegistryContext;

// /v2/_catalog and /v2/<name>/tags/list, paged with n and last (Link for
// the next page), in distribution's orders.
class ListEndpoints
{
public:
    explicit ListEndpoints(const RegistryContext &context);

    // `extra`: more repositories to list with the store's (a mirror's
    // upstream's).
    HttpResponse catalog(const HttpRequest &request,
                         const std::vector<std::string> &extra = {}) const;
    HttpResponse tags(const HttpRequest &request, const std::string &name) const;
    // A page of `tags` (another source's: a mirror's upstream) as tags()
    // pages the store's.
    static HttpResponse tagPage(const HttpRequest &request, const std::string &name,
                                std::vector<std::string> tags);

private:
    const RegistryContext &m_context;
};

} // namespace berth::server
