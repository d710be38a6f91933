// Manifest, index and image-config parsing and validation, and the
// narrowing of an index to some platforms (a copy of some platforms).
#include "oci/image_config.h"
#include "oci/index_subset.h"
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
        if (const auto *index = m->index()) {
            // A copy of some platforms: what it keeps, and the narrowed index.
            const auto kept = berth::oci::manifestsFor(*index, {berth::oci::hostPlatform()});
            std::vector<berth::oci::Digest> digests;
            for (const auto &d : kept)
                digests.push_back(d.digest);
            if (auto narrowed = berth::oci::indexSubset(bytes.substr(1), digests); narrowed.ok())
                (void)berth::oci::parseManifest(*narrowed, type);
        }
    }
    if (auto c = berth::oci::parseImageConfig(bytes); c.ok())
        (void)c->history.size();
    return 0;
}
