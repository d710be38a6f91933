#pragma once

#include <string>
#include <string_view>

namespace berth::server {

// Which endpoint a request path names, by the distribution spec's grammar:
// the endpoint is read from the END of the path (its fixed tail segments),
// and everything before it is the repository name. A name may itself hold
// components such as "manifests", "blobs" or "tags" (they match the name
// grammar), so `/v2/a/manifests/b/blobs/<digest>` is a blob of "a/manifests/b".
// The name is not validated here.
struct ApiRoute
{
    enum class Kind
    {
        NotFound,
        Ping,                  // /v2/
        Catalog,               // /v2/_catalog
        TagsList,              // /v2/<name>/tags/list
        Manifest,              // /v2/<name>/manifests/<reference>
        Blob,                  // /v2/<name>/blobs/<digest>
        UploadStart,           // /v2/<name>/blobs/uploads/
        Upload,                // /v2/<name>/blobs/uploads/<uuid>
        Referrers,             // /v2/<name>/referrers/<digest>
        AdminGarbageCollect,   // /berth/v1/garbage-collect
        AdminRemoveRepository, // /berth/v1/repositories/<name>
        CacheListing,          // /berth/v1/cache
        CacheRepository,       // /berth/v1/cache/<name>
    };

    Kind kind = Kind::NotFound;
    std::string name; // repository
    std::string tail; // reference, digest or upload id

    static ApiRoute parse(std::string_view path);
};

} // namespace berth::server
