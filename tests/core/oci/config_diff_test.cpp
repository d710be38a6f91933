#include "oci/config_diff.h"

#include <gtest/gtest.h>

namespace berth::oci {
namespace {

std::string listed(const std::vector<ConfigChange> &changes)
{
    std::string out;
    for (const ConfigChange &c : changes)
        out += c.field + "[" + c.left + "|" + c.right + "] ";
    return out;
}

TEST(ConfigDiffTest, WhatAPersonChecksIsComparedSettingBySetting)
{
    ImageConfig a;
    a.os = "linux";
    a.architecture = "amd64";
    a.user = "app";
    a.cmd = {"nginx", "-g", "daemon off;"};
    a.env = {"PATH=/usr/bin", "MODE=prod", "OLD=1"};
    a.exposedPorts = {"80/tcp"};
    a.labels = {{"version", "1.0"}, {"team", "web"}};
    ImageConfig b = a;
    b.user = "root";
    b.env = {"PATH=/usr/bin", "MODE=debug", "NEW=2"};
    b.exposedPorts = {"80/tcp", "443/tcp"};
    b.labels = {{"version", "1.1"}, {"team", "web"}};
    b.history.resize(2);
    EXPECT_EQ(listed(diffConfigs(a, b)),
              "User[app|root] Env MODE[prod|debug] Env NEW[|2] Env OLD[1|] "
              "ExposedPort[|443/tcp] Label version[1.0|1.1] History[0 steps|2 steps] ");
    EXPECT_TRUE(diffConfigs(a, a).empty());
    b = a;
    b.cmd = {"nginx", "-g", "daemon on;"};
    EXPECT_EQ(listed(diffConfigs(a, b)), "Cmd[nginx -g \"daemon off;\"|nginx -g \"daemon on;\"] ");
}

} // namespace
} // namespace berth::oci
