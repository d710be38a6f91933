#include "registry_endpoint.h"

#include <gtest/gtest.h>

using berth::client::RegistryEndpoint;

TEST(RegistryEndpoint, LoopbackDefaultsToHttpOthersToHttps)
{
    EXPECT_EQ(RegistryEndpoint::fromUserInput(QStringLiteral("localhost:5000"))->baseUrl.toString(),
              QStringLiteral("http://localhost:5000"));
    EXPECT_EQ(RegistryEndpoint::fromUserInput(QStringLiteral("127.0.0.2:5000"))->baseUrl.toString(),
              QStringLiteral("http://127.0.0.2:5000"));
    EXPECT_EQ(
        RegistryEndpoint::fromUserInput(QStringLiteral("registry.example.com"))->baseUrl.toString(),
        QStringLiteral("https://registry.example.com"));
    EXPECT_EQ(RegistryEndpoint::fromUserInput(QStringLiteral("http://registry.example.com:80/"))
                  ->baseUrl.toString(),
              QStringLiteral("http://registry.example.com:80"));
    EXPECT_EQ(RegistryEndpoint::fromUserInput(QStringLiteral("https://h:8443/v2"))->hostPort(),
              QStringLiteral("h:8443"));
}

TEST(RegistryEndpoint, RejectsWhatIsNotARegistryAddress)
{
    const char *const bad[] = {"",
                               "   ",
                               "ftp://host",
                               "https://user:pw@host",
                               "https://host/some/path",
                               "https://host?x=1",
                               "http://",
                               "host name with spaces",
                               "https://host#frag"};
    for (const char *text : bad) {
        const auto r = RegistryEndpoint::fromUserInput(QString::fromUtf8(text));
        EXPECT_FALSE(r.ok()) << text;
        if (!r.ok()) {
            EXPECT_FALSE(r.error().message.isEmpty());
        }
    }
    EXPECT_FALSE(RegistryEndpoint::fromUserInput(QString(5000, QLatin1Char('a'))).ok());
}
