#include "layers/merged_tree.h"

#include "support/layer_indexes.h"

#include <gtest/gtest.h>

namespace berth::layers {
namespace {

using test::file;
using test::folder;
using test::layer;
using test::special;

std::vector<std::string> pathsOf(const MergedTree &tree)
{
    std::vector<std::string> paths;
    for (const MergedEntry &e : tree.entries())
        paths.push_back(e.entry.path);
    return paths;
}

std::string changesOf(const std::vector<LayerChange> &changes)
{
    std::string out;
    for (const LayerChange &c : changes)
        out += (c.kind == ChangeKind::Added      ? "+"
                : c.kind == ChangeKind::Modified ? "~"
                                                 : "-") +
               c.path + "(" + std::to_string(c.bytes) + ") ";
    return out;
}

TEST(MergedTreeTest, LaterLayersOverwriteAndWhiteoutsDelete)
{
    const std::vector<LayerIndex> layers = {
        layer({folder("etc"), file("etc/a", 10), file("etc/b", 20), folder("usr"),
               folder("usr/bin"), file("usr/bin/x", 30), folder("srv"), file("srv/old", 5)}),
        layer({folder("etc"), special("etc/a", EntryType::Whiteout), file("etc/b", 25, 2),
               file("etc/c", 1)}),
        layer({special("usr", EntryType::Whiteout), special("srv", EntryType::OpaqueWhiteout),
               folder("srv"), file("srv/new", 7)}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    EXPECT_EQ(pathsOf(tree), (std::vector<std::string>{"etc", "etc/b", "etc/c", "srv", "srv/new"}));
    EXPECT_EQ(tree.find("etc/b")->layer, 1);
    EXPECT_EQ(tree.find("etc/b")->entry.size, 25);
    EXPECT_EQ(tree.find("srv/new")->layer, 2);
    EXPECT_EQ(tree.fileBytes(), 25 + 1 + 7);

    ASSERT_EQ(tree.changes().size(), 3U);
    EXPECT_EQ(changesOf(tree.changes()[0]),
              "+etc(0) +etc/a(10) +etc/b(20) +usr(0) +usr/bin(0) +usr/bin/x(30) +srv(0) "
              "+srv/old(5) ");
    EXPECT_EQ(changesOf(tree.changes()[1]), "-etc/a(10) ~etc/b(25) +etc/c(1) ");
    EXPECT_EQ(changesOf(tree.changes()[2]), "-usr(30) -srv/old(5) +srv/new(7) ");

    std::int64_t superseded = 0;
    for (const Superseded &s : tree.superseded())
        superseded += s.bytes;
    EXPECT_EQ(superseded, 10 + 20 + 30 + 5);
}

TEST(MergedTreeTest, AWhiteoutHidesOnlyWhatIsBelowItsLayer)
{
    const std::vector<LayerIndex> layers = {
        layer({file("a", 1), folder("d"), file("d/x", 1)}),
        // The tar lists the new entries first: order within a layer does not matter.
        layer({file("a", 2, 9), file("d/y", 3), special("a", EntryType::Whiteout),
               special("d", EntryType::OpaqueWhiteout)}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    EXPECT_EQ(pathsOf(tree), (std::vector<std::string>{"a", "d", "d/y"}));
    EXPECT_EQ(tree.find("a")->entry.size, 2);
    EXPECT_EQ(tree.find("d")->layer, 0);
}

TEST(MergedTreeTest, FoldersNoTarListedAreMadeAndAFileReplacesAFolderWhole)
{
    const std::vector<LayerIndex> layers = {
        layer({file("a/b/c", 4)}),
        layer({file("a/b", 6)}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    EXPECT_EQ(pathsOf(tree), (std::vector<std::string>{"a", "a/b"}));
    EXPECT_TRUE(tree.find("a")->implicit);
    EXPECT_EQ(tree.find("a/b")->entry.type, EntryType::File);
    EXPECT_EQ(changesOf(tree.changes()[1]), "~a/b(6) ");
}

TEST(MergedTreeTest, AHardLinkHasItsTargetsSizeAndContents)
{
    const std::vector<LayerIndex> layers = {
        layer({file("bin/busybox", 900), special("bin/sh", EntryType::Hardlink, "bin/busybox")}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    EXPECT_EQ(tree.find("bin/sh")->entry.size, 900);
    EXPECT_EQ(tree.find("bin/sh")->entry.content, tree.find("bin/busybox")->entry.content);
    EXPECT_EQ(tree.fileBytes(), 900); // counted once
}

TEST(MergedTreeTest, ARewriteWithNoChangeIsNoChangeButItsBytesAreSuperseded)
{
    const std::vector<LayerIndex> layers = {
        layer({folder("etc"), file("etc/big", 100)}),
        layer({folder("etc"), file("etc/big", 100)}),
        layer({folder("etc", 0700)}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    EXPECT_EQ(changesOf(tree.changes()[1]), "");
    EXPECT_EQ(changesOf(tree.changes()[2]), "~etc(0) ");
    ASSERT_EQ(tree.superseded().size(), 1U);
    EXPECT_EQ(tree.superseded()[0].layer, 0);
    EXPECT_EQ(tree.superseded()[0].by, 1);
}

TEST(MergedTreeTest, ParentsChildrenAndSizesUnderAFolder)
{
    const std::vector<LayerIndex> layers = {
        layer({folder("a"), file("a/x", 3), folder("a-b"), file("a-b/y", 4), folder("a/c"),
               file("a/c/z", 5), file("top", 1)}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    const int a = tree.indexOf("a");
    ASSERT_GE(a, 0);
    std::vector<std::string> children;
    for (const int child : tree.childrenOf(a))
        children.push_back(tree.entries()[static_cast<std::size_t>(child)].entry.path);
    EXPECT_EQ(children, (std::vector<std::string>{"a/c", "a/x"}));
    EXPECT_EQ(tree.childrenOf(-1).size(), 3U);
    EXPECT_EQ(tree.bytesUnder(a), 8);
    EXPECT_EQ(tree.bytesUnder(-1), 13);
    EXPECT_EQ(tree.parentIndex(tree.indexOf("a/c/z")), tree.indexOf("a/c"));
    EXPECT_EQ(tree.parentIndex(a), -1);
    EXPECT_EQ(tree.indexOf("nothing"), -1);
}

TEST(MergedTreeTest, NamesThatSortBetweenAFolderAndItsContentsDoNotStopARemoval)
{
    // "foo.so" and "foo-x" sort between "foo" and "foo/a" (byte order).
    const std::vector<LayerIndex> layers = {
        layer({folder("lib"), folder("lib/foo"), file("lib/foo.so", 1), file("lib/foo-x", 2),
               file("lib/foo/a", 3), folder("srv"), file("srv.bak", 4), folder("srv/x"),
               file("srv/x/y", 5), folder("opt"), folder("opt/d"), file("opt/d.txt", 6),
               file("opt/d/z", 7)}),
        layer({special("lib/foo", EntryType::Whiteout), special("srv", EntryType::OpaqueWhiteout),
               file("opt/d", 8)}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    EXPECT_EQ(pathsOf(tree), (std::vector<std::string>{"lib", "lib/foo-x", "lib/foo.so", "opt",
                                                       "opt/d", "opt/d.txt", "srv", "srv.bak"}));
    EXPECT_EQ(tree.find("opt/d")->entry.type, EntryType::File);
    for (std::size_t i = 0; i < tree.entries().size(); ++i)
        EXPECT_TRUE(tree.entries()[i].entry.path.find('/') == std::string::npos ||
                    tree.parentIndex(static_cast<int>(i)) >= 0)
            << tree.entries()[i].entry.path << " lost its folder";
}

TEST(MergedTreeTest, LinksAreFollowedInsideTheImageAsAContainerWould)
{
    const std::vector<LayerIndex> layers = {
        layer({folder("usr"), folder("usr/bin"), file("usr/bin/busybox", 900),
               special("usr/bin/sh", EntryType::Symlink, "busybox"),
               special("bin", EntryType::Symlink, "usr/bin"),
               special("abs", EntryType::Symlink, "/usr/bin/sh"),
               special("up", EntryType::Symlink, "../../../usr"),
               special("loop1", EntryType::Symlink, "loop2"),
               special("loop2", EntryType::Symlink, "loop1"),
               special("dangling", EntryType::Symlink, "nowhere")}),
    };
    const MergedTree tree = MergedTree::build(test::pointers(layers));
    const MergedEntry *busybox = tree.find("usr/bin/busybox");
    EXPECT_EQ(tree.resolve("bin/sh"), busybox);
    EXPECT_EQ(tree.resolve("/abs"), busybox);
    EXPECT_EQ(tree.resolve("up/bin/./sh"), busybox) << "a link never climbs above the root";
    EXPECT_EQ(tree.resolve("usr/bin/../bin/busybox"), busybox);
    EXPECT_EQ(tree.resolve("loop1"), nullptr);
    EXPECT_EQ(tree.resolve("dangling"), nullptr);
    EXPECT_EQ(tree.resolve("usr/nothing"), nullptr);
}

} // namespace
} // namespace berth::layers
