// The registry protocol's grammar, Qt-free (core/client's wrappers have
// their own tests in tests/core/client).
#include "protocol/auth_challenge.h"
#include "protocol/link_header.h"
#include "protocol/registry_error_body.h"
#include "protocol/token_response.h"

#include <gtest/gtest.h>

#include <string>

using namespace berth::protocol;

TEST(ProtocolAuthChallenge, DockerHubBearerAndBasic)
{
    const auto list = AuthChallenge::parse(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",)"
        R"(scope="repository:library/alpine:pull", Basic realm="x")");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_TRUE(list[0].isBearer());
    EXPECT_EQ(list[0].param("realm"), "https://auth.docker.io/token");
    EXPECT_EQ(list[0].param("scope"), "repository:library/alpine:pull");
    EXPECT_TRUE(list[1].isBasic());
    EXPECT_EQ(list[1].param("missing"), "");
}

TEST(ProtocolAuthChallenge, HostileHeadersStayBounded)
{
    EXPECT_TRUE(AuthChallenge::parse(std::string(17 * 1024, 'a')).empty());
    std::string many;
    for (int i = 0; i < 100; ++i)
        many += "Basic realm=\"r\", ";
    EXPECT_EQ(AuthChallenge::parse(many).size(), 16u);
    const auto unterminated = AuthChallenge::parse("Bearer a=\"1\",b=\"open");
    ASSERT_EQ(unterminated.size(), 1u);
    EXPECT_EQ(unterminated[0].param("a"), "1");
    EXPECT_FALSE(unterminated[0].params.count("b"));
    std::string binary(512, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i)
        binary[i] = static_cast<char>(i * 37);
    (void)AuthChallenge::parse(binary); // never crashes
}

TEST(ProtocolLinkHeader, NextTargetAsWritten)
{
    EXPECT_EQ(nextLinkTarget(R"(</v2/_catalog?last=b&n=100>; rel="next")"),
              "/v2/_catalog?last=b&n=100");
    EXPECT_EQ(nextLinkTarget(R"(<https://x/a>; rel="prev", <https://x/b>; REL="first NEXT")"),
              "https://x/b");
    EXPECT_FALSE(nextLinkTarget(R"(</a>; rel="prev")"));
    EXPECT_FALSE(nextLinkTarget(R"(<>; rel="next")"));
    EXPECT_FALSE(nextLinkTarget("<unterminated; rel=next"));
    EXPECT_FALSE(nextLinkTarget(std::string(17 * 1024, '<')));
}

TEST(ProtocolRegistryErrorBody, FirstErrorPrintableAndBounded)
{
    const auto body = RegistryErrorBody::parse(
        R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest\u0000 unknown\u0085",)"
        R"("detail":{"Tag":"x"}},{"code":"SECOND"}]})");
    EXPECT_EQ(body.count, 2);
    EXPECT_EQ(body.code, "MANIFEST_UNKNOWN");
    EXPECT_EQ(body.message, "manifest  unknown");
    EXPECT_EQ(body.detail, R"({"Tag":"x"})");
    const auto longer =
        RegistryErrorBody::parse(R"({"errors":[{"message":")" + std::string(600, 'e') + "\"}]}");
    EXPECT_EQ(longer.message, std::string(500, 'e') + "…");
    for (const char *hostile : {"", "null", "[]", "{\"errors\":3}", "{\"errors\":[1,2]}",
                                "{\"errors\":[{\"code\":7}]}", "\xff\xfe{"}) {
        const auto parsed = RegistryErrorBody::parse(hostile);
        EXPECT_TRUE(parsed.code.empty()) << hostile;
    }
    // Not UTF-8: not JSON, so no registry error (never garbage in a dialog).
    EXPECT_EQ(RegistryErrorBody::parse("{\"errors\":[{\"message\":\"bad \xff byte\"}]}").count, 0);
}

TEST(ProtocolTokenResponse, TokensAndLifetimes)
{
    auto r = TokenResponse::parse(R"({"token":"abc.def","expires_in":300})");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->token, "abc.def");
    EXPECT_EQ(r->expiresIn.count(), 300);
    r = TokenResponse::parse(R"({"access_token":"x","expires_in":3})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->expiresIn.count(), 60); // under 10 s: the spec's default
    for (const char *huge : {R"({"token":"x","expires_in":1e300})",
                             R"({"token":"x","expires_in":18446744073709551615})"}) {
        r = TokenResponse::parse(huge);
        ASSERT_TRUE(r.ok()) << huge;
        EXPECT_EQ(r->expiresIn.count(), 24 * 3600) << huge;
    }
    EXPECT_EQ(TokenResponse::parse(R"({"token":"x","expires_in":-5})")->expiresIn.count(), 60);
}

TEST(ProtocolTokenResponse, UnusableAnswersAreTypedErrors)
{
    EXPECT_EQ(TokenResponse::parse("<html>").error().code, "TOKEN_RESPONSE_INVALID");
    EXPECT_EQ(TokenResponse::parse("[]").error().code, "TOKEN_RESPONSE_INVALID");
    EXPECT_EQ(TokenResponse::parse("{}").error().code, "TOKEN_MISSING");
    EXPECT_EQ(TokenResponse::parse(R"({"token":"split\r\nX-Injected: 1"})").error().code,
              "TOKEN_MISSING");
    EXPECT_EQ(TokenResponse::parse(R"({"token":7})").error().code, "TOKEN_MISSING");
    EXPECT_EQ(
        TokenResponse::parse(R"({"token":")" + std::string(65 * 1024, 'a') + "\"}").error().code,
        "TOKEN_MISSING");
    EXPECT_EQ(oauthErrorCode(R"({"error":"invalid_grant"})"), "invalid_grant");
    EXPECT_EQ(oauthErrorCode("nonsense"), "");
}

TEST(ProtocolRegistryErrorBody, DeeplyNestedDetailIsDroppedNotRecursedInto)
{
    const std::size_t depth = 400000; // under the 1 MiB body bound
    std::string body = R"({"errors":[{"code":"DENIED","detail":)";
    body += std::string(depth, '[') + std::string(depth, ']') + "}]}";
    const auto parsed = RegistryErrorBody::parse(body);
    EXPECT_EQ(parsed.code, "DENIED");
    EXPECT_LT(parsed.detail.size(), 600u);
}
