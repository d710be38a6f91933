#include "oci/name_rules.h"

#include <gtest/gtest.h>

#include <string>

using berth::oci::validateRepositoryName;
using berth::oci::validateTag;

TEST(NameRules, AcceptsDistributionSpecNames)
{
    for (const char *name : {"a", "library/ubuntu", "team/app/api", "a.b", "a_b", "a__b", "a-b",
                             "a---b", "x0/y1/z2", "registry.example.com/app"}) {
        EXPECT_TRUE(validateRepositoryName(name).ok()) << name;
    }
    EXPECT_TRUE(validateRepositoryName(std::string(255, 'a')).ok());
}

TEST(NameRules, RejectsHostileNames)
{
    const char *const bad[] = {"",      "/",    "a/",  "/a",       "a//b",   "..",    "a/../b",
                               "a/./b", ".",    "A",   "Team/app", "a..b",   "a___b", "a.-b",
                               "-a",    "a-",   "_a",  "a_",       "%2e%2e", "a%2fb", "a b",
                               "a\nb",  "a\\b", "a:b", "a@b",      "ü",      "a/b/"};
    for (const char *name : bad) {
        const auto r = validateRepositoryName(name);
        EXPECT_FALSE(r.ok()) << name;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, "NAME_INVALID");
        }
    }
    EXPECT_FALSE(validateRepositoryName(std::string(256, 'a')).ok());
    EXPECT_FALSE(validateRepositoryName(std::string("a\0b", 3)).ok());
    const auto huge = validateRepositoryName(std::string(100000, 'A'));
    ASSERT_FALSE(huge.ok());
    EXPECT_LT(huge.error().message.size(), 300u);
}

TEST(NameRules, Tags)
{
    for (const char *tag : {"latest", "v1.2.3", "1.0-rc1", "_x", "A_b.c-D", "sha256-abc"})
        EXPECT_TRUE(validateTag(tag).ok()) << tag;
    EXPECT_TRUE(validateTag(std::string(128, 'a')).ok());
    for (const char *tag : {"", ".hidden", "-x", "a/b", "a:b", "a b", "a\n", "ü", "a@b"}) {
        const auto r = validateTag(tag);
        EXPECT_FALSE(r.ok()) << tag;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, "TAG_INVALID");
        }
    }
    EXPECT_FALSE(validateTag(std::string(129, 'a')).ok());
    EXPECT_FALSE(validateTag(std::string("a\0", 2)).ok());
}
