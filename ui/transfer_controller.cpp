#include "ui/transfer_controller.h"

#include "ui/export_dialog.h"
#include "ui/import_dialog.h"
#include "ui/profile_controller.h"
#include "ui/registry_widget.h"
#include "ui/tag_model.h"

#include "credentials/registry_profile.h"

namespace berth::ui {

TransferController::TransferController(RegistryWidget *registry, ProfileController *profiles,
                                       QWidget *window)
    : QObject(window)
    , m_registry(registry)
    , m_profiles(profiles)
    , m_window(window)
{
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

CopyDialog::OpenSession TransferController::sessionOpener() const
{
    return [profiles = m_profiles](const QString &id, QObject *context, auto done) {
        if (profiles)
            profiles->openSession(id, context, std::move(done));
    };
}

void TransferController::showCopied(const QString &registryId, const QString &repository)
{
    if (m_registry && m_registry->profile() && m_registry->profile()->id == registryId)
        m_registry->repositoryChanged(repository);
}

void TransferController::copySelected()
{
    if (m_registry)
        m_registry->openCopy(registries(), sessionOpener());
}

void TransferController::copyDropped(const QString &registryId, const QString &fromRepository,
                                     const QStringList &tags, const QString &repository)
{
    if (!m_registry || !m_registry->profile() || tags.isEmpty())
        return;
    const QString targetId = m_registry->profile()->id;
    if (tags.size() > 1)
        Q_EMIT message(tr("Copying one tag at a time: %1 first (%2 were dropped).")
                           .arg(tags.first())
                           .arg(tags.size()));
    // The source session lives as long as the dialog that copies from it.
    auto *holder = new QObject(this);
    const auto open = [this, holder, registryId, targetId, fromRepository, tag = tags.first(),
                       repository](client::RegistrySession *source, const QString &error) {
        if (!source) {
            holder->deleteLater();
            Q_EMIT message(error);
            return;
        }
        auto *dialog = new CopyDialog(source, registryId, registries(), sessionOpener(),
                                      fromRepository, tag, QString(), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setDestination(targetId, repository);
        connect(dialog, &QObject::destroyed, holder, &QObject::deleteLater);
        connect(dialog, &CopyDialog::message, this, &TransferController::message);
        connect(dialog, &CopyDialog::copiedTo, this, &TransferController::showCopied);
        dialog->open();
    };
    if (m_registry->session() && registryId == targetId)
        open(m_registry->session(), {});
    else if (m_profiles)
        m_profiles->openSession(registryId, holder, open);
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
