// DesktopNotifier against a stand-in notification server on a private
// session bus (dbus-run-session; a real daemon needs a display): what ended
// reaches the server as the freedesktop spec has it, and without a server
// nothing waits and it says so.
#include "local/desktop_notifier.h"
#include "support/await.h"
#include "support/notification_server_stand_in.h"

#include <gtest/gtest.h>

using berth::local::DesktopNotifier;
using berth::test::NotificationServerStandIn;

namespace {

// What the server answered for the one notify() just made.
std::optional<bool> answer(DesktopNotifier &notifier)
{
    std::optional<bool> shown;
    QObject context;
    QObject::connect(&notifier, &DesktopNotifier::sent, &context,
                     [&shown](bool ok) { shown = ok; });
    berth::test::pollUntil([&] { return shown.has_value(); });
    return shown;
}

} // namespace

TEST(DesktopNotifier, TheNotificationServerGetsWhatEnded)
{
    NotificationServerStandIn server;
    ASSERT_TRUE(server.registerOnSessionBus()) << "run inside dbus-run-session";
    DesktopNotifier notifier;
    notifier.notify(QStringLiteral("Export app/web:v2"), QStringLiteral("Exported to /tmp/x.tar"));
    const auto shown = answer(notifier);
    ASSERT_TRUE(shown.has_value());
    EXPECT_TRUE(*shown);
    ASSERT_EQ(server.calls.size(), 1);
    EXPECT_EQ(server.calls[0].app, QStringLiteral("Berth"));
    EXPECT_EQ(server.calls[0].summary, QStringLiteral("Export app/web:v2"));
    EXPECT_EQ(server.calls[0].body, QStringLiteral("Exported to /tmp/x.tar"));
    EXPECT_EQ(server.calls[0].icon, QStringLiteral("io.github.berth.Berth"));
    EXPECT_EQ(server.calls[0].hints.value(QStringLiteral("desktop-entry")).toString(),
              QStringLiteral("io.github.berth.Berth"));
}

TEST(DesktopNotifier, WithoutAServerNothingWaitsAndItSaysSo)
{
    DesktopNotifier notifier;
    notifier.notify(QStringLiteral("Garbage collection"), QStringLiteral("Collected."));
    const auto shown = answer(notifier);
    ASSERT_TRUE(shown.has_value());
    EXPECT_FALSE(*shown);
}
