// The Add / Edit registry dialog as a new user meets it: TLS settings that
// fit the address, a CA file that can be given right away, and garbage
// collection settings out of the way until asked for.
#include "window_lookup.h"

#include "ui/registry_dialog.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include <gtest/gtest.h>

using berth::test::child;
using berth::ui::RegistryDialog;

TEST(RegistryDialogTest, TlsSettingsFitTheAddressAndACaFileSwitchesToIt)
{
    RegistryDialog dialog(berth::credentials::RegistryProfile{}, RegistryDialog::Secret::None);
    auto *url = child<QLineEdit>(dialog, "urlEdit");
    auto *tls = child<QComboBox>(dialog, "tlsBox");
    auto *ca = child<QLineEdit>(dialog, "caFileEdit");
    url->setText(QStringLiteral("localhost:5000")); // plain HTTP, as docker does
    EXPECT_FALSE(tls->isEnabled());
    EXPECT_FALSE(ca->isEnabled());
    EXPECT_EQ(tls->currentIndex(), -1) << "it reads “Not used”, not “Verify certificates”";
    EXPECT_EQ(tls->placeholderText(), QStringLiteral("Not used: plain HTTP"));
    url->setText(QStringLiteral("registry.example.com"));
    EXPECT_TRUE(tls->isEnabled());
    EXPECT_EQ(tls->currentData().toInt(), int(berth::client::TlsMode::Verify)) << "back";
    EXPECT_EQ(dialog.profile().tlsMode, berth::client::TlsMode::Verify);
    ASSERT_TRUE(ca->isEnabled()); // no need to find the right mode first
    QTest::keyClicks(ca, QStringLiteral("/etc/ssl/company-ca.pem"));
    EXPECT_EQ(tls->currentData().toInt(), int(berth::client::TlsMode::CustomCa));
    EXPECT_EQ(dialog.profile().caFile, QStringLiteral("/etc/ssl/company-ca.pem"));
}

TEST(RegistryDialogTest, GarbageCollectionSettingsStayOutOfTheWayUntilAskedFor)
{
    RegistryDialog fresh(berth::credentials::RegistryProfile{}, RegistryDialog::Secret::None);
    fresh.show();
    auto *gc = child<QGroupBox>(fresh, "gcSettings");
    EXPECT_FALSE(gc->isVisible());
    const int width = fresh.width();
    child<QPushButton>(fresh, "showGcSettings")->click();
    EXPECT_TRUE(gc->isVisible());
    EXPECT_GE(fresh.width(), width); // taller, never narrower (its fields stay readable)

    berth::credentials::RegistryProfile withGc;
    withGc.url = QStringLiteral("registry.example.com");
    withGc.gcCommand = QStringLiteral("ssh reg registry garbage-collect /etc/reg.yml");
    RegistryDialog editing(withGc, RegistryDialog::Secret::None);
    editing.show();
    EXPECT_TRUE(child<QGroupBox>(editing, "gcSettings")->isVisible());
    EXPECT_EQ(editing.profile().gcCommand, withGc.gcCommand);
}
