#include "layers/image_diff.h"

#include "support/layer_indexes.h"

#include <gtest/gtest.h>

namespace berth::layers {
namespace {

using test::file;
using test::folder;
using test::layer;
using test::special;

std::string listed(const ImageDiff &d)
{
    std::string out;
    for (const FileDiff &f : d.files) {
        out += (f.kind == DiffKind::Added ? "+" : f.kind == DiffKind::Removed ? "-" : "~") + f.path;
        if (f.kind == DiffKind::Changed)
            out += std::string("(") + (f.contents ? "c" : "") + (f.size ? "s" : "") +
                   (f.mode ? "m" : "") + (f.owner ? "o" : "") + (f.link ? "l" : "") +
                   (f.type ? "t" : "") + ")";
        out += " ";
    }
    return out;
}

MergedTree treeOf(const std::vector<LayerIndex> &layers)
{
    return MergedTree::build(test::pointers(layers));
}

TEST(ImageDiffTest, FilesAreAddedRemovedOrChangedWithAllInAFolderAdded)
{
    const std::vector<LayerIndex> left = {layer({
        folder("etc"),
        file("etc/a.conf", 10, 1),
        file("etc/same", 5, 3),
        folder("old"),
        file("old/x", 100),
        file("old/y", 200),
        special("lib", EntryType::Symlink, "usr/lib"),
        file("run.sh", 7, 4),
    })};
    std::vector<LayerIndex> right = {layer({
        folder("etc", 0700),
        file("etc/a.conf", 10, 2),
        file("etc/same", 5, 3),
        folder("new"),
        file("new/z", 30),
        special("lib", EntryType::Symlink, "usr/lib64"),
        file("run.sh", 7, 4),
    })};
    right[0].entries[6].mode = 0755;
    const ImageDiff d =
        ImageDiff::of({oci::Digest::sha256Of("base"), oci::Digest::sha256Of("l")}, treeOf(left),
                      {oci::Digest::sha256Of("base"), oci::Digest::sha256Of("r")}, treeOf(right));
    EXPECT_EQ(listed(d),
              "~etc(m) ~etc/a.conf(c) ~lib(l) +new +new/z -old -old/x -old/y ~run.sh(m) ");
    EXPECT_EQ(d.addedBytes, 30);
    EXPECT_EQ(d.removedBytes, 300);
    ASSERT_EQ(d.sharedLayers.size(), 1U);
    EXPECT_EQ(d.onlyLeft, std::vector<oci::Digest>{oci::Digest::sha256Of("l")});
    EXPECT_EQ(d.onlyRight, std::vector<oci::Digest>{oci::Digest::sha256Of("r")});
}

TEST(ImageDiffTest, AnImageAgainstItselfHasNoDifference)
{
    const std::vector<LayerIndex> layers = {layer({folder("a"), file("a/b", 3)})};
    const MergedTree tree = treeOf(layers);
    const ImageDiff d =
        ImageDiff::of({oci::Digest::sha256Of("x")}, tree, {oci::Digest::sha256Of("x")}, tree);
    EXPECT_TRUE(d.files.empty());
    EXPECT_TRUE(d.onlyLeft.empty() && d.onlyRight.empty());
}

} // namespace
} // namespace berth::layers
