#pragma once

#include "server/api_exchange.h"

#include "storage/pull_clock.h"

#include <memory>
#include <string>

namespace berth::server {

struct RegistryContext;

// /v2/<name>/manifests/<reference> and /v2/<name>/referrers/<digest>:
// manifests by tag or digest (read, pushed whole and checked, deleted) and
// the manifests whose subject is a given one.
class ManifestEndpoints
{
public:
    explicit ManifestEndpoints(RegistryContext &context);

    // Also notes when the manifest was last pulled (PullClock): a mirror's
    // cache evicts the least recently pulled, and inspect shows it.
    HttpResponse get(const std::string &name, const std::string &reference) const;
    // The body is collected up to the manifest size limit, then put().
    std::unique_ptr<ApiExchange> startPut(const HttpRequest &request, const std::string &name,
                                          const std::string &reference);
    HttpResponse put(const HttpRequest &request, const std::string &name,
                     const std::string &reference, const std::string &body);
    HttpResponse remove(const std::string &name, const std::string &reference);
    HttpResponse referrers(const HttpRequest &request, const std::string &name,
                           const std::string &digest) const;

private:
    RegistryContext &m_context;
    storage::PullClock m_pullClock;
};

} // namespace berth::server
