// Deletes from the real MainWindow: honest confirmation, bulk delete and
// retention (then online collection), removing an empty repository.
#include "scenario_helpers.h"
#include "support/await.h"
#include "ui_fixture.h"
#include "window_lookup.h"

#include "bulk_delete_dialog.h"
#include "delete_manifest_job.h"
#include "delete_tag_dialog.h"
#include "garbage_collection_dialog.h"
#include "main_window.h"
#include "oci/digest.h"
#include "retention_dialog.h"
#include "secret_store.h"
#include "tag_model.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTest>

#include <optional>

using namespace berth::ui;
using berth::test::ageBlobs;
using berth::test::child;
using berth::test::gcDryRun;
using berth::test::pollUntil;
using berth::test::registryWidget;
using berth::test::repositoryModel;
using berth::test::statusText;
using berth::test::tagFilterModel;
using berth::test::tagModel;
using berth::test::tagView;
using berth::test::trigger;
using berth::test::writeImageLayout;
using berth::test::writeProfiles;

TEST(MainWindowTest, DeletesWithHonestConfirmation)
{
    berth::test::RegistryFixture registry;
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    berth::test::OciLayoutWriter w(layoutDir.path(), 4);
    const auto shared =
        w.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("amd64"), {100});
    const auto other =
        w.addImage(QStringLiteral("2024-02-01T00:00:00Z"), QStringLiteral("amd64"), {200});
    const QString m = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    const auto multi = w.addIndex(QStringLiteral("2024-03-01T00:00:00Z"), false);
    w.tag(QStringLiteral("shared"), shared.manifestDigest, m);
    w.tag(QStringLiteral("other"), other.manifestDigest, m);
    w.tag(QStringLiteral("multi"), multi.digest,
          QStringLiteral("application/vnd.oci.image.index.v1+json"));
    w.tag(QStringLiteral("amd64"), multi.platforms[0].manifestDigest, m);
    w.save();
    for (const auto &[ref, dest, all] : std::vector<std::tuple<QString, QString, bool>>{
             {QStringLiteral("shared"), QStringLiteral("app:a"), false},
             {QStringLiteral("shared"), QStringLiteral("app:b"), false},
             {QStringLiteral("other"), QStringLiteral("app:c"), false},
             {QStringLiteral("multi"), QStringLiteral("arch:v1"), true},
             {QStringLiteral("amd64"), QStringLiteral("arch:v1-amd64"), false}})
        ASSERT_TRUE(registry.push(layoutDir.path(), ref, dest, all))
            << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    writeProfiles(settings, {{{QStringLiteral("id"), QStringLiteral("r")},
                              {QStringLiteral("url"), registry.hostPort()}}});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    window.show();
    berth::test::DialogWatcher dialogs;
    TagModel *tags = tagModel(window);
    QPointer<DeleteTagDialog> dialog;
    auto openAndSelect = [&](const QString &tag,
                             const QString &repository = QStringLiteral("app")) {
        registryWidget(window)->openTag(repository, tag);
        return pollUntil([&] {
            const QModelIndex current =
                tagFilterModel(window)->mapToSource(tagView(window)->currentIndex());
            return tags->isComplete() && current.isValid() && tags->tag(current.row()) == tag &&
                   tags->description(current.row()) && tags->describedCount() == tags->rowCount();
        });
    };
    auto tagNames = [&] {
        QStringList names;
        for (int r = 0; r < tags->rowCount(); ++r)
            names.append(tags->tag(r));
        names.sort();
        return names;
    };
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 2; }));

    // Tag only: the dialog names the sibling; the sibling stays.
    ASSERT_TRUE(openAndSelect(QStringLiteral("a")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(child<QLabel>(*dialog, "summary")->text().contains(shared.manifestDigest));
    EXPECT_TRUE(child<QLabel>(*dialog, "summary")->text().contains(QStringLiteral("<b>b</b>")))
        << child<QLabel>(*dialog, "summary")->text().toStdString();
    child<QPushButton>(*dialog, "tagOnlyButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return tagNames() == QStringList{QStringLiteral("b"), QStringLiteral("c")};
    })) << tagNames().join(QLatin1Char(',')).toStdString();

    // A tag that moved between listing and confirming is not deleted.
    ASSERT_TRUE(openAndSelect(QStringLiteral("b")));
    ASSERT_TRUE(registry.push(layoutDir.path(), QStringLiteral("other"), QStringLiteral("app:b")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    child<QPushButton>(*dialog, "tagOnlyButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return statusText(window).contains(QStringLiteral("nothing was deleted"));
    })) << statusText(window).toStdString();
    EXPECT_EQ(tagNames(), (QStringList{QStringLiteral("b"), QStringLiteral("c")}));

    // The whole image: every tag of it goes (b now points at c's image).
    trigger(window, "refresh");
    ASSERT_TRUE(openAndSelect(QStringLiteral("c")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(child<QPushButton>(*dialog, "wholeImageButton")
                    ->text()
                    .contains(QStringLiteral("all 2 tags")))
        << child<QPushButton>(*dialog, "wholeImageButton")->text().toStdString();
    child<QPushButton>(*dialog, "wholeImageButton")->click();
    ASSERT_TRUE(pollUntil([&] {
        return tags->isComplete() && tags->rowCount() == 0 &&
               statusText(window).startsWith(QStringLiteral("Deleted"));
    })) << statusText(window).toStdString();

    // A platform of a multi-arch image: only its tag can go.
    ASSERT_TRUE(openAndSelect(QStringLiteral("v1-amd64"), QStringLiteral("arch")));
    trigger(window, "deleteTags");
    dialog = dialogs.last<DeleteTagDialog>();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(child<QLabel>(*dialog, "summary")
                    ->text()
                    .contains(QStringLiteral("multi-arch image <b>v1</b>")))
        << child<QLabel>(*dialog, "summary")->text().toStdString();
    EXPECT_FALSE(child<QPushButton>(*dialog, "wholeImageButton")->isEnabled());
    child<QPushButton>(*dialog, "tagOnlyButton")->click();
    ASSERT_TRUE(pollUntil([&] { return tagNames() == QStringList{QStringLiteral("v1")}; }))
        << tagNames().join(QLatin1Char(',')).toStdString();
    EXPECT_TRUE(registry.pull(QStringLiteral("arch:v1"), true))
        << registry.lastOutput().toStdString();
}

namespace {

// Bulk delete and retention against berth-registry as the built-in
// registry, one step after another on the same repository app: v1 and
// v1.10 (one image), v2, v1.9 and latest (an index).
class BulkDeleteScenario : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_registry.start()) << m_registry.error().toStdString();
        ASSERT_NO_FATAL_FAILURE(pushImages());
        writeProfiles(m_settings, {{{QStringLiteral("id"), QStringLiteral("local")},
                                    {QStringLiteral("name"), QStringLiteral("Local registry")},
                                    {QStringLiteral("url"), m_registry.hostPort()},
                                    {QStringLiteral("builtIn"), true}}});
        // The built-in registry's data is the fixture's (berth-registry serves it).
        m_settings.setValue(QStringLiteral("localRegistry/dataDirectory"), m_registry.rootDir());
        m_secrets.useSessionMemory();
        m_window = std::make_unique<MainWindow>(m_settings, m_secrets);
        m_window->show();
        m_tags = tagModel(*m_window);
        ASSERT_TRUE(pollUntil([&] { return repositoryModel(*m_window)->repositoryCount() == 1; }))
            << statusText(*m_window).toStdString();
        registryWidget(*m_window)->openRepository(QStringLiteral("app"));
        ASSERT_TRUE(pollUntil([&] { return m_tags->rowCount() == 5; }))
            << statusText(*m_window).toStdString();
        ASSERT_TRUE(loaded());
    }

    static berth::test::RegistryFixture::Options builtIn()
    {
        berth::test::RegistryFixture::Options options;
        options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
        return options;
    }

    void pushImages()
    {
        berth::test::OciLayoutWriter w(m_layoutDir.path(), 31);
        const auto older =
            w.addImage(QStringLiteral("2023-05-01T00:00:00Z"), QStringLiteral("amd64"), {1000});
        const auto newer =
            w.addImage(QStringLiteral("2025-02-01T00:00:00Z"), QStringLiteral("amd64"), {2000});
        const auto other =
            w.addImage(QStringLiteral("2024-01-01T00:00:00Z"), QStringLiteral("arm64"), {3000});
        const auto multi = w.addIndex(QStringLiteral("2024-06-01T00:00:00Z"), true);
        const QString m = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        w.tag(QStringLiteral("older"), older.manifestDigest, m);
        w.tag(QStringLiteral("newer"), newer.manifestDigest, m);
        w.tag(QStringLiteral("other"), other.manifestDigest, m);
        w.tag(QStringLiteral("multi"), multi.digest,
              QStringLiteral("application/vnd.oci.image.index.v1+json"));
        w.save();
        for (const auto &[ref, dest, all] : std::vector<std::tuple<QString, QString, bool>>{
                 {QStringLiteral("older"), QStringLiteral("app:v1"), false},
                 {QStringLiteral("older"), QStringLiteral("app:v1.10"), false},
                 {QStringLiteral("newer"), QStringLiteral("app:v2"), false},
                 {QStringLiteral("other"), QStringLiteral("app:v1.9"), false},
                 {QStringLiteral("multi"), QStringLiteral("app:latest"), true}})
            ASSERT_TRUE(m_registry.push(m_layoutDir.path(), ref, dest, all))
                << m_registry.lastOutput().toStdString();
    }

    QStringList tagNames() const
    {
        QStringList names;
        for (int r = 0; r < m_tags->rowCount(); ++r)
            names.append(m_tags->tag(r));
        names.sort();
        return names;
    }

    bool loaded() const
    {
        return pollUntil(
            [&] { return m_tags->isComplete() && m_tags->describedCount() == m_tags->rowCount(); });
    }

    // Selects `names` in the tag view and opens the bulk delete dialog.
    BulkDeleteDialog *bulkDelete(const QStringList &names)
    {
        tagView(*m_window)->clearSelection();
        for (const QString &name : names) {
            const QModelIndex index =
                tagFilterModel(*m_window)->mapFromSource(m_tags->index(m_tags->rowOfTag(name), 0));
            tagView(*m_window)->selectionModel()->select(index, QItemSelectionModel::Select |
                                                                    QItemSelectionModel::Rows);
        }
        trigger(*m_window, "deleteTags");
        return m_dialogs.last<BulkDeleteDialog>();
    }

    // Keep the newest 2: v1.9 and the image of v1 + v1.10 would go. A
    // pattern matching nothing, or no pattern at all, offers nothing.
    void retentionPreviewsWhatGoes()
    {
        trigger(*m_window, "retention");
        auto *retention = m_dialogs.last<RetentionDialog>();
        ASSERT_TRUE(retention);
        child<QSpinBox>(*retention, "keepNewestCount")->setValue(2);
        QStringList preview;
        for (int i = 0; i < child<QListWidget>(*retention, "preview")->count(); ++i)
            preview << child<QListWidget>(*retention, "preview")->item(i)->text();
        ASSERT_EQ(preview.size(), 2) << preview.join(u'\n').toStdString();
        EXPECT_TRUE(preview.join(u'\n').contains(QStringLiteral("with tags v1, v1.10")))
            << preview.join(u'\n').toStdString();
        EXPECT_TRUE(preview.join(u'\n').contains(QStringLiteral("with tag v1.9")));
        EXPECT_TRUE(
            child<QLabel>(*retention, "summary")->text().startsWith(QStringLiteral("3 of 5 tags")))
            << child<QLabel>(*retention, "summary")->text().toStdString();
        // Only tags matching v1\.1.*: v1.10 alone, and it is the newest match.
        child<QCheckBox>(*retention, "matchingBox")->setChecked(true);
        child<QLineEdit>(*retention, "matchingEdit")->setText(QStringLiteral("v1\\.1.*"));
        EXPECT_EQ(child<QListWidget>(*retention, "preview")->count(), 0);
        EXPECT_FALSE(child<QPushButton>(*retention, "continueButton")->isEnabled());
        child<QLineEdit>(*retention, "matchingEdit")->setText(QStringLiteral("(")); // not a pattern
        EXPECT_FALSE(child<QPushButton>(*retention, "continueButton")->isEnabled());
        EXPECT_TRUE(child<QLabel>(*retention, "summary")
                        ->text()
                        .contains(QStringLiteral("regular expression")));
        retention->reject();
    }

    // v1 (its image stays for v1.10) and v1.9 (a whole image), once the
    // repository's name is typed.
    void bulkDeleteTakesATagAloneAndAWholeImage()
    {
        auto *bulk = bulkDelete({QStringLiteral("v1"), QStringLiteral("v1.9")});
        ASSERT_TRUE(bulk);
        ASSERT_EQ(child<QListWidget>(*bulk, "planList")->count(), 2);
        EXPECT_TRUE(child<QListWidget>(*bulk, "planList")
                        ->item(1)
                        ->text()
                        .contains(QStringLiteral("stays for v1.10")));
        EXPECT_FALSE(child<QPushButton>(*bulk, "deleteButton")->isEnabled());
        child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("ap"));
        EXPECT_FALSE(child<QPushButton>(*bulk, "deleteButton")->isEnabled());
        child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app"));
        ASSERT_TRUE(child<QPushButton>(*bulk, "deleteButton")->isEnabled());
        child<QPushButton>(*bulk, "deleteButton")->click();
        ASSERT_TRUE(pollUntil([&] { return bulk->isDone(); }));
        EXPECT_TRUE(child<QLabel>(*bulk, "summary")
                        ->text()
                        .startsWith(QStringLiteral("2 deleted, 0 skipped")))
            << child<QLabel>(*bulk, "summary")->text().toStdString();
        EXPECT_TRUE(child<QPushButton>(*bulk, "collectGarbageButton")->isVisible());
        bulk->reject();
        ASSERT_TRUE(pollUntil([&] { return tagNames() == kRemaining; }))
            << tagNames().join(u',').toStdString();
        ASSERT_TRUE(loaded());
    }

    // Escape while deleting cancels (before any deletion here), and the
    // dialog stays to say so.
    void escapeCancelsAndTheDialogSaysSo()
    {
        auto *bulk = bulkDelete({QStringLiteral("v1.10"), QStringLiteral("v2")});
        ASSERT_TRUE(bulk);
        child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app"));
        child<QPushButton>(*bulk, "deleteButton")->click();
        ASSERT_TRUE(bulk->isRunning());
        QTest::keyClick(bulk, Qt::Key_Escape);
        ASSERT_TRUE(pollUntil([&] { return bulk->isDone(); }));
        EXPECT_TRUE(bulk->isVisible());
        EXPECT_TRUE(child<QLabel>(*bulk, "summary")->text().startsWith(QStringLiteral("Cancelled")))
            << child<QLabel>(*bulk, "summary")->text().toStdString();
        bulk->reject();
        ASSERT_TRUE(pollUntil([&] { return m_tags->isComplete() && m_tags->rowCount() == 3; }));
        EXPECT_EQ(tagNames(), kRemaining);
    }

    // v1.10 moves after the preview: nothing of the selected tags is deleted.
    void tagsMovedAfterThePreviewAreSkipped()
    {
        auto *bulk = bulkDelete({QStringLiteral("v1.10"), QStringLiteral("v2")});
        ASSERT_TRUE(bulk);
        ASSERT_TRUE(m_registry.push(m_layoutDir.path(), QStringLiteral("newer"),
                                    QStringLiteral("app:v1.10")));
        child<QLineEdit>(*bulk, "confirmEdit")->setText(QStringLiteral("app"));
        child<QPushButton>(*bulk, "deleteButton")->click();
        ASSERT_TRUE(pollUntil([&] { return bulk->isDone(); }));
        EXPECT_TRUE(child<QLabel>(*bulk, "summary")
                        ->text()
                        .startsWith(QStringLiteral("0 deleted, 2 skipped")))
            << child<QLabel>(*bulk, "summary")->text().toStdString();
        bulk->reject();
        ASSERT_TRUE(pollUntil([&] { return m_tags->isComplete() && m_tags->rowCount() == 3; }));
    }

    // The app's preview is exactly `berth-registry garbage-collect
    // --dry-run`'s; collecting removes it, and every remaining tag resolves.
    void onlineCollectionMatchesTheCommandLine()
    {
        ageBlobs(m_registry.rootDir());
        const QJsonObject expected = gcDryRun(m_registry.rootDir());
        ASSERT_FALSE(expected.isEmpty());
        QStringList expectedBlobs;
        for (const QJsonValue &b : expected[QStringLiteral("blobsEligible")].toArray())
            expectedBlobs << b.toObject()[QStringLiteral("digest")].toString();
        expectedBlobs.sort();
        ASSERT_FALSE(expectedBlobs.isEmpty()); // v1.9's image and the original v1.10 image
        trigger(*m_window, "collectGarbage");
        auto *gc = m_dialogs.last<GarbageCollectionDialog>();
        ASSERT_TRUE(gc);
        // berth-registry holds the built-in registry's directory: online, no detour.
        ASSERT_TRUE(pollUntil([&] { return gc->method().kind == GcMethod::Kind::Online; }));
        EXPECT_FALSE(child<QLabel>(*gc, "liveServerWarning")->isVisibleTo(gc));
        EXPECT_FALSE(child<QPushButton>(*gc, "collectButton")->isEnabled()); // a preview first
        child<QPushButton>(*gc, "previewButton")->click();
        ASSERT_TRUE(pollUntil([&] { return !gc->isRunning() && gc->previewFindings(); }))
            << child<QLabel>(*gc, "statusLabel")->text().toStdString();
        QStringList shown;
        for (const GcFindings::Blob &b : gc->previewFindings()->blobs)
            shown << b.digest;
        shown.sort();
        EXPECT_EQ(shown, expectedBlobs);
        EXPECT_EQ(gc->previewFindings()->bytes,
                  expected[QStringLiteral("bytesToReclaim")].toInteger());
        ASSERT_TRUE(child<QPushButton>(*gc, "collectButton")->isEnabled());
        child<QPushButton>(*gc, "collectButton")->click();
        ASSERT_TRUE(berth::test::answerConfirmation(*gc, true));
        ASSERT_TRUE(pollUntil([&] { return !gc->isRunning(); }));
        ASSERT_TRUE(gc->collectedFindings().has_value())
            << child<QLabel>(*gc, "statusLabel")->text().toStdString();
        EXPECT_EQ(gc->collectedFindings()->blobs.size(), expectedBlobs.size());
        EXPECT_GE(gc->collectedFindings()->diskAvailableAfter, 0);
        EXPECT_TRUE(child<QLabel>(*gc, "statusLabel")->text().contains(QStringLiteral("before")))
            << child<QLabel>(*gc, "statusLabel")->text().toStdString();
        EXPECT_TRUE(
            gcDryRun(m_registry.rootDir())[QStringLiteral("blobsEligible")].toArray().isEmpty());
        trigger(*m_window, "refresh");
        registryWidget(*m_window)->openRepository(QStringLiteral("app"));
        ASSERT_TRUE(pollUntil([&] { return m_tags->rowCount() == 3; }));
        ASSERT_TRUE(loaded());
        for (int r = 0; r < m_tags->rowCount(); ++r)
            EXPECT_TRUE(m_tags->description(r))
                << m_tags->tag(r).toStdString() << ": " << m_tags->errorText(r).toStdString();
    }

    const QStringList kRemaining{QStringLiteral("latest"), QStringLiteral("v1.10"),
                                 QStringLiteral("v2")};
    berth::test::RegistryFixture m_registry{builtIn()};
    QTemporaryDir m_layoutDir;
    QTemporaryDir m_dir;
    QSettings m_settings{m_dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat};
    berth::credentials::SecretStore m_secrets{QStringLiteral("BerthTest")};
    berth::test::DialogWatcher m_dialogs;
    std::unique_ptr<MainWindow> m_window;
    TagModel *m_tags = nullptr;
};

} // namespace

