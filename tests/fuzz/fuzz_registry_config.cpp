// registry:2's config.yml as berth-registry reads it (yaml-cpp underneath).
#include "server/registry_config.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string yaml(reinterpret_cast<const char *>(data), size);
    auto config = berth::server::RegistryConfig::parse(
        yaml, [](const char *) -> const char * { return nullptr; });
    if (config.ok())
        (void)config->warnings.size();
    return 0;
}
