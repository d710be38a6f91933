#include "local/config_root.h"

#include <gtest/gtest.h>

#include <string>

using berth::local::configuredRootDirectory;

TEST(ConfigRoot, ReadsTheRootOfARegistryConfig)
{
    const std::string config = R"(version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    # where the layers live
    rootdirectory: /var/lib/registry   # the default
  delete:
    enabled: true
http:
  addr: :5000
)";
    EXPECT_EQ(configuredRootDirectory(config, nullptr), "/var/lib/registry");
    // The environment wins, as in distribution.
    EXPECT_EQ(configuredRootDirectory(config, "/srv/other"), "/srv/other");
}

TEST(ConfigRoot, QuotesIndentationAndLineEndings)
{
    EXPECT_EQ(configuredRootDirectory("storage:\r\n    filesystem:\r\n        rootdirectory: "
                                      "'/data/my registry'\r\n",
                                      nullptr),
              "/data/my registry");
    EXPECT_EQ(
        configuredRootDirectory(
            "storage:\n filesystem:\n  rootdirectory: \"/a\"\n  rootdirectory: /b\n", nullptr),
        "/b");
}

TEST(ConfigRoot, OnlyStorageFilesystemRootdirectoryCounts)
{
    EXPECT_FALSE(configuredRootDirectory("rootdirectory: /x\n", nullptr));
    EXPECT_FALSE(
        configuredRootDirectory("other:\n  filesystem:\n    rootdirectory: /x\n", nullptr));
    EXPECT_FALSE(configuredRootDirectory(
        "storage:\n  filesystem:\n    inner:\n      rootdirectory: /x\n", nullptr));
    // A sibling key after the block closes it.
    EXPECT_FALSE(configuredRootDirectory("storage:\n  filesystem:\nrootdirectory: /x\n", nullptr));
}

TEST(ConfigRoot, HostileInputFindsNothing)
{
    EXPECT_FALSE(configuredRootDirectory("", nullptr));
    EXPECT_FALSE(configuredRootDirectory("storage: {filesystem: {rootdirectory: /x}}", nullptr));
    EXPECT_FALSE(
        configuredRootDirectory("storage:\n\tfilesystem:\n\t\trootdirectory: /x\n", nullptr));
    EXPECT_FALSE(configuredRootDirectory(
        "storage:\n  filesystem:\n    rootdirectory: '/unterminated\n", nullptr));
    EXPECT_FALSE(
        configuredRootDirectory("storage:\n  filesystem:\n    rootdirectory: *alias\n", nullptr));
    std::string binary(4096, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i)
        binary[i] = static_cast<char>(i * 131 % 256);
    EXPECT_FALSE(configuredRootDirectory(binary, nullptr));
    EXPECT_FALSE(configuredRootDirectory(std::string(2 * 1024 * 1024, ':'), nullptr));
    std::string deep;
    for (int i = 0; i < 1000; ++i)
        deep += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    EXPECT_FALSE(configuredRootDirectory(deep, nullptr));
}
