#include "ui/transfer_controller.h"

#include "ui/export_dialog.h"
#include "ui/import_dialog.h"
#include "ui/profile_controller.h"
#include "ui/registry_widget.h"
#include "ui/tag_model.h"

#include "credentials/registry_profile.h"
#include "transfer/copy_queue.h"

namespace berth::ui {

TransferController::TransferController(RegistryWidget *registry, ProfileController *profiles,
                                       QWidget *window)
    : QObject(window)
    , m_registry(registry)
    , m_profiles(profiles)
    , m_window(window)
    , m_queue(new transfer::CopyQueue(
          [profiles = QPointer<ProfileController>(profiles)](const QString &id, QObject *context,
                                                             client::SessionOpened done) {
              if (profiles)
                  profiles->openSession(id, context, std::move(done));
              else
                  done(nullptr, tr("The window is closing."));
          },
          this))
{
    connect(m_queue, &transfer::CopyQueue::finished, this, &TransferController::onCopyFinished);
}

QList<CopyDialog::Registry> TransferController::registries() const
{
    QList<CopyDialog::Registry> all;
    if (m_profiles) {
        for (const credentials::RegistryProfile &p : m_profiles->profiles())
            all.append({p.id, p.name});
    }
    return all;
}

QString TransferController::registryName(const QString &id) const
{
    for (const CopyDialog::Registry &r : registries()) {
        if (r.id == id)
            return r.name;
    }
    return id;
}

bool TransferController::hasRunningCopies() const
{
    return m_queue->hasUnfinished();
}

void TransferController::setParallelism(int copies, int layers)
{
    m_queue->setParallelTasks(copies);
    m_layersAtOnce = layers;
}

void TransferController::stopCopies()
{
    m_queue->stopAll();
}

void TransferController::copySelected()
{
    if (!m_registry || !m_registry->session() || !m_registry->profile()) {
        Q_EMIT message(tr("Open a registry first: a copy starts from its images."));
        return;
    }
    const TagModel *tags = m_registry->tags();
    if (tags->repository().isEmpty()) {
        Q_EMIT message(tr("Select the repository or tags to copy or promote first."));
        return;
    }
    CopyDialog::Source source;
    source.registryId = m_registry->profile()->id;
    source.registryName = m_registry->profile()->name;
    source.repository = tags->repository();
    source.filter = m_registry->tagFilter();
    for (int row : m_registry->selectedTagRows()) {
        source.tags << tags->tag(row);
        source.digests
            << tags->index(row, TagModel::TagColumn).data(TagModel::DigestRole).toString();
        if (const client::ImageDescription *d = tags->description(row); d && d->isIndex()) {
            for (const QString &platform : d->platformNames()) {
                if (!source.platforms.contains(platform))
                    source.platforms << platform;
            }
        }
    }
    openCopyDialog(source, source.registryId, source.repository);
}

void TransferController::copyDropped(const QString &registryId, const QString &fromRepository,
                                     const QStringList &tags, const QString &repository)
{
    if (!m_registry || !m_registry->profile() || tags.isEmpty())
        return;
    CopyDialog::Source source;
    source.registryId = registryId;
    source.registryName = registryName(registryId);
    source.repository = fromRepository;
    source.tags = tags;
    source.everyTagOffered = false; // the other window's filter is not known here
    openCopyDialog(source, m_registry->profile()->id, repository);
}

void TransferController::openCopyDialog(const CopyDialog::Source &source, const QString &targetId,
                                        const QString &targetRepository)
{
    auto *dialog = new CopyDialog(source, registries(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDestination(targetId, targetRepository);
    connect(dialog, &CopyDialog::copyRequested, this, &TransferController::enqueue);
    dialog->open();
}

void TransferController::enqueue(const transfer::CopyTask &task)
{
    transfer::CopyTask tuned = task;
    tuned.request.parallel = m_layersAtOnce;
    m_queue->add(tuned);
    Q_EMIT copyQueued();
    Q_EMIT message(tr("A copy to %1: %2 is in the Transfers list.")
                       .arg(task.targetName, task.request.toRepository));
}

void TransferController::onCopyFinished(int row)
{
    const transfer::CopyTaskStatus &status = m_queue->at(row);
    if (status.state != transfer::CopyTaskState::Done &&
        status.state != transfer::CopyTaskState::Partial)
        return;
    // The registry shown got new tags: list them.
    if (m_registry && m_registry->profile() && m_registry->profile()->id == status.task.targetId)
        m_registry->repositoryChanged(status.task.request.toRepository);
}

void TransferController::logInAndCopyAgain(int row)
{
    if (!m_profiles || row < 0 || row >= m_queue->size())
        return;
    const transfer::CopyTaskStatus &status = m_queue->at(row);
    const auto withoutLogin = [this](const QString &id) {
        const credentials::RegistryProfile *saved = m_profiles->find(id);
        return saved && saved->username.isEmpty();
    };
    // Pushes are what registries guard most: the destination first.
    const QString id = withoutLogin(status.task.targetId)   ? status.task.targetId
                       : withoutLogin(status.task.sourceId) ? status.task.sourceId
                                                            : QString();
    if (id.isEmpty()) {
        Q_EMIT message(tr("Both registries have a login, and one refused it: give it a login "
                          "with the rights the copy needs (Registry → Edit…)."));
        return;
    }
    const transfer::CopyTask task = status.task;
    m_profiles->logInToWriteTo(id, status.error ? status.error->message : QString(),
                               [self = QPointer<TransferController>(this), task] {
                                   if (self)
                                       self->enqueue(task);
                               });
}

void TransferController::exportSelected()
{
    if (!m_registry || !m_registry->session()) {
        Q_EMIT message(tr("Open a registry first: export writes its images into a file."));
        return;
    }
    QStringList tags;
    for (int row : m_registry->selectedTagRows())
        tags << m_registry->tags()->tag(row);
    if (tags.isEmpty()) {
        Q_EMIT message(tr("Select the tags to export first."));
        return;
    }
    auto *dialog = new ExportDialog(m_registry->session(), m_registry->host(),
                                    m_registry->tags()->repository(), tags, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::message, this, &TransferController::message);
    dialog->open();
}

void TransferController::importImage()
{
    if (!m_registry || !m_registry->session()) {
        Q_EMIT message(tr("Open a registry first: import pushes an image into it."));
        return;
    }
    auto *dialog = new ImportDialog(m_registry->session(), m_registry->host(),
                                    m_registry->tags()->repository(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::message, this, &TransferController::message);
    connect(dialog, &ImportDialog::imported, this, [this](const QString &repository) {
        if (m_registry)
            m_registry->repositoryChanged(repository);
    });
    dialog->open();
}

} // namespace berth::ui
