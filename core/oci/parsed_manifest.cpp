#include "oci/parsed_manifest.h"

#include "oci/json_reader.h"
#include "oci/media_types.h"
#include "oci/name_rules.h"

#include <algorithm>
#include <cctype>

namespace berth::oci {

namespace {

const char *const kCode = "MANIFEST_INVALID";

bool isGeneric(std::string_view t)
{
    return t.empty() || t == "application/json" || t == "application/octet-stream" ||
           t == "text/plain";
}

// A media type goes into HTTP headers (Content-Type of a manifest GET) and
// logs: a control character in one is refused, never passed on.
bool hasControlCharacter(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

bool isKnown(std::string_view t)
{
    return media_type::isManifestMediaType(t) || media_type::isIndexMediaType(t);
}

bool sameFamily(std::string_view a, std::string_view b)
{
    const auto schema1 = [](std::string_view t) {
        return t == media_type::DockerSchema1 || t == media_type::DockerSchema1Signed;
    };
    return a == b || (schema1(a) && schema1(b));
}

std::optional<Descriptor> readDescriptor(const nlohmann::json &json, const std::string &path,
                                         JsonReader &parent)
{
    JsonReader r(json, path, kCode);
    Descriptor d;
    d.mediaType = r.string("mediaType", true);
    const std::string digest = r.string("digest", true);
    const auto size = r.integer("size", true);
    d.urls = r.stringArray("urls");
    d.annotations = r.stringMap("annotations");
    d.artifactType = r.string("artifactType");
    if (const auto *p = r.object("platform")) {
        JsonReader pr(*p, r.childPath("platform"), kCode);
        Platform platform;
        platform.architecture = pr.string("architecture", true);
        platform.os = pr.string("os", true);
        platform.variant = pr.string("variant");
        platform.osVersion = pr.string("os.version");
        platform.osFeatures = pr.stringArray("os.features");
        if (pr.failed()) {
            parent.setError(pr.error().message);
            return std::nullopt;
        }
        d.platform = std::move(platform);
    }
    if (r.failed()) {
        parent.setError(r.error().message);
        return std::nullopt;
    }
    if (d.mediaType.empty()) {
        parent.setError(path + ".mediaType: empty");
        return std::nullopt;
    }
    if (hasControlCharacter(d.mediaType) || hasControlCharacter(d.artifactType)) {
        parent.setError(path + (hasControlCharacter(d.mediaType) ? ".mediaType" : ".artifactType") +
                        ": contains a control character");
        return std::nullopt;
    }
    auto parsedDigest = Digest::parse(digest);
    if (!parsedDigest.ok()) {
        parent.setError(path + ".digest: " + parsedDigest.error().message);
        return std::nullopt;
    }
    d.digest = parsedDigest.value();
    if (!size || *size < 0) {
        parent.setError(path + ".size: must be a non-negative integer");
        return std::nullopt;
    }
    d.size = *size;
    return d;
}

std::vector<Descriptor> readDescriptorArray(const nlohmann::json &array, const std::string &path,
                                            JsonReader &parent)
{
    std::vector<Descriptor> out;
    out.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto d = readDescriptor(array[i], path + "[" + std::to_string(i) + "]", parent);
        if (!d)
            return {};
        out.push_back(std::move(*d));
    }
    return out;
}

Result<ParsedManifest> readImage(const nlohmann::json &doc, const std::string &mediaType)
{
    JsonReader r(doc, "", kCode);
    ImageManifest m;
    const auto version = r.integer("schemaVersion", true);
    m.mediaType = r.string("mediaType");
    m.artifactType = r.string("artifactType");
    m.annotations = r.stringMap("annotations");
    const auto *config = r.object("config", true);
    const auto *layers = r.array("layers", mediaType == media_type::DockerManifest);
    const auto *subject = r.object("subject");
    if (r.failed())
        return r.error();
    if (*version != 2)
        return makeError(kCode, "schemaVersion: must be 2 for " + mediaType);
    auto cfg = readDescriptor(*config, "config", r);
    if (!cfg)
        return r.error();
    m.config = std::move(*cfg);
    if (layers) {
        m.layers = readDescriptorArray(*layers, "layers", r);
        if (r.failed())
            return r.error();
    }
    if (subject) {
        m.subject = readDescriptor(*subject, "subject", r);
        if (r.failed())
            return r.error();
    }
    const auto kind = mediaType == media_type::DockerManifest ? ManifestKind::DockerV2
                                                              : ManifestKind::OciManifest;
    return ParsedManifest(kind, mediaType, std::move(m));
}

Result<ParsedManifest> readIndex(const nlohmann::json &doc, const std::string &mediaType)
{
    JsonReader r(doc, "", kCode);
    ImageIndex index;
    const auto version = r.integer("schemaVersion", true);
    index.mediaType = r.string("mediaType");
    index.artifactType = r.string("artifactType");
    index.annotations = r.stringMap("annotations");
    const auto *manifests = r.array("manifests", true);
    const auto *subject = r.object("subject");
    if (r.failed())
        return r.error();
    if (*version != 2)
        return makeError(kCode, "schemaVersion: must be 2 for " + mediaType);
    index.manifests = readDescriptorArray(*manifests, "manifests", r);
    if (r.failed())
        return r.error();
    if (subject) {
        index.subject = readDescriptor(*subject, "subject", r);
        if (r.failed())
            return r.error();
    }
    const auto kind = mediaType == media_type::DockerManifestList ? ManifestKind::DockerManifestList
                                                                  : ManifestKind::OciIndex;
    return ParsedManifest(kind, mediaType, std::move(index));
}

Result<ParsedManifest> readSchema1(const nlohmann::json &doc, const std::string &mediaType)
{
    JsonReader r(doc, "", kCode);
    Schema1Manifest m;
    const auto version = r.integer("schemaVersion", true);
    m.name = r.string("name");
    m.tag = r.string("tag");
    m.architecture = r.string("architecture");
    const auto *layers = r.array("fsLayers", true);
    const auto *history = r.array("history");
    if (r.failed())
        return r.error();
    if (*version != 1)
        return makeError(kCode, "schemaVersion: must be 1 for " + mediaType);
    for (std::size_t i = 0; i < layers->size(); ++i) {
        const std::string path = "fsLayers[" + std::to_string(i) + "]";
        JsonReader lr((*layers)[i], path, kCode);
        const std::string sum = lr.string("blobSum", true);
        if (lr.failed())
            return lr.error();
        auto digest = Digest::parse(sum);
        if (!digest.ok())
            return makeError(kCode, path + ".blobSum: " + digest.error().message);
        m.fsLayers.push_back(digest.value());
    }
    if (history) {
        for (std::size_t i = 0; i < history->size(); ++i) {
            JsonReader hr((*history)[i], "history[" + std::to_string(i) + "]", kCode);
            m.v1Compatibility.push_back(hr.string("v1Compatibility"));
            if (hr.failed())
                return hr.error();
        }
    }
    return ParsedManifest(ManifestKind::DockerSchema1, mediaType, std::move(m));
}

} // namespace

ParsedManifest::ParsedManifest(ManifestKind kind, std::string mediaType, Content content)
    : m_kind(kind)
    , m_mediaType(std::move(mediaType))
    , m_content(std::move(content))
{
}

std::vector<Descriptor> ParsedManifest::references() const
{
    std::vector<Descriptor> out;
    if (const auto *m = image()) {
        out.push_back(m->config);
        out.insert(out.end(), m->layers.begin(), m->layers.end());
    } else if (const auto *i = index()) {
        out = i->manifests;
    } else if (const auto *s = schema1()) {
        for (const Digest &d : s->fsLayers) {
            Descriptor desc;
            desc.mediaType = std::string(media_type::DockerLayerGzip);
            desc.digest = d;
            desc.size = -1;
            out.push_back(std::move(desc));
        }
    }
    return out;
}

std::vector<Digest> ParsedManifest::referencedDigests() const
{
    std::vector<Digest> out;
    if (const auto *m = image()) {
        out.reserve(m->layers.size() + 1);
        out.push_back(m->config.digest);
        for (const Descriptor &d : m->layers)
            out.push_back(d.digest);
    } else if (const auto *i = index()) {
        out.reserve(i->manifests.size());
        for (const Descriptor &d : i->manifests)
            out.push_back(d.digest);
    } else if (const auto *s = schema1()) {
        out = s->fsLayers;
    }
    return out;
}

std::optional<Descriptor> ParsedManifest::subject() const
{
    if (const auto *m = image())
        return m->subject;
    if (const auto *i = index())
        return i->subject;
    return std::nullopt;
}

Result<ParsedManifest> parseManifest(std::string_view bytes, std::string_view contentType)
{
    if (bytes.size() > kMaxManifestBytes)
        return makeError(kCode, "manifest too large: " + std::to_string(bytes.size()) +
                                    " bytes, the limit is 4 MiB");
    auto doc = parseUntrustedJson(bytes, kCode);
    if (!doc.ok())
        return doc.error();
    if (!doc->is_object())
        return makeError(kCode, "a manifest must be a JSON object");

    JsonReader top(*doc, "", kCode);
    const std::string bodyType = top.string("mediaType");
    const std::string artifactType = top.string("artifactType");
    const auto version = top.integer("schemaVersion");
    if (top.failed())
        return top.error();
    if (hasControlCharacter(bodyType) || hasControlCharacter(artifactType))
        return makeError(kCode,
                         std::string(hasControlCharacter(bodyType) ? "mediaType" : "artifactType") +
                             ": contains a control character");

    const std::string headerType = media_type::normalizedContentType(contentType);
    std::string type;
    if (isKnown(headerType)) {
        if (!bodyType.empty() && !sameFamily(headerType, bodyType))
            return makeError(kCode, "Content-Type " + quoteForMessage(headerType) +
                                        " disagrees with the manifest's mediaType " +
                                        quoteForMessage(bodyType));
        type = headerType;
    } else if (!isGeneric(headerType) && !isKnown(bodyType)) {
        return makeError(kCode, "unsupported manifest media type " + quoteForMessage(headerType));
    } else if (isKnown(bodyType)) {
        type = bodyType;
    } else if (!bodyType.empty()) {
        return makeError(kCode, "unsupported manifest media type " + quoteForMessage(bodyType));
    } else if (version && *version == 1) {
        type = std::string(media_type::DockerSchema1);
    } else if (doc->contains("manifests")) {
        type = std::string(media_type::OciIndex);
    } else if (doc->contains("config")) {
        type = std::string(media_type::OciManifest);
    } else {
        return makeError(kCode, "not a manifest: no mediaType, config or manifests");
    }

    if (type == media_type::OciManifest || type == media_type::DockerManifest)
        return readImage(*doc, type);
    if (media_type::isIndexMediaType(type))
        return readIndex(*doc, type);
    return readSchema1(*doc, type);
}

} // namespace berth::oci
