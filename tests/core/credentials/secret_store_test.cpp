// QtKeychain against a real gnome-keyring-daemon (see run_with_keyring.sh).
#include "support/await.h"

#include "profile_store.h"
#include "secret_store.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

using namespace berth::credentials;
using berth::test::await;

namespace {

SecretResult run(SecretJob *job)
{
    auto result = await(job, &SecretJob::finished);
    return result
               ? *result
               : SecretResult(SecretError{SecretError::Kind::Other, QStringLiteral("timed out")});
}

} // namespace

TEST(SecretStore, StoresReadsUpdatesAndDeletesInTheKeyring)
{
    ASSERT_FALSE(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        << "run through run_with_keyring.sh";
    SecretStore store(QStringLiteral("BerthTest"));
    const QString key = QStringLiteral("registry/test-1");

    auto written = run(store.write(key, QStringLiteral("first-secret")));
    ASSERT_TRUE(written.ok()) << written.error().message.toStdString();
    auto read = run(store.read(key));
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read.value(), QStringLiteral("first-secret"));

    ASSERT_TRUE(run(store.write(key, QStringLiteral("second-secret"))).ok());
    EXPECT_EQ(run(store.read(key)).value(), QStringLiteral("second-secret"));

    ASSERT_TRUE(run(store.remove(key)).ok());
    auto gone = run(store.read(key));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().kind, SecretError::Kind::NotFound);
    EXPECT_FALSE(store.isSessionOnly());
}

TEST(ProfileStore, FirstRunHasTheBuiltInRegistryAndRoundTrips)
{
    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/p.ini"), QSettings::IniFormat);
    ProfileStore store(settings);
    const auto first = store.load();
    ASSERT_EQ(first.size(), 1);
    EXPECT_TRUE(first[0].builtIn);
    EXPECT_EQ(first[0].endpoint()->baseUrl.toString(), QStringLiteral("http://127.0.0.1:5000"));

    RegistryProfile p;
    p.id = ProfileStore::newId();
    p.name = QStringLiteral("Secure");
    p.url = QStringLiteral("https://r.example.com:8443");
    p.tlsMode = berth::client::TlsMode::CustomCa;
    p.caFile = QStringLiteral("/etc/ssl/my-ca.pem");
    store.save({first[0], p});
    const auto loaded = store.load();
    ASSERT_EQ(loaded.size(), 2);
    EXPECT_EQ(loaded[1], p);

    // A damaged entry is skipped, not fatal.
    settings.setValue(QStringLiteral("registries/1/url"), QString());
    settings.setValue(QStringLiteral("registries/2/tls"), QStringLiteral("bogus"));
    EXPECT_EQ(store.load().size(), 1);
}
