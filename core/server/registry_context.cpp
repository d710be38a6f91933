#include "server/registry_context.h"

namespace berth::server {

namespace fs = std::filesystem;

RegistryContext::RegistryContext(const fs::path &rootDirectory, RegistryApiOptions apiOptions)
    : root(rootDirectory)
    , options(std::move(apiOptions))
    , store(rootDirectory)
    , writer(rootDirectory)
{
}

bool RegistryContext::repositoryExists(const std::string &name) const
{
    auto dir = store.layout().repositoryDir(name);
    std::error_code ec;
    return dir.ok() &&
           (fs::is_directory(*dir / "_manifests", ec) || fs::is_directory(*dir / "_layers", ec));
}

bool RegistryContext::blobLinked(const std::string &name, const oci::Digest &digest) const
{
    std::error_code ec;
    if (auto link = store.layout().layerLinkPath(name, digest); link.ok() && fs::exists(*link, ec))
        return true;
    if (auto link = store.layout().revisionLinkPath(name, digest);
        link.ok() && fs::exists(*link, ec))
        return true;
    return false;
}

} // namespace berth::server
