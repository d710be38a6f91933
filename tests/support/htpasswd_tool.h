#pragma once

// A user file written by Apache's htpasswd (apache2-utils), as users make
// theirs: bcrypt at htpasswd's default cost unless `cost` is given.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace berth::test {

inline std::string makeHtpasswd(const std::filesystem::path &file, const char *user,
                                const char *password, int cost = 0, bool create = true)
{
    std::string command = "htpasswd -B -b ";
    if (cost > 0)
        command += "-C " + std::to_string(cost) + " ";
    if (create)
        command += "-c ";
    command += "'" + file.string() + "' '" + user + "' '" + password + "' 2>/dev/null";
    EXPECT_EQ(std::system(command.c_str()), 0) << "htpasswd (apache2-utils) missing?";
    return file.string();
}

} // namespace berth::test
