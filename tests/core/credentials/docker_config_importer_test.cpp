// ~/.docker/config.json import: inline logins and real credential-helper
// programs (a test helper script on PATH), plus hostile files.
#include "support/await.h"

#include "docker_config_importer.h"
#include "support/scoped_env.h"

#include <QFile>
#include <QTemporaryDir>

using namespace berth::credentials;
using berth::test::await;

namespace {

// False (and the test fails at its ASSERT) when the file cannot be written.
[[nodiscard]] bool writeFile(const QString &path, const QByteArray &bytes, bool executable = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return false;
    f.close();
    return !executable || f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

const DockerLogin *find(const QList<DockerLogin> &logins, const QString &registry)
{
    for (const auto &l : logins) {
        if (l.registry == registry)
            return &l;
    }
    return nullptr;
}

} // namespace

TEST(DockerConfigImporter, ReadsInlineLoginsAndRunsCredentialHelpers)
{
    QTemporaryDir dir;
    // A credential helper as docker runs it: `get`, server URL on stdin, JSON on stdout.
    ASSERT_TRUE(
        writeFile(dir.path() + QStringLiteral("/docker-credential-berthtest"),
                  "#!/bin/sh\nread server\ncase \"$server\" in\n"
                  "  helper.example.com) printf "
                  "'{\"ServerURL\":\"%s\",\"Username\":\"carol\",\"Secret\":\"helper-secret\"}' "
                  "\"$server\" ;;\n"
                  "  *) echo 'credentials not found in native keychain' >&2; exit 1 ;;\nesac\n",
                  true));
    const berth::test::ScopedEnv path(
        "PATH",
        QString(dir.path() + QStringLiteral(":") + qEnvironmentVariable("PATH")).toStdString());
    const QByteArray config = R"({
      "auths": {
        "registry.example.com": {"auth": ")" +
                              QByteArray("alice:s3cret:with:colons").toBase64() + R"("},
        "token.example.com": {"username": "bob", "identitytoken": "id-token-xyz"},
        "acr.example.io": {"auth": ")" +
                              QByteArray("00000000-0000-0000-0000-000000000000:").toBase64() +
                              R"(", "identitytoken": "acr-refresh-token"},
        "store.example.com": {},
        "broken.example.com": {"auth": "***not base64***"}
      },
      "credsStore": "berthtest",
      "credHelpers": {"helper.example.com": "berthtest", "missing.example.com": "nosuchhelper", "evil.example.com": "../../bin/sh"}
    })";
    ASSERT_TRUE(writeFile(dir.path() + QStringLiteral("/config.json"), config));

    DockerConfigImporter importer;
    importer.start(dir.path() + QStringLiteral("/config.json"));
    const auto result = await(&importer, &DockerConfigImporter::finished);
    ASSERT_TRUE(result && result->ok()) << result->error().message.toStdString();
    const QList<DockerLogin> &logins = result->value();

    const auto *inlineLogin = find(logins, QStringLiteral("registry.example.com"));
    ASSERT_NE(inlineLogin, nullptr);
    EXPECT_EQ(inlineLogin->username, QStringLiteral("alice"));
    EXPECT_EQ(inlineLogin->secret, QStringLiteral("s3cret:with:colons"));
    EXPECT_EQ(find(logins, QStringLiteral("token.example.com"))->secret,
              QStringLiteral("id-token-xyz"));
    // An identity token is kept under docker's marker, so the client
    // exchanges it at the token server instead of sending it as a password.
    EXPECT_EQ(find(logins, QStringLiteral("token.example.com"))->username,
              QStringLiteral("<token>"));
    // What docker itself writes after an identity-token login: "auth" holds
    // the user with an empty password, the token sits beside it.
    const auto *acr = find(logins, QStringLiteral("acr.example.io"));
    ASSERT_NE(acr, nullptr);
    EXPECT_EQ(acr->username, QStringLiteral("<token>"));
    EXPECT_EQ(acr->secret, QStringLiteral("acr-refresh-token"));
    EXPECT_TRUE(acr->error.isEmpty()) << acr->error.toStdString();
    EXPECT_FALSE(find(logins, QStringLiteral("broken.example.com"))->error.isEmpty());

    const auto *helped = find(logins, QStringLiteral("helper.example.com"));
    ASSERT_NE(helped, nullptr);
    EXPECT_EQ(helped->username, QStringLiteral("carol"));
    EXPECT_EQ(helped->secret, QStringLiteral("helper-secret"));
    EXPECT_EQ(helped->source, QStringLiteral("credHelpers: berthtest"));

    const auto *stored = find(logins, QStringLiteral("store.example.com"));
    ASSERT_NE(stored, nullptr);
    EXPECT_TRUE(stored->secret.isEmpty());
    EXPECT_TRUE(stored->error.contains(QStringLiteral("not found"))) << stored->error.toStdString();

    EXPECT_TRUE(find(logins, QStringLiteral("missing.example.com"))
                    ->error.contains(QStringLiteral("not installed")));
    const auto *evil = find(logins, QStringLiteral("evil.example.com"));
    ASSERT_NE(evil, nullptr);
    EXPECT_TRUE(evil->secret.isEmpty());
    EXPECT_FALSE(evil->error.isEmpty());
}

TEST(DockerConfigImporter, HostileFilesAreTypedErrors)
{
    for (const QByteArray &bad : {QByteArray(""), QByteArray("["), QByteArray("[]"),
                                  QByteArray("{\"auths\": 7}"), QByteArray(5 * 1024 * 1024, '{')}) {
        const auto parsed = DockerConfigImporter::parse(bad);
        if (bad == "{\"auths\": 7}") {
            ASSERT_TRUE(parsed.ok()); // wrong type for auths: nothing to import
            EXPECT_TRUE(parsed->isEmpty());
        } else {
            EXPECT_FALSE(parsed.ok()) << bad.left(20).constData();
        }
    }
    DockerConfigImporter importer;
    importer.start(QStringLiteral("/nonexistent/berth/config.json"));
    const auto missing = await(&importer, &DockerConfigImporter::finished);
    ASSERT_TRUE(missing && !missing->ok());
    EXPECT_TRUE(missing->error().message.contains(QStringLiteral("No docker config")));
}
