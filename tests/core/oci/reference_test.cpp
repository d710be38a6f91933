#include "oci/reference.h"

#include <gtest/gtest.h>

#include <string>

using berth::oci::Reference;

TEST(Reference, DockerHubNormalisation)
{
    auto r = Reference::parse("ubuntu");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->registry(), "docker.io");
    EXPECT_EQ(r->repository(), "library/ubuntu");
    EXPECT_FALSE(r->tag());
    EXPECT_EQ(r->toString(), "docker.io/library/ubuntu");
    EXPECT_EQ(r->familiarString(), "ubuntu");
    EXPECT_EQ(Reference::parse("bitnami/redis:7.2")->toString(), "docker.io/bitnami/redis:7.2");
    EXPECT_EQ(Reference::parse("index.docker.io/library/alpine:3")->familiarString(), "alpine:3");
}

TEST(Reference, RegistriesPortsTagsAndDigests)
{
    const std::string digest = "sha256:" + std::string(64, 'a');
    auto r = Reference::parse("localhost:5000/team/app:v1.2@" + digest);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->registry(), "localhost:5000");
    EXPECT_EQ(r->repository(), "team/app");
    EXPECT_EQ(*r->tag(), "v1.2");
    EXPECT_EQ(r->digest()->toString(), digest);
    EXPECT_EQ(r->toString(), "localhost:5000/team/app:v1.2@" + digest);
    EXPECT_EQ(Reference::parse("registry.example.com/app")->registry(), "registry.example.com");
    EXPECT_EQ(Reference::parse("localhost/app")->registry(), "localhost");
    EXPECT_EQ(Reference::parse("[::1]:5000/app:x")->registry(), "[::1]:5000");
    // A first component without '.', ':' or "localhost" is a Hub namespace.
    EXPECT_EQ(Reference::parse("team/app")->registry(), "docker.io");
}

TEST(Reference, RejectsHostileReferences)
{
    for (const char *bad :
         {"", ":", "@", "app:", "app@sha256:zz", "UPPER", "app/../x", "host:port/app",
          "reg.example.com:99999/app", "-bad.example.com/app", "app:.tag", "a b", "app:tag@",
          "reg.example.com/", "reg.example.com//app"}) {
        EXPECT_FALSE(Reference::parse(bad).ok()) << bad;
    }
    EXPECT_FALSE(Reference::parse(std::string(1000, 'a')).ok());
    const auto r = Reference::parse("app:bad tag");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "TAG_INVALID");
}
