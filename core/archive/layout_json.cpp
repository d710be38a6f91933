#include "archive/layout_json.h"

#include "oci/media_types.h"

#include <nlohmann/json.hpp>

namespace berth::archive {

namespace {

nlohmann::ordered_json platformJson(const oci::Platform &p)
{
    nlohmann::ordered_json j;
    j["architecture"] = p.architecture;
    j["os"] = p.os;
    if (!p.osVersion.empty())
        j["os.version"] = p.osVersion;
    if (!p.osFeatures.empty())
        j["os.features"] = p.osFeatures;
    if (!p.variant.empty())
        j["variant"] = p.variant;
    return j;
}

nlohmann::ordered_json descriptorJson(const LayoutImage &image)
{
    const oci::Descriptor &d = image.manifest;
    nlohmann::ordered_json j;
    j["mediaType"] = d.mediaType;
    j["digest"] = d.digest.toString();
    j["size"] = d.size;
    if (!d.artifactType.empty())
        j["artifactType"] = d.artifactType;
    if (d.platform)
        j["platform"] = platformJson(*d.platform);
    std::map<std::string, std::string> annotations = d.annotations;
    if (!image.imageName.empty())
        annotations[kImageNameAnnotation] = image.imageName;
    if (!image.refName.empty())
        annotations[kRefNameAnnotation] = image.refName;
    if (!annotations.empty())
        j["annotations"] = annotations;
    return j;
}

} // namespace

std::string layoutMarkerJson()
{
    return R"({"imageLayoutVersion":"1.0.0"})";
}

std::string layoutIndexJson(const std::vector<LayoutImage> &images)
{
    nlohmann::ordered_json index;
    index["schemaVersion"] = 2;
    index["mediaType"] = std::string(oci::media_type::OciIndex);
    auto manifests = nlohmann::ordered_json::array();
    for (const LayoutImage &image : images)
        manifests.push_back(descriptorJson(image));
    index["manifests"] = std::move(manifests);
    return index.dump();
}

std::string dockerManifestJson(const std::vector<LayoutImage> &images)
{
    auto entries = nlohmann::ordered_json::array();
    for (const LayoutImage &image : images) {
        if (!image.config)
            continue;
        nlohmann::ordered_json entry;
        entry["Config"] = blobPath(*image.config);
        auto tags = nlohmann::ordered_json::array();
        if (!image.imageName.empty())
            tags.push_back(image.imageName);
        entry["RepoTags"] = std::move(tags);
        auto layers = nlohmann::ordered_json::array();
        for (const oci::Digest &layer : image.layers)
            layers.push_back(blobPath(layer));
        entry["Layers"] = std::move(layers);
        entries.push_back(std::move(entry));
    }
    return entries.dump();
}

std::string blobPath(const oci::Digest &digest)
{
    return "blobs/" + std::string(digest.algorithmName()) + "/" + digest.hex();
}

} // namespace berth::archive
