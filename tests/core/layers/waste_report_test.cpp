#include "layers/waste_report.h"

#include "support/layer_indexes.h"

#include <gtest/gtest.h>

namespace berth::layers {
namespace {

using test::file;
using test::folder;
using test::layer;
using test::special;

TEST(WasteReportTest, OverwrittenAndDeletedVersionsAreWasted)
{
    const std::vector<LayerIndex> layers = {
        layer({folder("var"), file("var/cache.tgz", 600), file("app/bin", 100),
               file("etc/conf", 10)}),
        layer({special("var/cache.tgz", EntryType::Whiteout), file("app/bin", 120, 2)}),
        layer({file("app/bin", 130, 3)}),
    };
    const auto pointers = test::pointers(layers);
    const MergedTree tree = MergedTree::build(pointers);
    const WasteReport report = WasteReport::of(pointers, tree);
    EXPECT_EQ(report.layerBytes, 600 + 100 + 10 + 120 + 130);
    EXPECT_EQ(report.visibleBytes, 130 + 10);
    EXPECT_EQ(report.wastedBytes, 600 + 100 + 120);
    EXPECT_NEAR(report.efficiency, 140.0 / 960.0, 1e-9);
    ASSERT_EQ(report.paths.size(), 2U);
    EXPECT_EQ(report.paths[0].path, "var/cache.tgz");
    EXPECT_EQ(report.paths[0].bytes, 600);
    EXPECT_EQ(report.paths[0].versions, 1);
    EXPECT_TRUE(report.paths[0].removed);
    EXPECT_EQ(report.paths[1].path, "app/bin");
    EXPECT_EQ(report.paths[1].bytes, 220);
    EXPECT_EQ(report.paths[1].versions, 3);
    EXPECT_FALSE(report.paths[1].removed);

    const WasteReport top = WasteReport::of(pointers, tree, 1);
    ASSERT_EQ(top.paths.size(), 1U);
    EXPECT_EQ(top.wastedBytes, report.wastedBytes);
}

TEST(WasteReportTest, TheSameContentsAtSeveralPathsAreListedApart)
{
    const std::vector<LayerIndex> layers = {
        layer({file("a/lib.so", 50, 7), file("b/lib.so", 50, 7), file("c/lib.so", 50, 7),
               file("other", 50, 8), file("empty1", 0), file("empty2", 0)}),
    };
    const auto pointers = test::pointers(layers);
    const MergedTree tree = MergedTree::build(pointers);
    const WasteReport report = WasteReport::of(pointers, tree);
    EXPECT_EQ(report.wastedBytes, 0);
    EXPECT_DOUBLE_EQ(report.efficiency, 1.0);
    ASSERT_EQ(report.duplicates.size(), 1U);
    EXPECT_EQ(report.duplicates[0].paths,
              (std::vector<std::string>{"a/lib.so", "b/lib.so", "c/lib.so"}));
    EXPECT_EQ(report.duplicates[0].bytes(), 100);
}

TEST(WasteReportTest, AnImageOfNoFilesIsFullyEfficient)
{
    const std::vector<LayerIndex> layers = {layer({folder("empty")})};
    const auto pointers = test::pointers(layers);
    const WasteReport report = WasteReport::of(pointers, MergedTree::build(pointers));
    EXPECT_DOUBLE_EQ(report.efficiency, 1.0);
    EXPECT_TRUE(report.paths.empty());
}

} // namespace
} // namespace berth::layers
