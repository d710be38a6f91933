#pragma once

#include "server/http_types.h"

#include <string>

namespace berth::server {

struct RegistryContext;

// /v2/_catalog and /v2/<name>/tags/list, paged with n and last (Link for
// the next page), in distribution's orders.
class ListEndpoints
{
public:
    explicit ListEndpoints(const RegistryContext &context);

    HttpResponse catalog(const HttpRequest &request) const;
    HttpResponse tags(const HttpRequest &request, const std::string &name) const;

private:
    const RegistryContext &m_context;
};

} // namespace berth::server
