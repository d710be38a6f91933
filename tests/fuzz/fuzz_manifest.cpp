// Manifest, index and image-config parsing and validation.
#include "oci/image_config.h"
#include "oci/parsed_manifest.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    // The first byte picks a Content-Type, as a registry's header would.
    static constexpr std::string_view kTypes[] = {
        "",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v1+prettyjws"};
    const std::string_view type = size ? kTypes[data[0] % std::size(kTypes)] : "";
    if (auto m = berth::oci::parseManifest(bytes.empty() ? bytes : bytes.substr(1), type); m.ok()) {
        (void)m->references();
        (void)m->referencedDigests();
        (void)m->subject();
        (void)m->isIndex();
    }
    if (auto c = berth::oci::parseImageConfig(bytes); c.ok())
        (void)c->history.size();
    return 0;
}
