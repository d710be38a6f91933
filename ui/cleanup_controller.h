#pragma once

#include "client/deletion_plan.h"
#include "ui/gc_findings.h"

#include <QHash>

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QWidget;

namespace berth::credentials {
struct RegistryProfile;
}

namespace berth::oci {
class Digest;
}

namespace berth::ui {

class GarbageCollectionDialog;
class RegistryWidget;

// Taking things away from the registry a RegistryWidget shows: the
// honest single delete, bulk deletes and retention (plan first, typed
// confirmation), garbage collection the way the registry's profile allows,
// and removing a repository that has no tags left. Every action asks first
// with its exact impact; dialogs open window-modal on `dialogParent`.
class CleanupController : public QObject
{
    Q_OBJECT

public:
    explicit CleanupController(QWidget *dialogParent);

    // The registry the actions apply to (not owned; may go away).
    void setRegistry(RegistryWidget *registry);

    // Asks with the exact impact, then deletes the current tag (or its image).
    void deleteCurrentTag();
    // The selected tags (one: as deleteCurrentTag): plan, typed confirmation.
    void deleteSelectedTags();
    // Keep the newest N / matching / older than D: preview, then confirmation.
    void openRetention();
    // The registry's one garbage collection dialog: by its command, on its
    // data directory, or online on a berth-registry; asks how when none is set.
    void collectGarbage();
    // Where the built-in registry keeps its data (its profile names none).
    void setBuiltInDataDirectory(const QString &root);
    // The open repository, when it has no tags: through the built-in
    // registry, or on the profile's data directory; asks first.
    void removeEmptyRepository();
    void openStorageInspector(const QString &root);

Q_SIGNALS:
    void message(const QString &text, const QString &detail = {});
    // The garbage collection dialog learnt how to collect on profile `id`.
    void gcSetupChosen(const QString &id, const QString &dataDirectory, const QString &command,
                       const QString &dryRunCommand);
    // A delete was refused by a registry browsed without a login: `retry`
    // runs it again once the user has logged in (ProfileController).
    void loginToWriteNeeded(const QString &why, const std::function<void()> &retry);

private:
    GcMethod gcMethodOf(const credentials::RegistryProfile &profile) const;
    std::optional<QList<client::TagFacts>> tagFacts();
    void confirmPlan(const client::DeletionPlan &plan);
    void runDelete(const QString &repository, const QString &tag, const oci::Digest &digest,
                   bool wholeImage);
    void removeConfirmed(const QString &profileId, const QString &dataDirectory,
                         const QString &repository);

    QWidget *m_dialogParent;
    QPointer<RegistryWidget> m_registry;
    QString m_builtInDataDirectory;
    QHash<QString, QPointer<GarbageCollectionDialog>> m_gcDialogs; // by profile id
};

} // namespace berth::ui
