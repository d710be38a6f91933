#include "archive/entry_name.h"
#include "archive/import_plan.h"

#include "oci/image_config.h"
#include "oci/json_reader.h"
#include "oci/media_types.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace berth::archive {

namespace {

Error invalid(const std::string &message)
{
    return makeError("ARCHIVE_INVALID", message);
}

struct SavedImage
{
    std::string config;
    std::vector<std::string> repoTags;
    std::vector<std::string> layers;
};

Result<std::vector<SavedImage>> readManifestJson(const std::string &bytes)
{
    auto json = oci::parseUntrustedJson(bytes, "ARCHIVE_INVALID");
    if (!json.ok())
        return invalid("manifest.json: " + json.error().message);
    if (!json->is_array())
        return invalid("manifest.json: expected a list of images");
    std::vector<SavedImage> images;
    for (std::size_t i = 0; i < json->size(); ++i) {
        const nlohmann::json &entry = (*json)[i];
        if (!entry.is_object())
            return invalid("manifest.json[" + std::to_string(i) + "]: expected an object");
        oci::JsonReader reader(entry, "manifest.json[" + std::to_string(i) + "]",
                               "ARCHIVE_INVALID");
        SavedImage image;
        image.config = reader.string("Config", true);
        if (reader.has("RepoTags") && !entry.at("RepoTags").is_null())
            image.repoTags = reader.stringArray("RepoTags");
        image.layers = reader.stringArray("Layers");
        if (reader.failed())
            return invalid(reader.error().message);
        images.push_back(std::move(image));
    }
    if (images.empty())
        return invalid("manifest.json lists no image");
    return images;
}

// The image `ref` names: one of its RepoTags, or (empty) the only one.
Result<const SavedImage *> choose(const std::vector<SavedImage> &images, std::string_view ref)
{
    if (ref.empty()) {
        if (images.size() == 1)
            return &images.front();
        std::string names;
        for (const SavedImage &image : images)
            names += (names.empty() ? "" : ", ") +
                     (image.repoTags.empty() ? image.config : image.repoTags.front());
        return makeError("AMBIGUOUS", "it holds several images (" + names + "): name one");
    }
    // docker and skopeo write Hub names in full ("docker.io/library/x:1").
    const auto shortened = [](std::string_view name) {
        for (std::string_view prefix : {"docker.io/library/", "docker.io/"}) {
            if (name.substr(0, prefix.size()) == prefix)
                return name.substr(prefix.size());
        }
        return name;
    };
    for (const SavedImage &image : images) {
        for (const std::string &tag : image.repoTags) {
            if (tag == ref || shortened(tag) == shortened(ref))
                return &image;
        }
    }
    return makeError("NOT_FOUND", "it holds no image named " + std::string(ref));
}

std::string descriptorJson(std::string_view mediaType, const oci::Digest &digest, std::int64_t size)
{
    nlohmann::ordered_json d;
    d["mediaType"] = std::string(mediaType);
    d["digest"] = digest.toString();
    d["size"] = size;
    return d.dump();
}

} // namespace

Result<ImportPlan> planDockerArchiveImport(const LayoutContents &contents, std::string_view ref)
{
    if (contents.dockerManifest.empty())
        return invalid("it is no OCI layout (no index.json) nor a docker save archive");
    auto images = readManifestJson(contents.dockerManifest);
    if (!images.ok())
        return images.error();
    auto chosen = choose(*images, ref);
    if (!chosen.ok())
        return chosen.error();
    const SavedImage &saved = **chosen;

    auto configName = plainEntryName(saved.config);
    if (!configName.ok())
        return invalid("manifest.json: " + configName.error().message);
    const auto config = contents.looseDocuments.find(*configName);
    if (config == contents.looseDocuments.end())
        return invalid("it does not hold " + *configName + ", which manifest.json names");
    const oci::Digest configDigest = oci::Digest::sha256Of(config->second);
    if (const std::string id = configName->substr(0, configName->rfind(".json"));
        oci::isLowerHex(id, 64) && id != configDigest.hex())
        return invalid(*configName + " does not match its name (tampered or damaged)");
    auto parsed = oci::parseImageConfig(config->second);
    if (!parsed.ok())
        return invalid(*configName + ": " + parsed.error().message);
    if (parsed->diffIds.size() != saved.layers.size())
        return invalid(*configName + " names " + std::to_string(parsed->diffIds.size()) +
                       " layers, manifest.json " + std::to_string(saved.layers.size()));

    ImportPlan plan;
    plan.blobs.push_back(ImportPlan::Blob{
        configDigest, static_cast<std::int64_t>(config->second.size()), *configName});
    std::string layers;
    std::set<oci::Digest> seen{configDigest};
    std::map<std::string, oci::Digest> entries; // each layer file, the one diff ID it is
    entries.emplace(*configName, configDigest);
    for (std::size_t i = 0; i < saved.layers.size(); ++i) {
        auto name = plainEntryName(saved.layers[i]);
        if (!name.ok())
            return invalid("manifest.json: " + name.error().message);
        const auto file = contents.files.find(*name);
        if (file == contents.files.end())
            return invalid(contents.links.count(*name)
                               ? *name + " is a link, not a file (manifest.json names it)"
                               : "it does not hold " + *name + ", which manifest.json names");
        auto diffId = oci::Digest::parse(parsed->diffIds[i]);
        if (!diffId.ok())
            return invalid(*configName + ": rootfs.diff_ids[" + std::to_string(i) +
                           "]: " + diffId.error().message);
        if (const auto other = entries.find(*name);
            other != entries.end() && other->second != *diffId)
            return invalid("manifest.json names " + *name + " for two different layers");
        entries.emplace(*name, *diffId);
        if (seen.insert(*diffId).second)
            plan.blobs.push_back(ImportPlan::Blob{*diffId, file->second, *name});
        layers += (layers.empty() ? "" : ",") +
                  descriptorJson(oci::media_type::OciLayerTar, *diffId, file->second);
    }
    const std::string manifest = R"({"schemaVersion":2,"mediaType":")" +
                                 std::string(oci::media_type::OciManifest) + R"(","config":)" +
                                 descriptorJson(oci::media_type::OciConfig, configDigest,
                                                static_cast<std::int64_t>(config->second.size())) +
                                 R"(,"layers":[)" + layers + "]}";
    plan.image = oci::Digest::sha256Of(manifest);
    plan.manifests.push_back(
        ImportPlan::Manifest{plan.image, std::string(oci::media_type::OciManifest), manifest, {}});
    if (!saved.repoTags.empty()) {
        plan.imageName = saved.repoTags.front();
        const std::size_t colon = plan.imageName.rfind(':');
        if (colon != std::string::npos && plan.imageName.find('/', colon) == std::string::npos)
            plan.refName = plan.imageName.substr(colon + 1);
    }
    return plan;
}

} // namespace berth::archive
