#include "oci/image_config.h"
#include "oci/timestamp.h"

#include <gtest/gtest.h>

using namespace berth::oci;

TEST(ImageConfig, ParsesWhatBerthShows)
{
    const auto c = parseImageConfig(R"({
      "architecture":"arm64","os":"linux","variant":"v8","created":"2024-03-05T06:07:08.123456789Z",
      "config":{"Env":["PATH=/usr/bin","A=b"],"Cmd":["nginx","-g","daemon off;"],"Entrypoint":null,
                "WorkingDir":"/srv","User":"101","Labels":{"maintainer":"x"},"ExposedPorts":{"80/tcp":{},"443/tcp":{}},
                "Volumes":{"/data":{}}},
      "rootfs":{"type":"layers","diff_ids":["sha256:aa","sha256:bb"]},
      "history":[{"created_by":"ADD file","created":"2024-01-01T00:00:00Z"},
                 {"created_by":"ENV A=b","empty_layer":true},
                 {"created_by":"RUN make","comment":"buildkit"}]})");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->architecture, "arm64");
    EXPECT_EQ(c->variant, "v8");
    ASSERT_TRUE(c->created);
    EXPECT_EQ(formatRfc3339(*c->created), "2024-03-05T06:07:08Z");
    EXPECT_EQ(c->cmd.size(), 3u);
    EXPECT_TRUE(c->entrypoint.empty());
    EXPECT_EQ(c->labels.at("maintainer"), "x");
    EXPECT_EQ(c->exposedPorts, (std::vector<std::string>{"443/tcp", "80/tcp"}));
    EXPECT_EQ(c->history.size(), 3u);
    EXPECT_TRUE(c->history[1].emptyLayer);
    const auto index = layerHistoryIndex(*c, 2);
    ASSERT_EQ(index.size(), 2u);
    EXPECT_EQ(*index[0], 0u);
    EXPECT_EQ(*index[1], 2u);
    EXPECT_FALSE(layerHistoryIndex(*c, 3)[2].has_value());
}

TEST(ImageConfig, LenientAboutMissingStrictAboutTypes)
{
    EXPECT_TRUE(parseImageConfig("{}").ok());
    const auto badDate = parseImageConfig(R"({"created":"yesterday"})");
    ASSERT_TRUE(badDate.ok());
    EXPECT_FALSE(badDate->created);
    EXPECT_EQ(badDate->createdText, "yesterday");

    const auto wrong = parseImageConfig(R"({"config":{"Env":"PATH=/bin"}})");
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message.find("config.Env"), std::string::npos) << wrong.error().message;
    for (const char *bad :
         {"", "[]", "{", R"({"history":{}})", R"({"history":[{"empty_layer":"yes"}]})",
          R"({"config":{"Labels":{"a":1}}})"}) {
        EXPECT_FALSE(parseImageConfig(bad).ok()) << bad;
    }
    EXPECT_FALSE(parseImageConfig(std::string(5000, '{')).ok());
}

TEST(Timestamp, Rfc3339)
{
    EXPECT_EQ(formatRfc3339(*parseRfc3339("2024-01-02T03:04:05Z")), "2024-01-02T03:04:05Z");
    EXPECT_EQ(formatRfc3339(*parseRfc3339("2024-01-02T03:04:05.999999999Z")),
              "2024-01-02T03:04:05Z");
    EXPECT_EQ(formatRfc3339(*parseRfc3339("2024-01-02T05:04:05+02:00")), "2024-01-02T03:04:05Z");
    EXPECT_EQ(formatRfc3339(*parseRfc3339("2024-01-01T23:30:00-01:00")), "2024-01-02T00:30:00Z");
    EXPECT_EQ(formatRfc3339(*parseRfc3339("2024-02-29t00:00:00z")), "2024-02-29T00:00:00Z");
    for (const char *bad :
         {"", "2024-01-02", "2024-01-02T03:04:05", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
          "2024-01-02T24:00:00Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+2:00",
          "2024-01-02T03:04:05Zjunk", "abcd-ef-ghTij:kl:mnZ"}) {
        const auto t = parseRfc3339(bad);
        EXPECT_FALSE(t.ok()) << bad;
    }
}
