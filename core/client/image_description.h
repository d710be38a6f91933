#pragma once

#include "client/content_cache.h"

#include "oci/descriptor.h"

#include <QList>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace berth::client {

struct BlobRef
{
    oci::Digest digest;
    qint64 size = 0;
};

// One image of an index (a platform, or an attestation), or a single image.
struct PlatformImage
{
    oci::Descriptor descriptor; // as the index lists it
    std::shared_ptr<const CachedManifest> manifest;
    std::shared_ptr<const CachedConfig> config;
    qint64 size = -1; // config + layers, compressed; -1 unknown
    QString error;    // why this child could not be described
};

// What the tag table and the details pane show about one reference.
struct ImageDescription
{
    QString repository;
    QString reference; // tag, or digest string
    std::shared_ptr<const CachedManifest> manifest;
    std::shared_ptr<const CachedConfig> config; // single images only

    // Single image: config + layers. Index: every blob of every child, each
    // counted once (what pulling all platforms costs). -1 when unknown.
    qint64 size = -1;
    std::optional<std::chrono::sys_seconds> created; // index: newest platform
    QList<PlatformImage> platforms;                  // index only
    QList<PlatformImage> attestations;               // index only: SBOMs/provenance, not platforms
    std::vector<BlobRef> blobs; // unique blobs (config, layers, child manifests' blobs)

    bool isIndex() const { return manifest && manifest->parsed && manifest->parsed->isIndex(); }
    QStringList platformNames() const;
};

} // namespace berth::client
