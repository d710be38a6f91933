// The deletion planner and retention rules: shared digests, multi-arch
// images, undated tags, hostile patterns; and the online GC report parser.
#include "deletion_plan.h"
#include "online_gc_job.h"

#include <gtest/gtest.h>

#include <QSet>

using namespace berth;
using namespace berth::client;

namespace {

oci::Digest digestOf(const char *text)
{
    return oci::Digest::sha256Of(text);
}

std::chrono::sys_seconds day(int n)
{
    return std::chrono::sys_seconds(std::chrono::days(20000 + n));
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

// a,b share image A; c is B; d is C (an index of 3 platforms); e has no date.
QList<TagFacts> tags()
{
    return {{QStringLiteral("a"), digestOf("A"), day(10), 100, 0},
            {QStringLiteral("b"), digestOf("A"), day(10), 100, 0},
            {QStringLiteral("c"), digestOf("B"), day(5), 200, 0},
            {QStringLiteral("d"), digestOf("C"), day(1), 300, 3},
            {QStringLiteral("e"), digestOf("E"), std::nullopt, 50, 0}};
}

} // namespace

TEST(DeletionPlanTest, SharedDigestsBecomeTagOnlyAndWholeImagesGoTogether)
{
    const DeletionPlan plan =
        DeletionPlan::make(QStringLiteral("r"), tags(),
                           {QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d")});
    ASSERT_EQ(plan.images.size(), 2);
    EXPECT_EQ(plan.images[0].digest, digestOf("B"));
    EXPECT_EQ(plan.images[0].tags, QStringList{QStringLiteral("c")});
    EXPECT_EQ(plan.images[1].platforms, 3);
    ASSERT_EQ(plan.tagsOnly.size(), 1);
    EXPECT_EQ(plan.tagsOnly[0].tag, QStringLiteral("a"));
    EXPECT_EQ(plan.tagsOnly[0].keptSiblings, QStringList{QStringLiteral("b")});
    EXPECT_EQ(plan.kept, (QStringList{QStringLiteral("b"), QStringLiteral("e")}));
    EXPECT_EQ(plan.deletedTagCount(), 3);
    const QStringList lines = plan.describe();
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(lines[1].contains(QStringLiteral("3 platform manifest"))) << lines[1].toStdString();
    EXPECT_TRUE(lines[2].contains(QStringLiteral("stays for b"))) << lines[2].toStdString();

    // Both tags of A selected: the image goes, with both.
    const DeletionPlan both =
        DeletionPlan::make(QStringLiteral("r"), tags(), {QStringLiteral("a"), QStringLiteral("b")});
    ASSERT_EQ(both.images.size(), 1);
    EXPECT_EQ(both.images[0].tags, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_TRUE(both.tagsOnly.isEmpty());
    // Names that are not tags of the repository select nothing.
    EXPECT_TRUE(DeletionPlan::make(QStringLiteral("r"), tags(), {QStringLiteral("zz")}).isEmpty());
}

// docker manifest create's layout: v1 is an index over A and B, and the arch
// tags v1-amd64 / v1-arm64 point at A and B. Deleting the arch tags must not
// delete A or B while v1 stays; deleting v1 with them deletes everything.
TEST(DeletionPlanTest, PlatformsOfAKeptIndexLoseOnlyTheirTags)
{
    const QList<TagFacts> facts{
        {QStringLiteral("v1"), digestOf("I"), day(3), 300, 2, {digestOf("A"), digestOf("B")}},
        {QStringLiteral("v1-amd64"), digestOf("A"), day(3), 100, 0},
        {QStringLiteral("v1-arm64"), digestOf("B"), day(3), 100, 0},
        {QStringLiteral("old"), digestOf("C"), day(1), 100, 0}};
    const DeletionPlan arch = DeletionPlan::make(
        QStringLiteral("r"), facts,
        {QStringLiteral("v1-amd64"), QStringLiteral("v1-arm64"), QStringLiteral("old")});
    ASSERT_EQ(arch.images.size(), 1);
    EXPECT_EQ(arch.images[0].digest, digestOf("C"));
    ASSERT_EQ(arch.tagsOnly.size(), 2);
    EXPECT_EQ(arch.tagsOnly[0].tag, QStringLiteral("v1-amd64"));
    EXPECT_TRUE(arch.tagsOnly[0].keptSiblings.isEmpty());
    EXPECT_EQ(arch.tagsOnly[0].keptBy, QStringList{QStringLiteral("v1")});
    EXPECT_EQ(arch.deletedTagCount(), 3);
    EXPECT_EQ(arch.indexChildren.at(digestOf("I")).size(), 2);
    const QStringList lines = arch.describe();
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(lines[1].contains(QStringLiteral("stays, listed by multi-arch v1")))
        << lines[1].toStdString();

    // The index goes too: nothing keeps A and B any more.
    const DeletionPlan all = DeletionPlan::make(
        QStringLiteral("r"), facts,
        {QStringLiteral("v1"), QStringLiteral("v1-amd64"), QStringLiteral("v1-arm64")});
    EXPECT_EQ(all.images.size(), 3);
    EXPECT_TRUE(all.tagsOnly.isEmpty());

    // Nested: a kept outer index keeps the inner index, which keeps A.
    const QList<TagFacts> nested{
        {QStringLiteral("outer"), digestOf("O"), day(3), 1, 1, {digestOf("I")}},
        {QStringLiteral("inner"), digestOf("I"), day(3), 1, 1, {digestOf("A")}},
        {QStringLiteral("a"), digestOf("A"), day(3), 1, 0}};
    const DeletionPlan deep = DeletionPlan::make(QStringLiteral("r"), nested,
                                                 {QStringLiteral("inner"), QStringLiteral("a")});
    EXPECT_TRUE(deep.images.isEmpty());
    ASSERT_EQ(deep.tagsOnly.size(), 2);
    EXPECT_EQ(deep.tagsOnly[1].keptBy, QStringList{QStringLiteral("inner")});
}

TEST(RetentionRuleTest, KeepNewestMatchingAndAgeCombineAndUndatedTagsStay)
{
    const auto now = day(12);
    RetentionRule keep2;
    keep2.keepNewest = 2;
    QStringList undated;
    // Newest first: a, b (day 10, by name), c, d; e undated.
    EXPECT_EQ(sorted(keep2.select(tags(), now, &undated)),
              (QStringList{QStringLiteral("c"), QStringLiteral("d")}));
    EXPECT_EQ(undated, QStringList{QStringLiteral("e")});

    RetentionRule matching;
    matching.matching = QStringLiteral("[a-c]");
    EXPECT_EQ(sorted(matching.select(tags(), now)),
              (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    matching.keepNewest = 1; // the newest of the matching ones stays
    EXPECT_EQ(sorted(matching.select(tags(), now)),
              (QStringList{QStringLiteral("b"), QStringLiteral("c")}));

    RetentionRule old;
    old.olderThanDays = 6; // before day 6: c (day 5) and d (day 1)
    undated.clear();
    EXPECT_EQ(sorted(old.select(tags(), now, &undated)),
              (QStringList{QStringLiteral("c"), QStringLiteral("d")}));
    EXPECT_EQ(undated, QStringList{QStringLiteral("e")});

    // The pattern is anchored: "a" does not match "ab".
    RetentionRule anchored;
    anchored.matching = QStringLiteral("a");
    EXPECT_EQ(sorted(anchored.select(tags(), now)), QStringList{QStringLiteral("a")});
}

TEST(RetentionRuleTest, UnusableRulesSelectNothingAndSayWhy)
{
    const auto now = day(12);
    RetentionRule none;
    EXPECT_FALSE(none.problem().isEmpty());
    EXPECT_TRUE(none.select(tags(), now).isEmpty());
    for (const char *bad : {"(", "[a-", "a{2,1}", "(?<n>x)(?<n>y)"}) {
        RetentionRule r;
        r.matching = QString::fromLatin1(bad);
        EXPECT_FALSE(r.problem().isEmpty()) << bad;
        EXPECT_TRUE(r.select(tags(), now).isEmpty()) << bad;
    }
    RetentionRule negative;
    negative.keepNewest = -1;
    EXPECT_FALSE(negative.problem().isEmpty());
}

TEST(OnlineGcReportTest, ParsesTheReportAndRefusesWhatIsNotOne)
{
    const auto report = OnlineGcReport::parse(
        R"({"dryRun":false,"blobsMarked":3,"blobsEligible":[{"digest":"sha256:aa","bytes":5}],
            "manifestsEligible":[{"repository":"r","digest":"sha256:bb"}],"uploadsEligible":[],
            "repositoriesToPrune":["empty"],"bytesToReclaim":5,"recentBlobsKept":2,"diskAvailableBefore":100,"diskAvailableAfter":105,
            "problems":[{"path":"x","message":"unreadable"}]})");
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->dryRun);
    EXPECT_EQ(report->blobs, QStringList{QStringLiteral("sha256:aa")});
    EXPECT_EQ(report->manifests, QStringList{QStringLiteral("r@sha256:bb")});
    EXPECT_EQ(report->bytes, 5);
    EXPECT_EQ(report->recentBlobsKept, 2);
    EXPECT_EQ(report->diskAvailableBefore, 100);
    EXPECT_EQ(report->diskAvailableAfter, 105);
    EXPECT_EQ(report->problems, QStringList{QStringLiteral("x: unreadable")});
    for (const char *bad : {"", "[]", "{", "\"text\"", "<html>"})
        EXPECT_FALSE(OnlineGcReport::parse(bad).ok()) << bad;
    // Wrong types inside are read as absent, never trusted.
    const auto odd = OnlineGcReport::parse(R"({"blobsEligible":"x","bytesToReclaim":"many"})");
    ASSERT_TRUE(odd.ok());
    EXPECT_TRUE(odd->blobs.isEmpty());
    EXPECT_EQ(odd->bytes, 0);
    EXPECT_EQ(odd->diskAvailableBefore, -1); // absent: unknown, not zero
}
