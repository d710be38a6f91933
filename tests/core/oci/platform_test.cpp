#include "oci/platform.h"

#include <gtest/gtest.h>

using berth::oci::Platform;

namespace {

Platform platform(const char *os, const char *arch, const char *variant = "")
{
    Platform p;
    p.os = os;
    p.architecture = arch;
    p.variant = variant;
    return p;
}

} // namespace

TEST(Platform, NamesItsParts)
{
    EXPECT_EQ(platform("linux", "arm64", "v8").toString(), "linux/arm64/v8");
    EXPECT_EQ(platform("linux", "amd64").toString(), "linux/amd64");
    EXPECT_EQ(Platform{}.toString(), "?/?");
}

TEST(Platform, HostIsKnown)
{
    const Platform host = berth::oci::hostPlatform();
    EXPECT_FALSE(host.os.empty());
    EXPECT_NE(host.architecture, "unknown");
}

TEST(Platform, RunsOnMatchesOsArchitectureAndVariant)
{
    using berth::oci::runsOn;
    EXPECT_TRUE(runsOn(platform("linux", "amd64"), platform("linux", "amd64")));
    EXPECT_FALSE(runsOn(platform("windows", "amd64"), platform("linux", "amd64")));
    EXPECT_FALSE(runsOn(platform("linux", "arm64"), platform("linux", "amd64")));
    // arm64 without a variant is v8.
    EXPECT_TRUE(runsOn(platform("linux", "arm64"), platform("linux", "arm64", "v8")));
    EXPECT_TRUE(runsOn(platform("linux", "arm", "v7"), platform("linux", "arm")));
    EXPECT_FALSE(runsOn(platform("linux", "arm", "v6"), platform("linux", "arm", "v7")));
}

TEST(Platform, PreferredIsTheHostsElseTheFirstKnown)
{
    using berth::oci::preferredPlatform;
    const Platform host = platform("linux", "arm64", "v8");
    EXPECT_EQ(preferredPlatform({}, host), -1);
    EXPECT_EQ(preferredPlatform({platform("linux", "amd64"), platform("linux", "arm64")}, host), 1);
    EXPECT_EQ(preferredPlatform({platform("unknown", "unknown"), platform("linux", "s390x")}, host),
              1);
    EXPECT_EQ(preferredPlatform({platform("unknown", "unknown")}, host), 0);
}

TEST(Platform, ParsesDockersPlatformFlag)
{
    const auto arm = berth::oci::parsePlatform("linux/arm64/v8");
    ASSERT_TRUE(arm);
    EXPECT_EQ(arm->os, "linux");
    EXPECT_EQ(arm->architecture, "arm64");
    EXPECT_EQ(arm->variant, "v8");
    ASSERT_TRUE(berth::oci::parsePlatform("linux/amd64"));
    EXPECT_TRUE(berth::oci::parsePlatform("linux/amd64")->variant.empty());
    for (const char *bad : {"", "linux", "linux/", "/amd64", "linux/amd64/v8/x", "Linux/amd64",
                            "linux/amd 64", "linux//v8", "linux/amd64/"})
        EXPECT_FALSE(berth::oci::parsePlatform(bad)) << bad;
}
