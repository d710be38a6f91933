// The Files tab's model over a merged tree: QAbstractItemModelTester on
// it and on its filter; folders sized by what is under them; a name
// filter keeps the folders that lead to a match; a layer filter keeps
// what that layer wrote.
#include "ui/file_filter_model.h"
#include "ui/file_tree_model.h"

#include "support/layer_indexes.h"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

namespace berth::ui {
namespace {

using layers::test::file;
using layers::test::folder;
using layers::test::layer;

std::shared_ptr<const layers::MergedTree> sampleTree()
{
    const std::vector<layers::LayerIndex> layers = {
        layer({folder("etc"), file("etc/passwd", 100), folder("usr"), folder("usr/bin"),
               file("usr/bin/tool", 5000), file("usr/bin/other", 10)}),
        layer({folder("etc"), file("etc/nginx.conf", 40), folder("var"), file("var/log", 7)}),
    };
    return std::make_shared<const layers::MergedTree>(
        layers::MergedTree::build(layers::test::pointers(layers)));
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent,
                       const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, FileTreeModel::NameColumn, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

TEST(FileTreeModelTest, TheTreeIsShownAsItIsWithFolderSizes)
{
    FileTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTree(sampleTree());
    ASSERT_EQ(model.rowCount(), 3); // etc, usr, var
    const QModelIndex usr = childNamed(model, {}, QStringLiteral("usr"));
    ASSERT_TRUE(usr.isValid());
    EXPECT_EQ(usr.siblingAtColumn(FileTreeModel::SizeColumn).data(FileTreeModel::SortRole),
              QVariant(qlonglong{5010}));
    const QModelIndex bin = childNamed(model, usr, QStringLiteral("bin"));
    ASSERT_EQ(model.rowCount(bin), 2);
    EXPECT_EQ(model.parent(bin), usr);
    const QModelIndex nginx = childNamed(model, childNamed(model, {}, QStringLiteral("etc")),
                                         QStringLiteral("nginx.conf"));
    EXPECT_EQ(nginx.siblingAtColumn(FileTreeModel::LayerColumn).data().toInt(), 2);
    EXPECT_EQ(nginx.siblingAtColumn(FileTreeModel::ModeColumn).data().toString(),
              QStringLiteral("----------"));
    const QModelIndex etc = childNamed(model, {}, QStringLiteral("etc"));
    const auto sizeOf = [](const QModelIndex &i) {
        return i.siblingAtColumn(FileTreeModel::SizeColumn).data(FileTreeModel::SortRole);
    };
    EXPECT_EQ(sizeOf(etc), QVariant(qlonglong{140}));
    model.setSizesOfLayer(1); // what the second layer wrote under etc
    EXPECT_EQ(sizeOf(etc), QVariant(qlonglong{40}));
    model.setSizesOfLayer(-1);
    EXPECT_EQ(sizeOf(etc), QVariant(qlonglong{140}));
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(FileTreeModelTest, FiltersKeepTheFoldersThatLeadToAMatch)
{
    FileTreeModel model;
    FileFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTree(sampleTree());
    filter.setNameFilter(QStringLiteral("TOOL"));
    ASSERT_EQ(filter.rowCount(), 1);
    const QModelIndex usr = filter.index(0, 0);
    EXPECT_EQ(usr.data().toString(), QStringLiteral("usr"));
    const QModelIndex bin = filter.index(0, 0, usr);
    ASSERT_EQ(filter.rowCount(bin), 1);
    EXPECT_EQ(filter.index(0, 0, bin).data().toString(), QStringLiteral("tool"));

    filter.setNameFilter({});
    filter.setLayer(1); // what the second layer wrote
    QStringList top;
    for (int row = 0; row < filter.rowCount(); ++row)
        top << filter.index(row, 0).data().toString();
    EXPECT_EQ(top, (QStringList{QStringLiteral("etc"), QStringLiteral("var")}));
    const QModelIndex etc = filter.index(0, 0);
    ASSERT_EQ(filter.rowCount(etc), 1);
    EXPECT_EQ(filter.index(0, 0, etc).data().toString(), QStringLiteral("nginx.conf"));

    filter.setLayer(-1);
    filter.sort(FileTreeModel::SizeColumn, Qt::DescendingOrder);
    EXPECT_EQ(filter.index(0, 0).data().toString(), QStringLiteral("usr"));
}

} // namespace
} // namespace berth::ui
