// The router reads the endpoint from the end of the path, by the spec's
// grammar: repository names may hold "manifests", "blobs", "uploads",
// "tags", "list" or "referrers" components.
#include "server/api_route.h"

#include <gtest/gtest.h>

using berth::server::ApiRoute;
using Kind = ApiRoute::Kind;

namespace {

struct Case
{
    const char *path;
    Kind kind;
    const char *name;
    const char *tail;
};

} // namespace

TEST(ApiRoute, ReadsTheEndpointFromTheEndOfThePath)
{
    const Case cases[] = {
        {"/v2/", Kind::Ping, "", ""},
        {"/v2", Kind::Ping, "", ""},
        {"/v2/_catalog", Kind::Catalog, "", ""},
        {"/v2/app/tags/list", Kind::TagsList, "app", ""},
        {"/v2/app/manifests/v1", Kind::Manifest, "app", "v1"},
        {"/v2/app/blobs/sha256:ab", Kind::Blob, "app", "sha256:ab"},
        {"/v2/app/blobs/uploads/", Kind::UploadStart, "app", ""},
        {"/v2/app/blobs/uploads/u-1", Kind::Upload, "app", "u-1"},
        {"/v2/app/referrers/sha256:ab", Kind::Referrers, "app", "sha256:ab"},
        // Names with endpoint words as components, for every endpoint.
        {"/v2/a/manifests/b/blobs/sha256:ab", Kind::Blob, "a/manifests/b", "sha256:ab"},
        {"/v2/a/manifests/b/manifests/latest", Kind::Manifest, "a/manifests/b", "latest"},
        {"/v2/a/manifests/b/blobs/uploads/", Kind::UploadStart, "a/manifests/b", ""},
        {"/v2/a/manifests/b/blobs/uploads/u", Kind::Upload, "a/manifests/b", "u"},
        {"/v2/a/manifests/b/tags/list", Kind::TagsList, "a/manifests/b", ""},
        {"/v2/a/manifests/b/referrers/sha256:ab", Kind::Referrers, "a/manifests/b", "sha256:ab"},
        {"/v2/x/blobs/y/manifests/v1", Kind::Manifest, "x/blobs/y", "v1"},
        {"/v2/x/blobs/y/blobs/sha256:ab", Kind::Blob, "x/blobs/y", "sha256:ab"},
        {"/v2/x/blobs/uploads/blobs/uploads/", Kind::UploadStart, "x/blobs/uploads", ""},
        {"/v2/x/blobs/uploads/manifests/v1", Kind::Manifest, "x/blobs/uploads", "v1"},
        {"/v2/tags/list/z/tags/list", Kind::TagsList, "tags/list/z", ""},
        {"/v2/tags/list/z/manifests/v1", Kind::Manifest, "tags/list/z", "v1"},
        {"/v2/tags/list/z/blobs/uploads/u", Kind::Upload, "tags/list/z", "u"},
        {"/v2/referrers/r/referrers/sha256:ab", Kind::Referrers, "referrers/r", "sha256:ab"},
        {"/berth/v1/garbage-collect", Kind::AdminGarbageCollect, "", ""},
        {"/berth/v1/repositories/team/app", Kind::AdminRemoveRepository, "team/app", ""},
        {"/berth/v1/cache", Kind::CacheListing, "", ""},
        {"/berth/v1/cache/team/app", Kind::CacheRepository, "team/app", ""},
    };
    for (const Case &c : cases) {
        const ApiRoute route = ApiRoute::parse(c.path);
        EXPECT_EQ(route.kind, c.kind) << c.path;
        EXPECT_EQ(route.name, c.name) << c.path;
        EXPECT_EQ(route.tail, c.tail) << c.path;
    }
}

TEST(ApiRoute, WhatNamesNoEndpointIsNotFound)
{
    for (const char *path :
         {"/", "/v1/app/manifests/v1", "/v2/app", "/v2/app/manifests/", "/v2/app/blobs/",
          "/v2/manifests/v1", "/v2/blobs/uploads/", "/v2/blobs/uploads/u", "/v2//manifests/v1",
          "/v2/app/unknown/x", "/v2/tags/list", "/berth/v1/repositories/", "/v2/app/referrers/",
          "/berth/v1/cache/", "/berth/v1/caches"}) {
        EXPECT_EQ(ApiRoute::parse(path).kind, Kind::NotFound) << path;
    }
}
