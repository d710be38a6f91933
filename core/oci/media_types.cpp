#include "oci/media_types.h"

namespace berth::oci::media_type {

bool isManifestMediaType(std::string_view t)
{
    return t == OciManifest || t == DockerManifest || t == DockerSchema1 ||
           t == DockerSchema1Signed;
}

bool isIndexMediaType(std::string_view t)
{
    return t == OciIndex || t == DockerManifestList;
}

std::string_view manifestAcceptHeader()
{
    return "application/vnd.oci.image.index.v1+json, "
           "application/vnd.oci.image.manifest.v1+json, "
           "application/vnd.docker.distribution.manifest.list.v2+json, "
           "application/vnd.docker.distribution.manifest.v2+json, "
           "application/vnd.docker.distribution.manifest.v1+prettyjws, "
           "application/vnd.docker.distribution.manifest.v1+json";
}

} // namespace berth::oci::media_type
