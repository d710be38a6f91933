#include "ui/cleanup_controller.h"

#include "client/authenticator.h"
#include "client/delete_manifest_job.h"
#include "client/delete_tag_job.h"
#include "client/registry_session.h"
#include "client/remove_repository_job.h"
#include "local/store_tasks.h"
#include "ui/bulk_delete_dialog.h"
#include "ui/delete_tag_dialog.h"
#include "ui/garbage_collection_dialog.h"
#include "ui/registry_widget.h"
#include "ui/retention_dialog.h"
#include "ui/storage_inspector_dialog.h"
#include "ui/tag_model.h"

#include <QMessageBox>
#include <QSet>

namespace berth::ui {

CleanupController::CleanupController(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
{
}

void CleanupController::setRegistry(RegistryWidget *registry)
{
    m_registry = registry;
}

void CleanupController::deleteCurrentTag()
{
    if (!m_registry || !m_registry->profile())
        return;
    TagModel *tags = m_registry->tags();
    const int row = m_registry->currentTagRow();
    const client::ImageDescription *d = row >= 0 ? tags->description(row) : nullptr;
    if (!d || !d->manifest) {
        Q_EMIT message(tr("Select a tag whose details have loaded first."));
        return;
    }
    if (!tags->isComplete()) {
        // The sibling list must be complete to be honest.
        tags->fetchAll();
        Q_EMIT message(tr("Still loading tags; try again when the list is complete."));
        return;
    }
    if (tags->describedCount() < tags->rowCount()) {
        // So are the other tags of the image and the multi-arch images using it.
        Q_EMIT message(tr("Still loading the details of the tags; try again when they are "
                          "loaded."));
        return;
    }
    DeleteTagDialog::Subject subject;
    subject.registry = m_registry->host();
    subject.repository = tags->repository();
    subject.tag = tags->tag(row);
    subject.digest = QString::fromStdString(d->manifest->digest.toString());
    subject.size = tags->index(row, TagModel::SizeColumn).data().toString();
    subject.created = tags->index(row, TagModel::CreatedColumn).data().toString();
    subject.siblings = tags->tagsSharingDigest(row);
    subject.siblings.removeAll(subject.tag);
    subject.listedBy = tags->indexesListing(row);
    auto *dialog = new DeleteTagDialog(subject, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const oci::Digest digest = d->manifest->digest;
    connect(dialog, &QDialog::accepted, this, [this, dialog, subject, digest] {
        if (dialog->choice() != DeleteTagDialog::Choice::None)
            runDelete(subject.repository, subject.tag, digest,
                      dialog->choice() == DeleteTagDialog::Choice::WholeImage);
    });
    dialog->open();
}

void CleanupController::deleteSelectedTags()
{
    if (!m_registry)
        return;
    const QList<int> rows = m_registry->selectedTagRows();
    if (rows.size() <= 1) {
        deleteCurrentTag();
        return;
    }
    const auto facts = tagFacts();
    if (!facts)
        return;
    QSet<QString> selected;
    for (int row : rows)
        selected.insert(m_registry->tags()->tag(row));
    confirmPlan(client::DeletionPlan::make(m_registry->tags()->repository(), *facts, selected));
}

void CleanupController::openRetention()
{
    const auto facts = tagFacts();
    if (!facts)
        return;
    auto *dialog = new RetentionDialog(m_registry->tags()->repository(), *facts, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { confirmPlan(dialog->plan()); });
    dialog->open();
}

std::optional<QList<client::TagFacts>> CleanupController::tagFacts()
{
    if (!m_registry || !m_registry->session() || m_registry->tags()->repository().isEmpty()) {
        Q_EMIT message(tr("Open a repository first."));
        return std::nullopt;
    }
    TagModel *tags = m_registry->tags();
    if (!tags->isComplete()) {
        // Shared digests must be known for every tag to be honest.
        tags->fetchAll();
        Q_EMIT message(tr("Still loading tags; try again when the list is complete."));
        return std::nullopt;
    }
    QList<client::TagFacts> facts;
    for (int row = 0; row < tags->rowCount(); ++row) {
        const client::ImageDescription *d = tags->description(row);
        if (!d || !d->manifest) {
            Q_EMIT message(tr("The details of tag %1 did not load (%2), so what a delete "
                              "would take with it is unknown. Refresh and try again.")
                               .arg(tags->tag(row), tags->errorText(row)));
            return std::nullopt;
        }
        QList<oci::Digest> children;
        for (const client::PlatformImage &p : d->platforms)
            children.append(p.descriptor.digest);
        for (const client::PlatformImage &a : d->attestations)
            children.append(a.descriptor.digest);
        facts.append({tags->tag(row), d->manifest->digest, d->created, d->size,
                      d->isIndex() ? static_cast<int>(d->platforms.size()) : 0, children});
    }
    return facts;
}

void CleanupController::confirmPlan(const client::DeletionPlan &plan)
{
    if (!m_registry || !m_registry->session() || plan.isEmpty())
        return;
    auto *dialog =
        new BulkDeleteDialog(m_registry->session(), m_registry->host(), plan, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkDeleteDialog::deletionsFinished, this,
            [this, repository = plan.repository] {
                if (m_registry)
                    m_registry->reloadTags(repository);
            });
    connect(dialog, &BulkDeleteDialog::garbageCollectionRequested, this,
            &CleanupController::collectGarbage);
    connect(dialog, &BulkDeleteDialog::loginRequested, this, [this, plan](const QString &why) {
        Q_EMIT loginToWriteNeeded(why, [this, plan] { confirmPlan(plan); });
    });
    dialog->open();
}

void CleanupController::runDelete(const QString &repository, const QString &tag,
                                  const oci::Digest &digest, bool wholeImage)
{
    client::RegistrySession *session = m_registry ? m_registry->session() : nullptr;
    if (!session)
        return;
    const QString what = wholeImage
                             ? tr("image %1").arg(QString::fromStdString(digest.shortString()))
                             : tr("tag %1").arg(tag);
    Q_EMIT message(tr("Deleting %1 from %2…").arg(what, repository));
    const bool anonymous = !session->authenticator()->hasCredentials();
    auto done = [this, repository, tag, digest, wholeImage, what,
                 anonymous](const client::ClientResult<berth::Ok> &result) {
        if (!result.ok()) {
            const client::ClientErrorKind kind = result.error().kind;
            if (kind == client::ClientErrorKind::Cancelled)
                return;
            Q_EMIT message(result.error().message, result.error().detail);
            // Browsed anonymously and refused: offer a login, then again.
            if (anonymous && client::isLoginRefusal(kind))
                Q_EMIT loginToWriteNeeded(result.error().message,
                                          [this, repository, tag, digest, wholeImage] {
                                              runDelete(repository, tag, digest, wholeImage);
                                          });
            return;
        }
        Q_EMIT message(tr("Deleted %1 from %2. The registry frees the space at its next "
                          "garbage collection: <a href=\"gc\">collect garbage now…</a>")
                           .arg(what.toHtmlEscaped(), repository.toHtmlEscaped()));
        if (m_registry)
            m_registry->reloadTags(repository);
    };
    if (wholeImage) {
        auto *job = session->deleteManifest(repository, digest);
        connect(job, &client::DeleteManifestJob::finished, this, done);
    } else {
        auto *job = session->deleteTag(repository, tag, digest);
        connect(job, &client::DeleteTagJob::finished, this, done);
    }
}

void CleanupController::setBuiltInDataDirectory(const QString &root)
{
    m_builtInDataDirectory = root;
}

GcMethod CleanupController::gcMethodOf(const credentials::RegistryProfile &p) const
{
    GcMethod method;
    method.command = p.gcCommand;
    method.dryRunCommand = p.gcDryRunCommand;
    method.dataDirectory =
        p.builtIn && p.dataDirectory.isEmpty() ? m_builtInDataDirectory : p.dataDirectory;
    // The user's own command wins; on a data directory the dialog finds out
    // whether a berth-registry serves it (then it collects online).
    if (!method.command.isEmpty())
        method.kind = GcMethod::Kind::Command;
    else if (!method.dataDirectory.isEmpty())
        method.kind = GcMethod::Kind::DataDirectory;
    else if (p.builtIn)
        method.kind = GcMethod::Kind::Online;
    return method;
}

void CleanupController::collectGarbage()
{
    if (!m_registry || !m_registry->profile())
        return;
    const credentials::RegistryProfile &p = *m_registry->profile();
    // One dialog per registry: asking again brings it back.
    if (QPointer<GarbageCollectionDialog> open = m_gcDialogs.value(p.id)) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog =
        new GarbageCollectionDialog(p.name, m_registry->session(), gcMethodOf(p), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_gcDialogs.insert(p.id, dialog);
    connect(dialog, &GarbageCollectionDialog::setupChosen, this,
            [this, id = p.id](const GcMethod &method) {
                Q_EMIT gcSetupChosen(id, method.dataDirectory, method.command,
                                     method.dryRunCommand);
            });
    dialog->open();
}

void CleanupController::openStorageInspector(const QString &root)
{
    auto *dialog = new StorageInspectorDialog(root, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->scan();
}

void CleanupController::removeEmptyRepository()
{
    const QString repository = m_registry ? m_registry->tags()->repository() : QString();
    if (!m_registry || !m_registry->session() || !m_registry->profile() || repository.isEmpty()) {
        Q_EMIT message(tr("Open a repository first."));
        return;
    }
    TagModel *tags = m_registry->tags();
    if (!tags->isComplete()) {
        tags->fetchAll();
        Q_EMIT message(tr("Still loading tags; try again when the list is complete."));
        return;
    }
    if (tags->rowCount() > 0) {
        Q_EMIT message(tr("%1 still has %n tag(s): delete them first (select them, or Tag → "
                          "Retention…).",
                          nullptr, tags->rowCount())
                           .arg(repository));
        return;
    }
    const credentials::RegistryProfile profile = *m_registry->profile();
    if (profile.dataDirectory.isEmpty() && !profile.builtIn) {
        Q_EMIT message(
            tr("The registry API has no call to remove a repository. If this registry's data is "
               "on this machine, give its data directory in Registry → Edit; on the server, "
               "berth-registry rm-repo ROOT %1 does it.")
                .arg(repository));
        return;
    }
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Remove empty repository"),
        tr("Remove the empty repository %1 from %2? It has no tags; its folder (untagged "
           "manifests, layer links) goes. Blobs stay until the next garbage collection.")
            .arg(repository, profile.name),
        QMessageBox::Yes | QMessageBox::No, m_dialogParent);
    if (!profile.dataDirectory.isEmpty())
        // berth-registry holds a lock Berth checks; distribution holds none.
        box->setInformativeText(
            tr("Berth removes the folder in %1 itself. If distribution (registry:2) serves this "
               "directory, stop it first or make sure nothing pushes to %2 meanwhile.")
                .arg(profile.dataDirectory, repository));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this,
            [this, id = profile.id, dir = profile.dataDirectory, repository] {
                removeConfirmed(id, dir, repository);
            });
    box->open();
}

void CleanupController::removeConfirmed(const QString &profileId, const QString &dataDirectory,
                                        const QString &repository)
{
    auto done = [this, profileId, repository](const QString &error) {
        if (!error.isEmpty()) {
            Q_EMIT message(tr("%1 was not removed: %2").arg(repository, error));
            return;
        }
        Q_EMIT message(tr("Removed the empty repository %1.").arg(repository));
        // The user may have moved on while it ran: only the view of the
        // removed repository is cleared.
        if (!m_registry || !m_registry->profile() || m_registry->profile()->id != profileId ||
            m_registry->tags()->repository() != repository)
            return;
        m_registry->closeRepository();
        m_registry->refresh();
    };
    Q_EMIT message(tr("Removing %1…").arg(repository));
    if (!dataDirectory.isEmpty()) {
        local::removeEmptyRepository(this, dataDirectory, repository, done);
        return;
    }
    if (!m_registry || !m_registry->session())
        return;
    auto *job = new client::RemoveRepositoryJob(m_registry->session(), repository);
    connect(job, &client::RemoveRepositoryJob::finished, this,
            [done](const client::ClientResult<berth::Ok> &r) {
                done(r.ok() ? QString() : r.error().message);
            });
}

} // namespace berth::ui
