// Without any keychain (no D-Bus session), SecretStore says so plainly and
// session memory works as the fallback.
#include "support/await.h"

#include "secret_store.h"
#include "support/scoped_env.h"

using namespace berth::credentials;
using berth::test::await;

TEST(SecretStoreWithoutKeychain, ReportsNoKeychainAndFallsBackToSessionMemory)
{
    const berth::test::ScopedEnv noBus("DBUS_SESSION_BUS_ADDRESS",
                                       "unix:path=/nonexistent/berth-test-bus");
    SecretStore store(QStringLiteral("BerthTest"));
    const auto written =
        await(store.write(QStringLiteral("k"), QStringLiteral("v")), &SecretJob::finished);
    ASSERT_TRUE(written.has_value());
    ASSERT_FALSE(written->ok());
    EXPECT_EQ(written->error().kind, SecretError::Kind::NoKeychain)
        << written->error().message.toStdString();

    store.useSessionMemory();
    EXPECT_TRUE(
        await(store.write(QStringLiteral("k"), QStringLiteral("v")), &SecretJob::finished)->ok());
    EXPECT_EQ(await(store.read(QStringLiteral("k")), &SecretJob::finished)->value(),
              QStringLiteral("v"));
    EXPECT_TRUE(await(store.remove(QStringLiteral("k")), &SecretJob::finished)->ok());
    EXPECT_EQ(await(store.read(QStringLiteral("k")), &SecretJob::finished)->error().kind,
              SecretError::Kind::NotFound);
}
