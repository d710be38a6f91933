// Long work that ends behind another window is said on the desktop; work
// that ends in front of the user, or in a closed dialog, is not. The
// desktop's notification server is a stand-in on a private session bus
// (dbus-run-session): a real one needs a display.
#include "support/await.h"
#include "support/notification_server_stand_in.h"

#include "ui/work_done_notice.h"

#include <QDialog>
#include <QTest>

#include <gtest/gtest.h>

using berth::test::NotificationServerStandIn;
using berth::test::pollUntil;

TEST(WorkDoneNotice, WorkEndedBehindAnotherWindowIsSaidOnTheDesktop)
{
    NotificationServerStandIn server;
    ASSERT_TRUE(server.registerOnSessionBus()) << "run inside dbus-run-session";
    QDialog behind;
    behind.setWindowTitle(QStringLiteral("Export app/web:v2"));
    behind.show();
    QDialog front;
    front.setWindowTitle(QStringLiteral("Something else"));
    front.show();
    front.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&front));
    ASSERT_FALSE(behind.isActiveWindow());

    berth::ui::WorkDoneNotice::post(&behind, QStringLiteral("Exported to <b>/tmp/x.tar</b>."));
    ASSERT_TRUE(pollUntil([&] { return server.calls.size() == 1; }));
    EXPECT_EQ(server.calls[0].summary, QStringLiteral("Export app/web:v2"));
    EXPECT_EQ(server.calls[0].body, QStringLiteral("Exported to /tmp/x.tar.")) << "plain text";

    // In front of the user: the dialog says it alone. Closed: nobody asks.
    berth::ui::WorkDoneNotice::post(&front, QStringLiteral("Done."));
    behind.hide();
    berth::ui::WorkDoneNotice::post(&behind, QStringLiteral("Stopped; nothing was written."));
    // A round trip after them: had either been sent, it would be here first.
    behind.show();
    front.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&front));
    ASSERT_FALSE(behind.isActiveWindow());
    berth::ui::WorkDoneNotice::post(&behind, QStringLiteral("Second."));
    ASSERT_TRUE(pollUntil([&] { return server.calls.size() >= 2; }));
    EXPECT_EQ(server.calls.size(), 2);
    EXPECT_EQ(server.calls.last().body, QStringLiteral("Second."));
}
