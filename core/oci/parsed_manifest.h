#pragma once

#include "oci/image_index.h"
#include "oci/image_manifest.h"
#include "oci/result.h"
#include "oci/schema1_manifest.h"

#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace berth::oci {

enum class ManifestKind
{
    DockerV2,
    DockerManifestList,
    OciManifest,
    OciIndex,
    DockerSchema1
};

// A validated manifest of any supported kind.
class ParsedManifest
{
public:
    using Content = std::variant<ImageManifest, ImageIndex, Schema1Manifest>;

    ParsedManifest(ManifestKind kind, std::string mediaType, Content content);

    ManifestKind kind() const { return m_kind; }
    // The media type the manifest is served and stored with.
    std::string_view mediaType() const { return m_mediaType; }
    bool isIndex() const { return index() != nullptr; }

    const ImageManifest *image() const { return std::get_if<ImageManifest>(&m_content); }
    const ImageIndex *index() const { return std::get_if<ImageIndex>(&m_content); }
    const Schema1Manifest *schema1() const { return std::get_if<Schema1Manifest>(&m_content); }

    // What the manifest references (config + layers, or child manifests;
    // schema1 layers as descriptors without sizes). Not the subject.
    std::vector<Descriptor> references() const;
    // The same, digests only (cheap: what garbage collection needs).
    std::vector<Digest> referencedDigests() const;
    std::optional<Descriptor> subject() const;

private:
    ManifestKind m_kind;
    std::string m_mediaType;
    Content m_content;
};

// Parses and validates manifest bytes. `contentType` is the HTTP Content-Type
// (parameters allowed); empty or generic types defer to the body's mediaType,
// then to its shape. Errors: MANIFEST_INVALID with the offending field path.
// Bodies over 4 MiB are refused.
Result<ParsedManifest> parseManifest(std::string_view bytes, std::string_view contentType = {});

inline constexpr std::size_t kMaxManifestBytes = 4 * 1024 * 1024;

} // namespace berth::oci
