#include "oci/media_types.h"

#include <algorithm>
#include <cctype>

namespace berth::oci::media_type {

std::string normalizedContentType(std::string_view contentType)
{
    std::string_view t = contentType.substr(0, contentType.find(';'));
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front())))
        t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back())))
        t.remove_suffix(1);
    std::string out(t);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

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
