#include "layers/entry_path.h"

#include <gtest/gtest.h>

namespace berth::layers {
namespace {

TEST(EntryPathTest, TypedPathsBecomePlainAndFoldersKnowWhatIsUnderThem)
{
    EXPECT_EQ(plainFromTyped("/etc/nginx/"), "etc/nginx");
    EXPECT_EQ(plainFromTyped("./etc//x"), "etc/x");
    EXPECT_EQ(plainFromTyped("../../usr/../etc"), "etc");
    EXPECT_EQ(plainFromTyped("/"), "");
    EXPECT_EQ(plainFromTyped("."), "");
    EXPECT_TRUE(isPlainPath("etc/nginx.conf"));
    for (const char *bad : {"", "/etc", "etc/", "etc//x", "./etc", "etc/../x"})
        EXPECT_FALSE(isPlainPath(bad)) << bad;
    EXPECT_EQ(pathUnder("etc/nginx/a", "etc"), std::optional<std::string_view>("nginx/a"));
    EXPECT_EQ(pathUnder("etc", ""), std::optional<std::string_view>("etc"));
    EXPECT_FALSE(pathUnder("etc", "etc"));
    EXPECT_FALSE(pathUnder("etc.d/x", "etc"));
    EXPECT_FALSE(pathUnder("etcetera", "etc"));
}

} // namespace
} // namespace berth::layers
