#include "layers/line_diff.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace berth::layers {
namespace {

// "=a -b +c ~d/e": the rows as one string, for short expectations.
std::string shown(const LineDiff &d, const std::vector<std::string_view> &left,
                  const std::vector<std::string_view> &right)
{
    std::string out;
    for (const DiffRow &r : d.rows) {
        if (!out.empty())
            out += ' ';
        switch (r.kind) {
        case RowKind::Same:
            out += "=" + std::string(left[static_cast<std::size_t>(r.left)]);
            break;
        case RowKind::Removed:
            out += "-" + std::string(left[static_cast<std::size_t>(r.left)]);
            break;
        case RowKind::Added:
            out += "+" + std::string(right[static_cast<std::size_t>(r.right)]);
            break;
        case RowKind::Changed:
            out += "~" + std::string(left[static_cast<std::size_t>(r.left)]) + "/" +
                   std::string(right[static_cast<std::size_t>(r.right)]);
            break;
        }
    }
    return out;
}

std::string diffOf(std::string_view a, std::string_view b)
{
    const auto left = splitLines(a);
    const auto right = splitLines(b);
    return shown(LineDiff::of(left, right), left, right);
}

// The longest common subsequence's length, by the textbook table.
std::size_t lcs(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b)
{
    std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
    return t[0][0];
}

TEST(LineDiff, SplitsLinesLikeAnEditorCountsThem)
{
    EXPECT_TRUE(splitLines("").empty());
    EXPECT_EQ(splitLines("a"), (std::vector<std::string_view>{"a"}));
    EXPECT_EQ(splitLines("a\n"), (std::vector<std::string_view>{"a"}));
    EXPECT_EQ(splitLines("a\n\nb\r\n"), (std::vector<std::string_view>{"a", "", "b\r"}));
}

TEST(LineDiff, PairsAChangedLineBesideItsReplacement)
{
    EXPECT_EQ(diffOf("a\nb\nc\n", "a\nB\nc\n"), "=a ~b/B =c");
    EXPECT_EQ(diffOf("a\nc\n", "a\nb\nc\n"), "=a +b =c");
    EXPECT_EQ(diffOf("a\nb\nc\n", "a\nc\n"), "=a -b =c");
    EXPECT_EQ(diffOf("", "x\ny\n"), "+x +y");
    EXPECT_EQ(diffOf("x\ny\n", ""), "-x -y");
    EXPECT_EQ(diffOf("same\n", "same\n"), "=same");
    // Two removed beside one added: the first pair changes, one is removed.
    EXPECT_EQ(diffOf("k\nb1\nb2\nk2\n", "k\nB\nk2\n"), "=k ~b1/B -b2 =k2");
}

TEST(LineDiff, FindsTheShortestScriptInTheMiddle)
{
    // A line moved: kept where most lines stay, not everything replaced.
    EXPECT_EQ(diffOf("1\n2\n3\n4\n5\n", "2\n3\n4\n5\n1\n"), "-1 =2 =3 =4 =5 +1");
    const LineDiff d = LineDiff::of(splitLines("a\nb\nc\nd\n"), splitLines("a\nx\nc\ny\n"));
    EXPECT_EQ(d.removed, 2U);
    EXPECT_EQ(d.added, 2U);
    EXPECT_TRUE(d.aligned);
}

TEST(LineDiff, KeepsEveryLineOnceAndIsMinimalOnRandomTexts)
{
    std::mt19937 random(20261207); // fixed: a failure replays
    const std::vector<std::string_view> alphabet = {"a", "b", "c", "d", ""};
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string_view> left(random() % 14);
        std::vector<std::string_view> right(random() % 14);
        for (auto &line : left)
            line = alphabet[random() % alphabet.size()];
        for (auto &line : right)
            line = alphabet[random() % alphabet.size()];
        const LineDiff d = LineDiff::of(left, right);
        std::int32_t nextLeft = 0;
        std::int32_t nextRight = 0;
        std::size_t same = 0;
        for (const DiffRow &r : d.rows) {
            if (r.left >= 0) {
                ASSERT_EQ(r.left, nextLeft++) << "round " << round;
            }
            if (r.right >= 0) {
                ASSERT_EQ(r.right, nextRight++) << "round " << round;
            }
            if (r.kind == RowKind::Same) {
                ASSERT_EQ(left[static_cast<std::size_t>(r.left)],
                          right[static_cast<std::size_t>(r.right)]);
                ++same;
            }
        }
        ASSERT_EQ(static_cast<std::size_t>(nextLeft), left.size()) << "round " << round;
        ASSERT_EQ(static_cast<std::size_t>(nextRight), right.size()) << "round " << round;
        ASSERT_EQ(same, lcs(left, right)) << "round " << round;
        ASSERT_EQ(d.removed, left.size() - same);
        ASSERT_EQ(d.added, right.size() - same);
    }
}

TEST(LineDiff, PastTheLimitPairsTheMiddlesByPositionAndSaysSo)
{
    std::vector<std::string> a;
    std::vector<std::string> b;
    for (int i = 0; i < 50; ++i) {
        a.push_back("left " + std::to_string(i));
        b.push_back("right " + std::to_string(i));
    }
    std::vector<std::string_view> left = {"head"};
    std::vector<std::string_view> right = {"head"};
    left.insert(left.end(), a.begin(), a.end());
    right.insert(right.end(), b.begin(), b.end());
    left.push_back("tail");
    right.push_back("tail");
    const LineDiff limited = LineDiff::of(left, right, 10);
    EXPECT_FALSE(limited.aligned);
    ASSERT_EQ(limited.rows.size(), 52U);
    EXPECT_EQ(limited.rows.front().kind, RowKind::Same);
    EXPECT_EQ(limited.rows[1].kind, RowKind::Changed);
    EXPECT_EQ(limited.rows.back().kind, RowKind::Same);
    const LineDiff full = LineDiff::of(left, right);
    EXPECT_TRUE(full.aligned);
    EXPECT_EQ(full.removed, 50U);
}

} // namespace
} // namespace berth::layers
