#include "server/manifest_endpoints.h"

#include "server/api_responses.h"
#include "server/manifest_put_exchange.h"
#include "server/registry_context.h"

#include "oci/media_types.h"
#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"
#include "oci/referrers_index.h"
#include "storage/file_io.h"

#include <nlohmann/json.hpp>

namespace berth::server {

namespace fs = std::filesystem;

namespace {

// The manifest field of references()[i], for messages.
std::string fieldOf(const oci::ParsedManifest &manifest, std::size_t i)
{
    if (manifest.isIndex())
        return "manifests[" + std::to_string(i) + "]";
    return i == 0 ? std::string("config") : "layers[" + std::to_string(i - 1) + "]";
}

// What Content-Type a manifest PUT may carry: none, application/json (the
// old clients' default, as distribution accepts it) or a manifest type.
bool acceptableContentType(const std::string &header)
{
    const std::string t = oci::media_type::normalizedContentType(header);
    return t.empty() || t == "application/json" || oci::media_type::isManifestMediaType(t) ||
           oci::media_type::isIndexMediaType(t);
}

} // namespace

ManifestEndpoints::ManifestEndpoints(RegistryContext &context)
    : m_context(context)
    , m_pullClock(context.store.layout())
{
}

HttpResponse ManifestEndpoints::get(const std::string &name, const std::string &reference) const
{
    const storage::Layout &layout = m_context.store.layout();
    std::optional<oci::Digest> digest;
    if (reference.find(':') != std::string::npos) {
        auto parsed = oci::Digest::parse(reference);
        if (!parsed.ok())
            return errorResponse(parsed.error());
        auto link = layout.revisionLinkPath(name, *parsed);
        std::error_code ec;
        if (!link.ok() || !fs::exists(*link, ec))
            return apiError(404, "MANIFEST_UNKNOWN", "manifest unknown");
        digest = *parsed;
    } else {
        // No manifest can be known by a name that is no valid tag: 404, as
        // distribution answers and the conformance suite expects.
        if (auto v = oci::validateTag(reference); !v.ok())
            return apiError(404, "MANIFEST_UNKNOWN", "manifest unknown: " + v.error().message);
        auto current = layout.tagCurrentLinkPath(name, reference);
        auto target =
            current.ok() ? storage::readLink(*current) : Result<oci::Digest>(current.error());
        if (!target.ok())
            return apiError(404, "MANIFEST_UNKNOWN", "manifest unknown");
        digest = *target;
    }
    auto bytes = m_context.store.readBlob(*digest, m_context.options.maxManifestBytes);
    if (!bytes.ok())
        return apiError(404, "MANIFEST_UNKNOWN", "manifest unknown");
    m_pullClock.record(name, *digest);
    auto parsed = oci::parseManifest(*bytes);
    HttpResponse r;
    r.status = 200;
    r.addHeader("Content-Type", parsed.ok() ? std::string(parsed->mediaType())
                                            : std::string(oci::media_type::OciManifest));
    r.addHeader("Docker-Content-Digest", digest->toString());
    r.addHeader("ETag", "\"" + digest->toString() + "\"");
    r.body = std::move(bytes.value());
    return r;
}

std::unique_ptr<ApiExchange> ManifestEndpoints::startPut(const HttpRequest &request,
                                                         const std::string &name,
                                                         const std::string &reference)
{
    return std::make_unique<ManifestPutExchange>(*this, request, name, reference,
                                                 m_context.options.maxManifestBytes);
}

HttpResponse ManifestEndpoints::put(const HttpRequest &request, const std::string &name,
                                    const std::string &reference, const std::string &body)
{
    const std::string contentType = request.header("content-type").value_or("");
    if (!acceptableContentType(contentType))
        return apiError(400, "MANIFEST_INVALID",
                        "Content-Type '" + contentType.substr(0, 100) +
                            "' is not a manifest media type (send the manifest's mediaType)");
    auto parsed = oci::parseManifest(body, contentType);
    if (!parsed.ok())
        return apiError(400, "MANIFEST_INVALID", parsed.error().message);
    const oci::Digest digest = oci::Digest::sha256Of(body);
    std::optional<std::string_view> tag;
    if (reference.find(':') != std::string::npos) {
        auto asked = oci::Digest::parse(reference);
        if (!asked.ok())
            return errorResponse(asked.error());
        if (*asked != digest)
            return apiError(400, "DIGEST_INVALID",
                            "manifest content does not match the digest in the URL");
    } else {
        if (auto v = oci::validateTag(reference); !v.ok())
            return errorResponse(v.error());
        tag = reference;
    }
    std::shared_lock gate(m_context.gcGate);
    // Everything the manifest references must be there, with the size the
    // manifest gives it (a client trusts that size when it pulls).
    const std::vector<oci::Descriptor> references = parsed->references();
    for (std::size_t i = 0; i < references.size(); ++i) {
        const oci::Descriptor &d = references[i];
        if (!d.urls.empty())
            continue; // foreign layer, stored elsewhere
        const auto stored = m_context.store.blobSize(d.digest);
        if (stored && d.size >= 0 && *stored != static_cast<std::uintmax_t>(d.size))
            return apiError(400, "MANIFEST_INVALID",
                            fieldOf(*parsed, i) + ".size is " + std::to_string(d.size) + ", but " +
                                d.digest.toString() + " has " + std::to_string(*stored) + " bytes");
        if (parsed->isIndex()) {
            auto link = m_context.store.layout().revisionLinkPath(name, d.digest);
            std::error_code ec;
            if (!link.ok() || !fs::exists(*link, ec))
                return apiError(400, "MANIFEST_BLOB_UNKNOWN",
                                "index references unknown manifest " + d.digest.toString());
        } else if (!stored) {
            return apiError(400, "MANIFEST_BLOB_UNKNOWN",
                            "manifest references unknown blob " + d.digest.toString());
        } else if (!m_context.blobLinked(name, d.digest)) {
            (void)m_context.writer.mountBlob(name, d.digest);
        }
        // Durable before the manifest that needs it is: another push may
        // have placed it a moment ago and not synced it yet.
        if (auto s = m_context.writer.makeReferenceDurable(name, d.digest, parsed->isIndex());
            !s.ok())
            return errorResponse(s.error());
    }
    if (auto s = m_context.writer.putManifest(name, body, digest, tag); !s.ok())
        return errorResponse(s.error());
    HttpResponse r = emptyResponse(201);
    r.addHeader("Location", "/v2/" + name + "/manifests/" + digest.toString());
    r.addHeader("Docker-Content-Digest", digest.toString());
    if (const auto subject = parsed->subject())
        r.addHeader("OCI-Subject", subject->digest.toString());
    return r;
}

HttpResponse ManifestEndpoints::remove(const std::string &name, const std::string &reference)
{
    if (!m_context.options.deleteEnabled)
        return deletesDisabled();
    std::shared_lock gate(m_context.gcGate);
    if (reference.find(':') == std::string::npos) {
        if (auto v = oci::validateTag(reference); !v.ok())
            return errorResponse(v.error());
        if (auto s = m_context.writer.deleteTag(name, reference); !s.ok())
            return errorResponse(s.error());
        return emptyResponse(202);
    }
    auto digest = oci::Digest::parse(reference);
    if (!digest.ok())
        return errorResponse(digest.error());
    if (auto s = m_context.writer.deleteManifest(name, *digest); !s.ok())
        return errorResponse(s.error());
    return emptyResponse(202);
}

HttpResponse ManifestEndpoints::referrers(const HttpRequest &request, const std::string &name,
                                          const std::string &digestText) const
{
    auto subject = oci::Digest::parse(digestText);
    if (!subject.ok())
        return errorResponse(subject.error());
    const auto artifactType = request.queryValue("artifactType");
    std::vector<oci::Descriptor> manifests;
    for (const oci::Digest &r : m_context.store.revisions(name)) {
        auto bytes = m_context.store.readBlob(r, m_context.options.maxManifestBytes);
        if (!bytes.ok())
            continue;
        auto parsed = oci::parseManifest(*bytes);
        if (!parsed.ok() || !parsed->subject() || parsed->subject()->digest != *subject)
            continue;
        oci::Descriptor d =
            oci::referrerDescriptor(*parsed, r, static_cast<std::int64_t>(bytes->size()));
        if (artifactType && d.artifactType != *artifactType)
            continue;
        manifests.push_back(std::move(d));
    }
    HttpResponse out;
    out.status = 200;
    out.body = oci::referrersIndexJson(manifests);
    out.addHeader("Content-Type", std::string(oci::media_type::OciIndex));
    if (artifactType)
        out.addHeader("OCI-Filters-Applied", "artifactType");
    return out;
}

} // namespace berth::server
