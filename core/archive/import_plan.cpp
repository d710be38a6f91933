#include "archive/import_plan.h"

#include "archive/layout_json.h"

#include "oci/name_rules.h"
#include "oci/parsed_manifest.h"

#include <algorithm>
#include <set>

namespace berth::archive {

namespace {

constexpr int kMaxDepth = 8; // indexes of indexes, no deeper

Error invalid(const std::string &message)
{
    return makeError("ARCHIVE_INVALID", message);
}

// cosign's "sha256-<hex>.sig" and the OCI fallback "sha256-<hex>": only
// ever a valid tag (the name goes into a URL).
bool isReferrerTag(const std::string &name)
{
    return name.rfind("sha256-", 0) == 0 && oci::validateTag(name).ok();
}

class Planner
{
public:
    Planner(const LayoutContents &contents, ImportPlan &plan)
        : m_contents(contents)
        , m_plan(plan)
    {
    }

    // `d` and everything it names, children before it.
    Status add(const oci::Descriptor &d, const std::string &tag, int depth)
    {
        if (m_manifests.count(d.digest))
            return Ok{};
        if (depth > kMaxDepth)
            return invalid("manifest " + d.digest.toString() + " nests indexes too deep");
        const auto document = m_contents.documents.find(d.digest);
        if (document == m_contents.documents.end())
            return invalid("it does not hold manifest " + d.digest.toString() +
                           (depth == 0 ? std::string(", which index.json names")
                                       : std::string(", which an index lists")));
        auto parsed = oci::parseManifest(document->second, d.mediaType);
        if (!parsed.ok())
            return invalid(blobPath(d.digest) + ": " + parsed.error().message);
        if (parsed->schema1())
            return invalid(blobPath(d.digest) + " is a schema 1 manifest, which registries no "
                                                "longer take");
        m_manifests.insert(d.digest);
        for (const oci::Descriptor &child : parsed->references()) {
            if (parsed->isIndex()) {
                if (Status added = add(child, {}, depth + 1); !added.ok())
                    return added;
            } else if (Status blob = addBlob(child, d.digest); !blob.ok()) {
                return blob;
            }
        }
        m_plan.manifests.push_back(ImportPlan::Manifest{d.digest, std::string(parsed->mediaType()),
                                                        document->second, tag});
        return Ok{};
    }

    bool has(const oci::Digest &digest) const { return m_manifests.count(digest) > 0; }

private:
    Status addBlob(const oci::Descriptor &blob, const oci::Digest &manifest)
    {
        if (!blob.urls.empty() || m_blobs.count(blob.digest))
            return Ok{}; // a foreign layer is fetched from its URLs, by whoever pulls
        const auto held = m_contents.blobs.find(blob.digest);
        if (held == m_contents.blobs.end())
            return invalid(
                (m_contents.links.count(blobPath(blob.digest))
                     ? blobPath(blob.digest) + " is a link, not a file; manifest "
                     : "it does not hold " + blobPath(blob.digest) + ", which manifest ") +
                manifest.toString() + " names");
        if (held->second != blob.size)
            return invalid(blobPath(blob.digest) + " holds " + std::to_string(held->second) +
                           " bytes; manifest " + manifest.toString() + " says " +
                           std::to_string(blob.size));
        m_blobs.insert(blob.digest);
        m_plan.blobs.push_back(ImportPlan::Blob{blob.digest, blob.size, blobPath(blob.digest)});
        return Ok{};
    }

    const LayoutContents &m_contents;
    ImportPlan &m_plan;
    std::set<oci::Digest> m_manifests;
    std::set<oci::Digest> m_blobs;
};

// The index.json entry `ref` names, or the only image there is.
Result<const LayoutImage *> choose(const LayoutContents &contents, std::string_view ref)
{
    std::vector<const LayoutImage *> named;
    for (const LayoutImage &image : contents.images) {
        if (!ref.empty() && (image.refName == ref || image.imageName == ref))
            return &image;
        if ((!image.refName.empty() && !isReferrerTag(image.refName)) || !image.imageName.empty())
            named.push_back(&image);
    }
    if (!ref.empty())
        return makeError("NOT_FOUND", "it holds no image named " + std::string(ref));
    if (named.size() == 1)
        return named.front();
    if (named.empty() && contents.images.size() == 1)
        return &contents.images.front();
    if (named.empty())
        return invalid("it names no image in index.json");
    std::string names;
    for (const LayoutImage *image : named)
        names += (names.empty() ? "" : ", ") +
                 (image->refName.empty() ? image->imageName : image->refName);
    return makeError("AMBIGUOUS", "it holds several images (" + names + "): name one");
}

} // namespace

std::int64_t ImportPlan::blobBytes() const
{
    std::int64_t total = 0;
    for (const Blob &blob : blobs)
        total += blob.size;
    return total;
}

Result<ImportPlan> planImport(const LayoutContents &contents, std::string_view ref)
{
    if (!contents.hasIndex)
        return planDockerArchiveImport(contents, ref);
    auto chosen = choose(contents, ref);
    if (!chosen.ok())
        return chosen.error();
    const LayoutImage &image = **chosen;
    ImportPlan plan;
    plan.image = image.manifest.digest;
    plan.refName = image.refName;
    plan.imageName = image.imageName;
    Planner planner(contents, plan);
    if (Status added = planner.add(image.manifest, {}, 0); !added.ok())
        return added.error();
    // Its referrers: entries whose manifest has a subject among the ones
    // pushed (an SBOM, a signature), and cosign's tags for them. Each
    // document is looked at once, however often index.json names it.
    std::set<oci::Digest> looked;
    for (const LayoutImage &other : contents.images) {
        if (&other == &image || planner.has(other.manifest.digest) ||
            !looked.insert(other.manifest.digest).second)
            continue;
        const auto document = contents.documents.find(other.manifest.digest);
        if (document == contents.documents.end())
            continue;
        auto parsed = oci::parseManifest(document->second, other.manifest.mediaType);
        const auto subject = parsed.ok() ? parsed->subject() : std::nullopt;
        const bool refers = subject && planner.has(subject->digest);
        const bool cosign = isReferrerTag(other.refName) &&
                            other.refName.find(image.manifest.digest.hex()) != std::string::npos;
        if (!refers && !cosign)
            continue;
        if (Status added = planner.add(
                other.manifest, isReferrerTag(other.refName) ? other.refName : std::string(), 1);
            !added.ok())
            return added.error();
        ++plan.referrers;
    }
    return plan;
}

} // namespace berth::archive