// The retention preview lists exactly the expected tags; a bulk delete
// needs the repository's name typed, removes a tag alone where its image
// stays for a sibling, deletes a whole image, and skips images whose tags
// moved after the preview; then online garbage collection from the app
// previews exactly what the command line finds and collects it.
TEST_F(BulkDeleteScenario, RetentionBulkDeleteThenOnlineGarbageCollection)
{
    ASSERT_NO_FATAL_FAILURE(retentionPreviewsWhatGoes());
    ASSERT_NO_FATAL_FAILURE(bulkDeleteTakesATagAloneAndAWholeImage());
    ASSERT_NO_FATAL_FAILURE(escapeCancelsAndTheDialogSaysSo());
    ASSERT_NO_FATAL_FAILURE(tagsMovedAfterThePreviewAreSkipped());
    ASSERT_NO_FATAL_FAILURE(onlineCollectionMatchesTheCommandLine());
}

namespace {

// Pushes gone/app:v1 and keep/app:v1, then from the app: removal refused
// while gone/app has a tag; its image deleted; removal confirmed; the
// catalog and the data directory no longer have it, keep/app untouched.
void removeEmptyRepositoryScenario(bool berthRegistry)
{
    berth::test::RegistryFixture::Options options;
    if (berthRegistry)
        options.berthRegistry = QStringLiteral(BERTH_REGISTRY_BINARY);
    berth::test::RegistryFixture registry(options);
    ASSERT_TRUE(registry.start()) << registry.error().toStdString();
    QTemporaryDir layoutDir;
    const auto image = writeImageLayout(
        layoutDir.path(), 51, QStringLiteral("2024-01-01T00:00:00Z"), 700, QStringLiteral("v1"));
    for (const char *dest : {"gone/app:v1", "keep/app:v1"})
        ASSERT_TRUE(
            registry.push(layoutDir.path(), QStringLiteral("v1"), QString::fromLatin1(dest)))
            << registry.lastOutput().toStdString();

    QTemporaryDir dir;
    QSettings settings(dir.path() + QStringLiteral("/berth.ini"), QSettings::IniFormat);
    QVariantMap profile{{QStringLiteral("id"), QStringLiteral("r")},
                        {QStringLiteral("url"), registry.hostPort()}};
    if (berthRegistry)
        profile.insert(QStringLiteral("builtIn"), true);
    else
        profile.insert(QStringLiteral("dataDirectory"), registry.rootDir());
    writeProfiles(settings, {profile});
    berth::credentials::SecretStore secrets(QStringLiteral("BerthTest"));
    secrets.useSessionMemory();
    MainWindow window(settings, secrets);
    berth::test::DialogWatcher dialogs;
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 2; }))
        << statusText(window).toStdString();
    TagModel *tags = tagModel(window);
    registryWidget(window)->openRepository(QStringLiteral("gone/app"));
    ASSERT_TRUE(pollUntil([&] { return tags->isComplete() && tags->rowCount() == 1; }));
    trigger(window, "removeEmptyRepository");
    EXPECT_TRUE(statusText(window).contains(QStringLiteral("still has 1 tag")))
        << statusText(window).toStdString();
    EXPECT_FALSE(dialogs.last<QMessageBox>());

    auto *job = registryWidget(window)->session()->deleteManifest(
        QStringLiteral("gone/app"), *berth::oci::Digest::parse(image.manifestDigest.toStdString()));
    std::optional<bool> deleted;
    QObject::connect(job, &berth::client::DeleteManifestJob::finished, &window,
                     [&](const berth::client::ClientResult<berth::Ok> &r) { deleted = r.ok(); });
    ASSERT_TRUE(pollUntil([&] { return deleted.has_value(); }));
    ASSERT_TRUE(*deleted);
    trigger(window, "refresh");
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 2; }));
    registryWidget(window)->openRepository(QStringLiteral("gone/app"));
    ASSERT_TRUE(pollUntil([&] {
        return tags->repository() == QLatin1String("gone/app") && tags->isComplete() &&
               tags->rowCount() == 0;
    })) << tags->rowCount()
        << " " << statusText(window).toStdString();
    trigger(window, "removeEmptyRepository");
    QPointer<QMessageBox> box = dialogs.last<QMessageBox>();
    ASSERT_TRUE(box);
    box->button(QMessageBox::Yes)->click();
    ASSERT_TRUE(pollUntil([&] {
        return statusText(window).startsWith(QStringLiteral("Removed the empty repository"));
    })) << statusText(window).toStdString();
    ASSERT_TRUE(pollUntil([&] { return repositoryModel(window)->repositoryCount() == 1; }))
        << statusText(window).toStdString();
    EXPECT_FALSE(QFileInfo::exists(registry.rootDir() +
                                   QStringLiteral("/docker/registry/v2/repositories/gone/app")));
    EXPECT_TRUE(QFileInfo::exists(registry.rootDir() +
                                  QStringLiteral("/docker/registry/v2/repositories/keep/app")));
}

} // namespace

TEST(MainWindowTest, RemovesAnEmptyRepositoryThroughTheBuiltInRegistry)
{
    removeEmptyRepositoryScenario(true);
}

TEST(MainWindowTest, RemovesAnEmptyRepositoryFromTheProfilesDataDirectory)
{
    removeEmptyRepositoryScenario(false);
}
