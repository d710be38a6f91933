#include "oci/referrers_index.h"

#include "oci/media_types.h"

#include <nlohmann/json.hpp>

namespace berth::oci {

Descriptor referrerDescriptor(const ParsedManifest &manifest, const Digest &digest,
                              std::int64_t size)
{
    Descriptor d;
    d.mediaType = std::string(manifest.mediaType());
    d.digest = digest;
    d.size = size;
    if (const auto *image = manifest.image()) {
        d.artifactType =
            image->artifactType.empty() ? image->config.mediaType : image->artifactType;
        d.annotations = image->annotations;
    } else if (const auto *index = manifest.index()) {
        d.artifactType = index->artifactType;
        d.annotations = index->annotations;
    }
    return d;
}

std::string referrersIndexJson(const std::vector<Descriptor> &manifests)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Descriptor &m : manifests) {
        nlohmann::json d{
            {"mediaType", m.mediaType}, {"digest", m.digest.toString()}, {"size", m.size}};
        if (!m.artifactType.empty())
            d["artifactType"] = m.artifactType;
        if (!m.annotations.empty())
            d["annotations"] = m.annotations;
        list.push_back(std::move(d));
    }
    return nlohmann::json{{"schemaVersion", 2},
                          {"mediaType", std::string(media_type::OciIndex)},
                          {"manifests", std::move(list)}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace berth::oci
