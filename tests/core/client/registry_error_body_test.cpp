#include "registry_error_body.h"

#include <gtest/gtest.h>

using berth::client::RegistryErrorBody;

TEST(RegistryErrorBody, ParsesFirstError)
{
    const auto e = RegistryErrorBody::parse(
        R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}},{"code":"OTHER"}]})");
    EXPECT_EQ(e.code, QStringLiteral("MANIFEST_UNKNOWN"));
    EXPECT_EQ(e.message, QStringLiteral("manifest unknown"));
    EXPECT_EQ(e.detail, QStringLiteral("{\"Tag\":\"x\"}"));
    EXPECT_EQ(e.count, 2);
}

TEST(RegistryErrorBody, NonErrorBodiesYieldNothing)
{
    const QByteArray cases[] = {"",
                                "404 page not found\n",
                                "{}",
                                "[]",
                                R"({"errors":"x"})",
                                R"({"errors":[1,2,3]})",
                                "{\"errors\":[{\"code\":",
                                "null"};
    for (const QByteArray &c : cases) {
        const auto e = RegistryErrorBody::parse(c);
        EXPECT_TRUE(e.code.isEmpty()) << c.constData();
    }
}

TEST(RegistryErrorBody, HostileBodiesAreBounded)
{
    const QByteArray longMessage =
        R"({"errors":[{"code":"X","message":")" + QByteArray(100000, 'm') + R"("}]})";
    EXPECT_LE(RegistryErrorBody::parse(longMessage).message.size(), 501);
    const QByteArray control = R"({"errors":[{"code":"X","message":"a\u0000b\nc\u001b[31m"}]})";
    const auto e = RegistryErrorBody::parse(control);
    for (QChar c : e.message)
        EXPECT_NE(c.category(), QChar::Other_Control);
    QByteArray deep(200000, '[');
    (void)RegistryErrorBody::parse(deep);
    (void)RegistryErrorBody::parse(QByteArray(2 * 1024 * 1024, ' '));
}
