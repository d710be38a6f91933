// URLs as they are logged and shown: query values masked, no userinfo.
#include "client/url_redaction.h"

#include <QUrl>

#include <gtest/gtest.h>

using berth::client::redactedUrl;
using berth::client::redactUrlsIn;

TEST(UrlRedaction, MasksQueryValuesAndDropsUserInfo)
{
    EXPECT_EQ(
        redactedUrl(QUrl(QStringLiteral(
            "https://bob:pw@s3.example.com/b/blob?X-Amz-Signature=abc123&X-Amz-Expires=300"))),
        QStringLiteral("https://s3.example.com/b/blob?X-Amz-Signature=…&X-Amz-Expires=…"));
    EXPECT_EQ(redactedUrl(QUrl(QStringLiteral("http://127.0.0.1:5000/v2/_catalog?n=100&last=x"))),
              QStringLiteral("http://127.0.0.1:5000/v2/_catalog?n=…&last=…"));
    EXPECT_EQ(redactedUrl(QUrl(QStringLiteral("http://h/v2/?flag"))),
              QStringLiteral("http://h/v2/?flag=…"));
    EXPECT_EQ(redactedUrl(QUrl(QStringLiteral("http://h/v2/a/tags/list"))),
              QStringLiteral("http://h/v2/a/tags/list"));
}

TEST(UrlRedaction, MasksEveryUrlInAText)
{
    const QString text = QStringLiteral(
        "Error transferring https://storage.example/blob?sig=SECRET1&exp=9 - server replied: "
        "Forbidden (then http://other/x?token=SECRET2, and http://plain/path)");
    const QString redacted = redactUrlsIn(text);
    EXPECT_FALSE(redacted.contains(QStringLiteral("SECRET1"))) << redacted.toStdString();
    EXPECT_FALSE(redacted.contains(QStringLiteral("SECRET2"))) << redacted.toStdString();
    EXPECT_TRUE(redacted.contains(QStringLiteral("https://storage.example/blob?sig=…&exp=…")));
    EXPECT_TRUE(redacted.contains(QStringLiteral("http://plain/path)")));
    // A query ends at white space: what follows it (here a comma) is masked
    // with it rather than risk showing part of a value.
    EXPECT_TRUE(redacted.endsWith(QStringLiteral("server replied: Forbidden (then "
                                                 "http://other/x?token=… and http://plain/path)")))
        << redacted.toStdString();
}

TEST(UrlRedaction, DropsUserInfoAndSeesJsonEscapedUrls)
{
    const QString redacted = redactUrlsIn(
        QStringLiteral("see https://bob:pw@h/x and {\"u\":\"https:\\/\\/s3\\/b?sig=SECRET3\"}"));
    EXPECT_FALSE(redacted.contains(QStringLiteral("pw@"))) << redacted.toStdString();
    EXPECT_FALSE(redacted.contains(QStringLiteral("SECRET3"))) << redacted.toStdString();
    EXPECT_TRUE(redacted.contains(QStringLiteral("https://h/x"))) << redacted.toStdString();
}

TEST(UrlRedaction, RelativeReferencesAreMaskedToo)
{
    EXPECT_EQ(berth::client::redactedReference(QStringLiteral("/storage/b?sig=SECRET4&x=1#f")),
              QStringLiteral("/storage/b?sig=…&x=…"));
    EXPECT_EQ(berth::client::redactedReference(QStringLiteral("https://u:p@h/b?sig=SECRET5")),
              QStringLiteral("https://h/b?sig=…"));
}
