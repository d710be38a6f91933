#include "oci/index_subset.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace berth::oci {

std::vector<Descriptor> manifestsFor(const ImageIndex &index,
                                     const std::vector<Platform> &platforms)
{
    std::vector<Digest> images;
    for (const Descriptor &d : index.manifests) {
        if (d.isAttestation() || !d.platform)
            continue;
        if (std::any_of(platforms.begin(), platforms.end(),
                        [&d](const Platform &p) { return runsOn(*d.platform, p); }))
            images.push_back(d.digest);
    }
    std::vector<Descriptor> kept;
    for (const Descriptor &d : index.manifests) {
        Digest named = d.digest;
        if (d.isAttestation()) {
            const auto it = d.annotations.find("vnd.docker.reference.digest");
            if (it == d.annotations.end())
                continue;
            auto parsed = Digest::parse(it->second);
            if (!parsed.ok())
                continue;
            named = *parsed;
        }
        if (std::find(images.begin(), images.end(), named) != images.end())
            kept.push_back(d);
    }
    return kept;
}

Result<std::string> indexSubset(std::string_view indexBytes, const std::vector<Digest> &keep)
{
    const auto invalid = [](const std::string &field) {
        return Error{"MANIFEST_INVALID", "manifest invalid: " + field};
    };
    nlohmann::ordered_json doc =
        nlohmann::ordered_json::parse(indexBytes.begin(), indexBytes.end(), nullptr, false);
    if (!doc.is_object() || !doc.contains("manifests") || !doc["manifests"].is_array())
        return invalid("an index with a manifests list");
    nlohmann::ordered_json kept = nlohmann::ordered_json::array();
    for (const auto &entry : doc["manifests"]) {
        if (!entry.is_object() || !entry.contains("digest") || !entry["digest"].is_string())
            return invalid("manifests[].digest");
        auto digest = Digest::parse(entry["digest"].get<std::string>());
        if (digest.ok() && std::find(keep.begin(), keep.end(), *digest) != keep.end())
            kept.push_back(entry);
    }
    doc["manifests"] = std::move(kept);
    return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace berth::oci
