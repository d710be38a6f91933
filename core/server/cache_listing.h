#pragma once

#include "server/http_types.h"
#include "server/mirror_routing.h"

#include <optional>
#include <string>

namespace berth::server {

struct RegistryContext;

// What a registry's store holds, for browsing a mirror (Berth's API, a
// read like the catalog: it names what the catalog and tag lists name,
// with sizes and pull times).
//   GET /berth/v1/cache: the store's size, the mirror's bound, and each
//     repository with its origin ("mirroredFrom", absent for a local one),
//     its tag count, the bytes its manifests reference, its last pull.
//   GET /berth/v1/cache/<name>: that repository and its tags, each with
//     its digest and how much of its image is here (parts, present): a
//     mirror stores a manifest when it is asked for, layers when pulled.
// Reads link files and manifests, never layers; runs on a worker thread.
class CacheListing
{
public:
    explicit CacheListing(RegistryContext &context);

    HttpResponse repositories() const;
    HttpResponse repository(const std::string &name) const;

private:
    std::optional<std::string> originOf(const std::string &repository) const;

    RegistryContext &m_context;
    std::optional<MirrorRouting> m_routing;
};

} // namespace berth::server
