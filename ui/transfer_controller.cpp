#include "ui/transfer_controller.h"

#include "ui/export_dialog.h"
#include "ui/import_dialog.h"
#include "ui/registry_widget.h"
#include "ui/tag_model.h"

namespace berth::ui {

TransferController::TransferController(RegistryWidget *registry, QWidget *window)
    : QObject(window)
    , m_registry(registry)
    , m_window(window)
{
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
        if (m_registry && m_registry->tags()->repository() == repository)
            m_registry->reloadTags(repository);
    });
    dialog->open();
}

} // namespace berth::ui
