// RepositoryModel and TagModel against a real docker-registry, checked by
// QAbstractItemModelTester on every change.
#include "support/await.h"
#include "ui_fixture.h"

#include "registry_session.h"
#include "repository_model.h"
#include "tag_filter_model.h"
#include "tag_model.h"
#include "transfer/copy_queue.h"
#include "transfer_list_model.h"

#include <QAbstractItemModelTester>

using namespace berth::ui;
using berth::test::pollUntil;

namespace {
berth::test::UiWorld *g_world = nullptr;
}

class UiModelsTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        g_world = new berth::test::UiWorld;
        QString error;
        if (!g_world->start(error)) {
            delete g_world;
            g_world = nullptr;
            FAIL() << error.toStdString();
        }
    }
    static void TearDownTestSuite()
    {
        delete g_world;
        g_world = nullptr;
    }
    void SetUp() override
    {
        ASSERT_NE(g_world, nullptr);
        session = std::make_unique<berth::client::RegistrySession>(
            berth::client::RegistryEndpoint::fromUserInput(g_world->registry.baseUrl()).value());
    }
    std::unique_ptr<berth::client::RegistrySession> session;
};

TEST_F(UiModelsTest, RepositoryTreeGroupsPathSegmentsAcrossPages)
{
    RepositoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPageSize(2); // 6 repositories: 3 pages, each inserted while the tree grows
    int pages = 0;
    QObject::connect(&model, &RepositoryModel::loadingChanged, &model,
                     [&](bool loading) { pages += loading ? 1 : 0; });
    model.setSession(session.get());
    // The tester itself may call fetchMore(); keep going until the catalog ends.
    while (true) {
        if (model.canFetchMore({}))
            model.fetchMore({});
        ASSERT_TRUE(pollUntil([&] { return !model.isLoading(); }));
        if (!model.canFetchMore({}))
            break;
    }
    EXPECT_GE(pages, 3);
    EXPECT_EQ(model.repositoryCount(), 6);
    QStringList top;
    for (int r = 0; r < model.rowCount(); ++r)
        top.append(model.index(r, 0).data(RepositoryModel::FullNameRole).toString().isEmpty()
                       ? model.index(r, 0).data(Qt::ToolTipRole).toString()
                       : model.index(r, 0).data(RepositoryModel::FullNameRole).toString());
    EXPECT_EQ(top, (QStringList{QStringLiteral("alpha"), QStringLiteral("app"),
                                QStringLiteral("team"), QStringLiteral("zeta")}));
    const QModelIndex team = model.indexForRepository(QStringLiteral("team"));
    EXPECT_FALSE(team.data(RepositoryModel::IsRepositoryRole).toBool());
    EXPECT_EQ(team.data(RepositoryModel::RepositoryCountRole).toInt(), 2);
    const QModelIndex replica = model.indexForRepository(QStringLiteral("team/db/replica"));
    ASSERT_TRUE(replica.isValid());
    EXPECT_TRUE(replica.data(RepositoryModel::IsRepositoryRole).toBool());
    EXPECT_EQ(replica.data(RepositoryModel::FullNameRole).toString(),
              QStringLiteral("team/db/replica"));
    EXPECT_EQ(replica.parent().parent(), team);

    // Catalog-less registries: repositories added by name, bad names refused.
    EXPECT_TRUE(model.addRepository(QStringLiteral("team/new")));
    EXPECT_FALSE(model.addRepository(QStringLiteral("../etc")));
    EXPECT_EQ(team.data(RepositoryModel::RepositoryCountRole).toInt(), 3);
}

