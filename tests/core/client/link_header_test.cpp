#include "link_header.h"

#include <gtest/gtest.h>

using berth::client::LinkHeader;

namespace {
const QUrl kBase(QStringLiteral("https://reg.example.com:5000/v2/_catalog?n=2"));
}

TEST(LinkHeader, RelativeNextLink)
{
    const auto next = LinkHeader::nextUrl(R"(</v2/_catalog?last=b&n=2>; rel="next")", kBase);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->toString(),
              QStringLiteral("https://reg.example.com:5000/v2/_catalog?last=b&n=2"));
}

TEST(LinkHeader, AbsoluteNextLinkOnSameHost)
{
    const auto next = LinkHeader::nextUrl(
        R"(<https://reg.example.com:5000/v2/a/tags/list?last=v1&n=2>; rel=next)", kBase);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->path(), QStringLiteral("/v2/a/tags/list"));
}

TEST(LinkHeader, PicksNextAmongSeveralLinksAndRelLists)
{
    const auto next = LinkHeader::nextUrl(
        R"(</v2/_catalog?last=a>; rel="prev", </v2/_catalog?last=c,d&n=2>; title="x;y"; rel="last next")",
        kBase);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->query(), QStringLiteral("last=c,d&n=2"));
}

TEST(LinkHeader, RefusesOtherHostsAndGarbage)
{
    EXPECT_FALSE(
        LinkHeader::nextUrl(R"(<https://evil.example.net/v2/_catalog?last=b>; rel="next")", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl(
        R"(<http://reg.example.com:5000/v2/_catalog?last=b>; rel="next")", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl(R"(</v2/_catalog?last=b>; rel="prev")", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl(R"(</v2/_catalog?last=b; rel="next")", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl(R"(<>; rel="next")", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl("", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl("<<<<>>>>;;;;,,,,", kBase));
    EXPECT_FALSE(LinkHeader::nextUrl(QByteArray(100000, '<'), kBase));
    EXPECT_FALSE(LinkHeader::nextUrl(QByteArray("<\x00\xff>; rel=next", 14), kBase));
}
