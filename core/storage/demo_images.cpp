#include "storage/demo_images.h"

#include "storage/registry_writer.h"

#include "oci/digest.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>

namespace berth::storage {

namespace {

using nlohmann::json;

constexpr const char *kLayerType = "application/vnd.oci.image.layer.v1.tar";
constexpr const char *kConfigType = "application/vnd.oci.image.config.v1+json";
constexpr const char *kManifestType = "application/vnd.oci.image.manifest.v1+json";
constexpr const char *kIndexType = "application/vnd.oci.image.index.v1+json";

// A ustar archive with one regular file (mode 0755, fixed time: the same
// bytes every run).
std::string tarWithFile(const std::string &name, const std::string &content)
{
    std::string header(512, '\0');
    std::memcpy(header.data(), name.data(), std::min<std::size_t>(name.size(), 99));
    auto octal = [&](std::size_t offset, std::size_t width, unsigned long long value) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%0*llo", static_cast<int>(width - 1), value);
        std::memcpy(header.data() + offset, buffer, width - 1);
    };
    octal(100, 8, 0755);            // mode
    octal(108, 8, 0);               // uid
    octal(116, 8, 0);               // gid
    octal(124, 12, content.size()); // size
    octal(136, 12, 1700000000);     // mtime
    header[156] = '0';              // regular file
    std::memcpy(header.data() + 257, "ustar", 6);
    std::memcpy(header.data() + 263, "00", 2);
    std::memset(header.data() + 148, ' ', 8); // checksum computed with spaces
    unsigned sum = 0;
    for (unsigned char c : header)
        sum += c;
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "%06o", sum);
    std::memcpy(header.data() + 148, checksum, 7); // six digits, NUL, then the space stays
    std::string out = header + content;
    out.append((512 - content.size() % 512) % 512, '\0');
    out.append(1024, '\0'); // end of archive
    return out;
}

struct Writer
{
    RegistryWriter writer;
    DemoSummary summary;

    Result<oci::Digest> blob(const std::string &repository, const std::string &bytes)
    {
        const oci::Digest digest = oci::Digest::sha256Of(bytes);
        auto placed = writer.putBlob(repository, bytes, digest);
        if (!placed.ok())
            return placed.error();
        ++summary.blobs;
        return digest;
    }

    // One platform image: its layer, config and manifest. Returns the
    // manifest's descriptor for an index.
    Result<json> image(const std::string &repository, const std::string &created,
                       const std::string &architecture, const std::string &program,
                       const std::string &message)
    {
        const std::string script = "#!/bin/sh\necho '" + message + "'\n";
        const std::string layer = tarWithFile(program, script);
        auto layerDigest = blob(repository, layer);
        if (!layerDigest.ok())
            return layerDigest.error();
        const json config = {
            {"created", created},
            {"architecture", architecture},
            {"os", "linux"},
            {"config", {{"Cmd", json::array({"/" + program})}}},
            {"rootfs", {{"type", "layers"}, {"diff_ids", json::array({layerDigest->toString()})}}},
            {"history",
             json::array({{{"created", created},
                           {"created_by", "berth demo: COPY " + program + " /" + program}}})}};
        const std::string configBytes = config.dump();
        auto configDigest = blob(repository, configBytes);
        if (!configDigest.ok())
            return configDigest.error();
        const json manifest = {
            {"schemaVersion", 2},
            {"mediaType", kManifestType},
            {"config",
             {{"mediaType", kConfigType},
              {"digest", configDigest->toString()},
              {"size", configBytes.size()}}},
            {"layers", json::array({{{"mediaType", kLayerType},
                                     {"digest", layerDigest->toString()},
                                     {"size", layer.size()}}})},
            {"annotations", {{"org.opencontainers.image.description", message}}}};
        const std::string bytes = manifest.dump();
        const oci::Digest digest = oci::Digest::sha256Of(bytes);
        if (auto s = writer.putManifest(repository, bytes, digest); !s.ok())
            return s.error();
        return json{{"mediaType", kManifestType},
                    {"digest", digest.toString()},
                    {"size", bytes.size()},
                    {"platform", {{"architecture", architecture}, {"os", "linux"}}}};
    }

    Status tag(const std::string &repository, const std::string &name, const json &descriptor)
    {
        auto digest = oci::Digest::parse(descriptor.at("digest").get<std::string>());
        if (!digest.ok())
            return digest.error();
        if (auto s = writer.tag(repository, name, *digest); !s.ok())
            return s;
        summary.references.push_back(repository + ":" + name);
        return Ok{};
    }
};

} // namespace

Result<DemoSummary> writeDemoImages(const std::filesystem::path &root)
{
    Writer w{RegistryWriter(root), {}};
    // demo/hello: three tags, two of them the same image.
    auto v10 = w.image("demo/hello", "2025-01-10T09:00:00Z", "amd64", "hello",
                       "Hello from Berth's demo image 1.0");
    if (!v10.ok())
        return v10.error();
    auto v11 = w.image("demo/hello", "2025-03-02T09:00:00Z", "amd64", "hello",
                       "Hello from Berth's demo image 1.1");
    if (!v11.ok())
        return v11.error();
    for (const auto &[name, image] : {std::pair{"1.0", &*v10}, {"1.1", &*v11}, {"latest", &*v11}})
        if (auto s = w.tag("demo/hello", name, *image); !s.ok())
            return s.error();

    // demo/web: a multi-arch index (amd64, arm64).
    json platforms = json::array();
    for (const char *arch : {"amd64", "arm64"}) {
        auto platform = w.image("demo/web", "2025-04-20T12:00:00Z", arch, "serve",
                                std::string("demo web server for ") + arch);
        if (!platform.ok())
            return platform.error();
        platforms.push_back(*platform);
    }
    const json index = {{"schemaVersion", 2}, {"mediaType", kIndexType}, {"manifests", platforms}};
    const std::string indexBytes = index.dump();
    const oci::Digest indexDigest = oci::Digest::sha256Of(indexBytes);
    if (auto s = w.writer.putManifest("demo/web", indexBytes, indexDigest); !s.ok())
        return s.error();
    const json indexDescriptor = {{"digest", indexDigest.toString()}};
    for (const char *name : {"2.0", "latest"})
        if (auto s = w.tag("demo/web", name, indexDescriptor); !s.ok())
            return s.error();

    // demo/tools: monthly releases, for retention rules.
    for (int month = 1; month <= 6; ++month) {
        char created[32];
        std::snprintf(created, sizeof created, "2025-%02d-15T08:00:00Z", month);
        const std::string version = "0." + std::to_string(month) + ".0";
        auto image = w.image("demo/tools", created, "amd64", "tool", "demo tools " + version);
        if (!image.ok())
            return image.error();
        if (auto s = w.tag("demo/tools", version, *image); !s.ok())
            return s.error();
    }
    return w.summary;
}

} // namespace berth::storage
