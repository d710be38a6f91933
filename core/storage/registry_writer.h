#pragma once

#include "storage/layout.h"
#include "storage/registry_store.h"

#include "oci/digest.h"
#include "oci/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace berth::storage {

// Write side of the registry:2 layout, for the built-in registry. Every
// write is crash-safe: content goes to a temporary file in the same
// filesystem, is fsynced, renamed into place, and the directory fsynced; a
// blob appears only after its digest is verified; a tag's current/link is
// written last. Errors use the distribution-spec codes where one fits.
class RegistryWriter
{
public:
    explicit RegistryWriter(std::filesystem::path root);
    const Layout &layout() const { return m_layout; }

    // Upload sessions: _uploads/<uuid>/{data,startedat}.
    Result<std::string> startUpload(std::string_view repository);
    Result<std::filesystem::path> uploadDataPath(std::string_view repository,
                                                 std::string_view uuid) const;
    Status cancelUpload(std::string_view repository, std::string_view uuid);
    // What a caller that hashed the upload while writing it knows: the
    // digest of the first `length` bytes it wrote.
    struct StreamedHash
    {
        oci::Digest digest;
        std::uint64_t length = 0;
    };
    // Verifies the upload's content against `expected`, moves it into blobs/
    // and links it into the repository. A `streamed` hash is trusted only
    // when the file holds exactly the bytes it covers (same algorithm, same
    // length); otherwise the file itself is hashed.
    Result<BlobEntry> commitUpload(std::string_view repository, std::string_view uuid,
                                   const oci::Digest &expected,
                                   const std::optional<StreamedHash> &streamed = std::nullopt);

    // Small content in one call (manifests, configs, tests).
    Result<BlobEntry> putBlob(std::string_view repository, std::string_view bytes,
                              const oci::Digest &expected);
    // Cross-repository mount: link an existing blob into `repository`.
    Status mountBlob(std::string_view repository, const oci::Digest &digest);
    // What a manifest about to be stored refers to is durable (another
    // push may have just placed it): a blob, its link in `repository`, or
    // (`manifest`) an index's child.
    Status makeReferenceDurable(std::string_view repository, const oci::Digest &digest,
                                bool manifest);

    // Stores the exact manifest bytes (digest verified), links the revision,
    // and with a tag, points the tag at it (index entry first, current last).
    Status putManifest(std::string_view repository, std::string_view bytes,
                       const oci::Digest &digest,
                       std::optional<std::string_view> tag = std::nullopt);
    Status tag(std::string_view repository, std::string_view tag, const oci::Digest &digest);
    Status deleteTag(std::string_view repository, std::string_view tag);
    // Removes the revision link and every tag that points at the manifest.
    Status deleteManifest(std::string_view repository, const oci::Digest &digest);
    Status deleteLayerLink(std::string_view repository, const oci::Digest &digest);
    Status removeRepository(std::string_view repository);

private:
    // Verified content into blobs/, without linking it anywhere.
    Result<BlobEntry> storeUpload(std::string_view repository, std::string_view uuid,
                                  const oci::Digest &expected,
                                  const std::optional<StreamedHash> &streamed = std::nullopt);
    Result<BlobEntry> storeBytes(std::string_view repository, std::string_view bytes,
                                 const oci::Digest &expected);
    Status placeBlob(const std::filesystem::path &source, const oci::Digest &digest);

    Layout m_layout;
    RegistryStore m_store;
};

} // namespace berth::storage
