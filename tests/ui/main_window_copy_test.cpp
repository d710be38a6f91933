// Tag → Copy or promote… against real docker-registries: a promotion
// lands as a new tag of the same repository (listed at once), a copy into
// another repository adds it to the tree, a tag that points at another
// image is moved only once the user ticks the box, and a copy to another
// saved registry streams the image there.
#include "scenario_helpers.h"
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "copy_dialog.h"
#include "main_window.h"
#include "registry_widget.h"
#include "repository_model.h"
#include "secret_store.h"
#include "tag_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

using namespace berth::ui;
using berth::test::child;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::trigger;
using berth::test::writeImageLayout;
using berth::test::writeProfiles;

TEST(MainWindowTest, CopyAndPromoteWithinAndBetweenSavedRegistries)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir one;
    QTemporaryDir two;
    writeImageLayout(one.path(), 41, QStringLiteral("2025-06-01T00:00:00Z"), 30000,
                     QStringLiteral("rc"));
    writeImageLayout(two.path(), 42, QStringLiteral("2025-06-02T00:00:00Z"), 30000,
                     QStringLiteral("old"));
    ASSERT_TRUE(registry.push(one.path(), QStringLiteral("rc"), QStringLiteral("team/app:rc")))
        << registry.lastOutput().toStdString();
    ASSERT_TRUE(registry.push(two.path(), QStringLiteral("old"), QStringLiteral("team/app:1.3")))
        << registry.lastOutput().toStdString();

    berth::test::RegistryFixture other;
    ASSERT_TRUE(other.start()) << other.error().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("name"), QStringLiteral("Registry")},
                              {QStringLiteral("url"), registry.hostPort()}},
                             {{QStringLiteral("id"), QStringLiteral("o")},
                              {QStringLiteral("name"), QStringLiteral("Other")},
                              {QStringLiteral("url"), other.hostPort()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    RegistryWidget *browser = registryWidget(window);
    ASSERT_TRUE(pollUntil([&] { return browser->session(); }));
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    TagModel *tags = browser->tags();

    berth::test::DialogWatcher dialogs;
    const auto copyTo = [&](const QString &repository, const QString &tag) -> QPointer<CopyDialog> {
        trigger(window, "copyTag");
        QPointer<CopyDialog> dialog = dialogs.last<CopyDialog>();
        if (dialog) {
            child<QLineEdit>(*dialog, "copyRepository")->setText(repository);
            child<QLineEdit>(*dialog, "copyTag")->setText(tag);
            child<QPushButton>(*dialog, "copyStart")->click();
        }
        return dialog;
    };

    // Promote rc to 1.4: listed at once.
    QPointer<CopyDialog> promote = copyTo(QStringLiteral("team/app"), QStringLiteral("1.4"));
    ASSERT_TRUE(promote);
    auto *status = child<QLabel>(*promote, "copyStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Copied")); }))
        << status->text().toStdString();
    ASSERT_TRUE(pollUntil([&] { return tags->rowOfTag(QStringLiteral("1.4")) >= 0; }));
    promote->reject();

    // Onto 1.3, which holds another image: refused with both digests,
    // done once the box is ticked.
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    QPointer<CopyDialog> onto = copyTo(QStringLiteral("team/app"), QStringLiteral("1.3"));
    ASSERT_TRUE(onto);
    status = child<QLabel>(*onto, "copyStatus");
    ASSERT_TRUE(pollUntil([&] {
        return status->text().contains(QStringLiteral("already points"));
    })) << status->text().toStdString();
    child<QCheckBox>(*onto, "copyOverwrite")->setChecked(true);
    child<QPushButton>(*onto, "copyStart")->click();
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Copied")); }))
        << status->text().toStdString();
    onto->reject();

    // Into a repository the registry did not have: it joins the tree.
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    QPointer<CopyDialog> elsewhere = copyTo(QStringLiteral("prod/app"), QString());
    ASSERT_TRUE(elsewhere);
    status = child<QLabel>(*elsewhere, "copyStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Copied")); }))
        << status->text().toStdString();
    auto *repositories = window.findChild<RepositoryModel *>(QStringLiteral("repositoryModel"));
    EXPECT_TRUE(repositories->indexForRepository(QStringLiteral("prod/app")).isValid());
    EXPECT_TRUE(registry.pull(QStringLiteral("prod/app:rc")))
        << registry.lastOutput().toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("team/app:1.3")))
        << registry.lastOutput().toStdString();

    elsewhere->reject();

    // To the other saved registry: streamed there, the tree shown unchanged.
    browser->openTag(QStringLiteral("team/app"), QStringLiteral("rc"));
    ASSERT_TRUE(pollUntil([&] { return browser->currentTagRow() >= 0; }));
    trigger(window, "copyTag");
    QPointer<CopyDialog> across = dialogs.last<CopyDialog>();
    ASSERT_TRUE(across);
    auto *registries = child<QComboBox>(*across, "copyRegistry");
    ASSERT_EQ(registries->count(), 2);
    registries->setCurrentIndex(registries->findData(QStringLiteral("o")));
    child<QLineEdit>(*across, "copyRepository")->setText(QStringLiteral("mirror/app"));
    child<QPushButton>(*across, "copyStart")->click();
    status = child<QLabel>(*across, "copyStatus");
    ASSERT_TRUE(pollUntil([&] { return status->text().startsWith(QStringLiteral("Copied")); }))
        << status->text().toStdString();
    EXPECT_FALSE(repositories->indexForRepository(QStringLiteral("mirror/app")).isValid())
        << "the tree shows the first registry";
    EXPECT_TRUE(other.pull(QStringLiteral("mirror/app:rc"))) << other.lastOutput().toStdString();
}
