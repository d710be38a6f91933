#pragma once

#include <string>
#include <string_view>

namespace berth::oci::media_type {

inline constexpr std::string_view OciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view OciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view OciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view OciLayerTar = "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr std::string_view OciEmpty = "application/vnd.oci.empty.v1+json";
inline constexpr std::string_view DockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view DockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view DockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view DockerLayerGzip =
    "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view DockerForeignLayerGzip =
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
inline constexpr std::string_view DockerSchema1 =
    "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr std::string_view DockerSchema1Signed =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

// Image manifests (not indexes), including schema1.
bool isManifestMediaType(std::string_view mediaType);
// A Content-Type header as a bare media type: parameters dropped, blanks
// trimmed, lower case ("Application/JSON; charset=utf-8" → "application/json").
std::string normalizedContentType(std::string_view contentType);
// OCI index and Docker manifest list.
bool isIndexMediaType(std::string_view mediaType);
// The Accept value for manifest GET/HEAD: every type Berth understands.
std::string_view manifestAcceptHeader();

} // namespace berth::oci::media_type
