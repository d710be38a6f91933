#include "credentials/registry_profile.h"

namespace berth::credentials {

client::ClientResult<client::RegistryEndpoint> RegistryProfile::endpoint() const
{
    auto endpoint = client::RegistryEndpoint::fromUserInput(url);
    if (!endpoint.ok())
        return endpoint;
    endpoint->tlsMode = tlsMode;
    endpoint->caFile = caFile;
    return endpoint;
}

} // namespace berth::credentials
