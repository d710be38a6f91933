#include "auth_challenge.h"

#include <gtest/gtest.h>

using berth::client::AuthChallenge;

TEST(AuthChallenge, ParsesDockerBearerChallenge)
{
    const auto list = AuthChallenge::parse(
        R"(Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push")");
    ASSERT_EQ(list.size(), 1);
    EXPECT_TRUE(list[0].isBearer());
    EXPECT_EQ(list[0].param(QStringLiteral("realm")),
              QStringLiteral("https://auth.example.com/token"));
    EXPECT_EQ(list[0].param(QStringLiteral("service")), QStringLiteral("registry.example.com"));
    // The comma inside the quoted scope must not split it.
    EXPECT_EQ(list[0].param(QStringLiteral("scope")), QStringLiteral("repository:a/b:pull,push"));
}

TEST(AuthChallenge, ParsesSeveralChallengesAndErrorParam)
{
    const auto list = AuthChallenge::parse(
        R"(Basic realm="Registry Realm", Bearer realm="https://a/t", service="s", error="insufficient_scope")");
    ASSERT_EQ(list.size(), 2);
    EXPECT_TRUE(list[0].isBasic());
    EXPECT_EQ(list[0].param(QStringLiteral("realm")), QStringLiteral("Registry Realm"));
    EXPECT_TRUE(list[1].isBearer());
    EXPECT_EQ(list[1].param(QStringLiteral("error")), QStringLiteral("insufficient_scope"));
}

TEST(AuthChallenge, CaseAndWhitespaceAndEscapes)
{
    const auto list =
        AuthChallenge::parse("  bEaReR   Realm = \"https://x/\\\"q\\\"\" ,  SERVICE=tok  ");
    ASSERT_EQ(list.size(), 1);
    EXPECT_TRUE(list[0].isBearer());
    EXPECT_EQ(list[0].param(QStringLiteral("realm")), QStringLiteral("https://x/\"q\""));
    EXPECT_EQ(list[0].param(QStringLiteral("service")), QStringLiteral("tok"));
}

TEST(AuthChallenge, HostileInputNeverCrashesAndStaysBounded)
{
    const QByteArray cases[] = {
        "",
        ",,,,",
        "Bearer",
        "Bearer realm=",
        "Bearer realm=\"unterminated",
        "Bearer =\"x\"",
        "=== , ,, \"\"",
        QByteArray("Bearer realm=\"a\0b\"", 18),
        "Negotiate YII0abc==",
        "\xff\xfe\xfd Bearer realm=\"\xc3\x28\"",
    };
    for (const QByteArray &c : cases)
        (void)AuthChallenge::parse(c);

    EXPECT_EQ(AuthChallenge::parse("Bearer realm=\"unterminated").value(0).params.size(), 0);
    const auto negotiate = AuthChallenge::parse("Negotiate YII0abc==, Basic realm=\"r\"");
    ASSERT_EQ(negotiate.size(), 2);
    EXPECT_TRUE(negotiate[1].isBasic());

    // Thousands of challenges and parameters are capped.
    QByteArray many;
    for (int i = 0; i < 5000; ++i)
        many += "Basic realm=\"r\", ";
    EXPECT_LE(AuthChallenge::parse(many).size(), 16);
    QByteArray params = "Bearer ";
    for (int i = 0; i < 1000; ++i)
        params += "p" + QByteArray::number(i) + "=v,";
    const auto capped = AuthChallenge::parse(params);
    ASSERT_EQ(capped.size(), 1);
    EXPECT_LE(capped[0].params.size(), 32);
    // Oversized header: refused whole.
    EXPECT_TRUE(AuthChallenge::parse(QByteArray(100000, 'a')).isEmpty());
}