TEST_F(UiModelsTest, TagModelListsDescribesAndSortsAcrossPages)
{
    TagModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    TagFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPageSize(2);
    model.setRepository(session.get(), QStringLiteral("app/web"));
    model.fetchAll();
    ASSERT_TRUE(pollUntil([&] { return model.isComplete() && model.describedCount() == 5; }));
    ASSERT_EQ(model.rowCount(), 5);

    const int v1 = model.rowOfTag(QStringLiteral("v1"));
    const int v2 = model.rowOfTag(QStringLiteral("v2"));
    const int latest = model.rowOfTag(QStringLiteral("latest"));
    ASSERT_GE(v1, 0);
    ASSERT_GE(latest, 0);
    EXPECT_EQ(model.index(v1, TagModel::SizeColumn).data(TagModel::SortRole).toLongLong(),
              g_world->older.size);
    EXPECT_EQ(model.index(v2, TagModel::SizeColumn).data(TagModel::SortRole).toLongLong(),
              g_world->newer.size);
    EXPECT_EQ(model.index(latest, TagModel::SizeColumn).data(TagModel::SortRole).toLongLong(),
              g_world->multi.uniqueSize);
    EXPECT_EQ(model.index(latest, TagModel::PlatformsColumn).data().toString(),
              QStringLiteral("linux/amd64, linux/arm64"));
    EXPECT_EQ(model.index(v1, 0).data(TagModel::DigestRole).toString(),
              g_world->older.manifestDigest);
    QStringList siblings = model.tagsSharingDigest(v1);
    siblings.sort();
    EXPECT_EQ(siblings, (QStringList{QStringLiteral("v1"), QStringLiteral("v1.10")}));

    // Natural order by tag, and by created date.
    proxy.sort(TagModel::TagColumn, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order.append(proxy.index(r, TagModel::TagColumn).data().toString());
    EXPECT_EQ(order,
              (QStringList{QStringLiteral("latest"), QStringLiteral("v1"), QStringLiteral("v1.9"),
                           QStringLiteral("v1.10"), QStringLiteral("v2")}));
    proxy.sort(TagModel::CreatedColumn, Qt::DescendingOrder);
    EXPECT_EQ(proxy.index(0, TagModel::TagColumn).data().toString(), QStringLiteral("v2"));
    QStringList oldest{proxy.index(3, TagModel::TagColumn).data().toString(),
                       proxy.index(4, TagModel::TagColumn).data().toString()};
    oldest.sort();
    EXPECT_EQ(oldest, (QStringList{QStringLiteral("v1"),
                                   QStringLiteral("v1.10")})); // same image, same date

    // Filters: substring and regex; an invalid regex matches nothing (never
    // the previous pattern's rows) and says why, until it is valid again.
    EXPECT_TRUE(proxy.setTagFilter(QStringLiteral("v1"), false));
    EXPECT_EQ(proxy.rowCount(), 3);
    EXPECT_TRUE(proxy.setTagFilter(QStringLiteral("^v[12]$"), true));
    EXPECT_EQ(proxy.rowCount(), 2);
    EXPECT_FALSE(proxy.setTagFilter(QStringLiteral("(["), true));
    EXPECT_EQ(proxy.rowCount(), 0);
    EXPECT_FALSE(proxy.filterError().isEmpty());
    EXPECT_TRUE(proxy.setTagFilter(QStringLiteral("^v[12]$"), true));
    EXPECT_EQ(proxy.rowCount(), 2);
    EXPECT_TRUE(proxy.filterError().isEmpty());
}

TEST(TagModelLarge, ThousandTagsFillProgressivelyInBatches)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir dir;
    berth::test::OciLayoutWriter layout(dir.path(), 2);
    const auto image =
        layout.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {100});
    layout.tag(QStringLiteral("x"), image.manifestDigest,
               QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    layout.save();
    ASSERT_TRUE(registry.push(dir.path(), QStringLiteral("x"), QStringLiteral("big/app:t0000")));
    QStringList extra;
    for (int i = 1; i < 1000; ++i)
        extra.append(QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0')));
    ASSERT_TRUE(registry.addTagsOnDisk(QStringLiteral("big/app"), QStringLiteral("t0000"), extra));

    berth::client::RegistrySession session(
        berth::client::RegistryEndpoint::fromUserInput(registry.baseUrl()).value());
    TagModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    int insertBatches = 0;
    int changeBatches = 0;
    int rowsAtFirstChange = -1;
    int describedAtFirstChange = -1;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model, [&] { ++insertBatches; });
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model, [&] {
        if (changeBatches++ == 0) {
            rowsAtFirstChange = model.rowCount();
            describedAtFirstChange = model.describedCount();
        }
    });
    model.setRepository(&session, QStringLiteral("big/app"));
    model.fetchAll();
    ASSERT_TRUE(
        pollUntil([&] { return model.isComplete() && model.describedCount() == 1000; }, 120000));
    EXPECT_EQ(model.rowCount(), 1000);
    EXPECT_LE(insertBatches, 2);             // one insert per page, not per tag
    EXPECT_EQ(rowsAtFirstChange, 1000);      // rows are there before details arrive
    EXPECT_LT(describedAtFirstChange, 1000); // details fill in progressively...
    EXPECT_LT(changeBatches, 1000 / 4);      // ...in batches, not one signal per tag
    EXPECT_EQ(model.index(999, TagModel::SizeColumn).data(TagModel::SortRole).toLongLong(),
              image.size);
}

// The Transfers list over a copy queue whose registries cannot be opened
// (no network needed): rows arrive, say why they failed, and go on
// request, under QAbstractItemModelTester.
TEST(TransferListModelTest, RowsFollowTheQueue)
{
    berth::transfer::CopyQueue queue(
        [](const QString &, QObject *, berth::client::SessionOpened done) {
            done(nullptr, QStringLiteral("That registry is no longer saved."));
        });
    TransferListModel model(&queue);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    berth::transfer::CopyTask task;
    task.sourceId = QStringLiteral("a");
    task.sourceName = QStringLiteral("Dev");
    task.targetId = QStringLiteral("b");
    task.targetName = QStringLiteral("Prod");
    task.request.fromRepository = QStringLiteral("team/app");
    task.request.tags = {QStringLiteral("1.0"), QStringLiteral("1.1"), QStringLiteral("1.2"),
                         QStringLiteral("1.3")};
    task.request.toRepository = QStringLiteral("app");
    queue.add(task);
    task.request.everyTag = true;
    task.request.pattern = berth::client::TagPattern(QStringLiteral("rc"), false);
    queue.add(task);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, TransferListModel::WhatColumn).data().toString(),
              QStringLiteral("Dev: team/app:1.0, 1.1 and 2 more"));
    EXPECT_EQ(model.index(1, TransferListModel::WhatColumn).data().toString(),
              QStringLiteral("Dev: team/app:every tag matching “rc”"));
    EXPECT_EQ(model.index(0, TransferListModel::ToColumn).data().toString(),
              QStringLiteral("Prod: app"));
    EXPECT_EQ(model.index(1, TransferListModel::StatusColumn).data().toString(),
              QStringLiteral("Failed: That registry is no longer saved."));
    EXPECT_EQ(model.index(1, 0).data(TransferListModel::StateRole).toInt(),
              static_cast<int>(berth::transfer::CopyTaskState::Failed));
    EXPECT_EQ(model.index(1, 0).data(TransferListModel::ProgressRole).toInt(), -1);
    queue.runAgain(0, true);
    EXPECT_TRUE(queue.at(0).task.request.overwrite);
    queue.removeFinished();
    EXPECT_EQ(model.rowCount(), 0);
}
