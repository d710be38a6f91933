#include "oci/image_config.h"

#include "oci/json_reader.h"
#include "oci/timestamp.h"

namespace berth::oci {

namespace {

const char *const kCode = "CONFIG_INVALID";
constexpr std::size_t kMaxConfigBytes = 8 * 1024 * 1024;

} // namespace

Result<ImageConfig> parseImageConfig(std::string_view bytes)
{
    if (bytes.size() > kMaxConfigBytes)
        return makeError(kCode, "image config larger than 8 MiB");
    auto doc = parseUntrustedJson(bytes, kCode);
    if (!doc.ok())
        return doc.error();
    JsonReader r(*doc, "", kCode);
    ImageConfig c;
    c.architecture = r.string("architecture");
    c.os = r.string("os");
    c.variant = r.string("variant");
    c.createdText = r.string("created");
    if (!c.createdText.empty()) {
        // A malformed date is shown as text, never fatal.
        if (auto t = parseRfc3339(c.createdText); t.ok())
            c.created = t.value();
    }
    if (const auto *config = r.object("config")) {
        JsonReader cr(*config, "config", kCode);
        c.env = cr.stringArray("Env");
        c.cmd = cr.stringArray("Cmd");
        c.entrypoint = cr.stringArray("Entrypoint");
        c.workingDir = cr.string("WorkingDir");
        c.user = cr.string("User");
        c.labels = cr.stringMap("Labels");
        c.exposedPorts = cr.objectKeys("ExposedPorts");
        c.volumes = cr.objectKeys("Volumes");
        if (cr.failed())
            return cr.error();
    }
    if (const auto *rootfs = r.object("rootfs")) {
        JsonReader rr(*rootfs, "rootfs", kCode);
        c.diffIds = rr.stringArray("diff_ids");
        if (rr.failed())
            return rr.error();
    }
    if (const auto *history = r.array("history")) {
        for (std::size_t i = 0; i < history->size(); ++i) {
            JsonReader hr((*history)[i], "history[" + std::to_string(i) + "]", kCode);
            HistoryEntry entry;
            entry.created = hr.string("created");
            entry.createdBy = hr.string("created_by");
            entry.author = hr.string("author");
            entry.comment = hr.string("comment");
            entry.emptyLayer = hr.boolean("empty_layer");
            if (hr.failed())
                return hr.error();
            c.history.push_back(std::move(entry));
        }
    }
    if (r.failed())
        return r.error();
    return c;
}

std::vector<std::optional<std::size_t>> layerHistoryIndex(const ImageConfig &config,
                                                          std::size_t layerCount)
{
    std::vector<std::optional<std::size_t>> out(layerCount);
    std::size_t layer = 0;
    for (std::size_t i = 0; i < config.history.size() && layer < layerCount; ++i) {
        if (!config.history[i].emptyLayer)
            out[layer++] = i;
    }
    return out;
}

} // namespace berth::oci
