#pragma once

#include "ui/copy_dialog.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace berth::ui {

class ProfileController;
class RegistryWidget;

// Moving images for the registry shown: Tag → Copy or promote… and tags
// dropped on one of its repositories from any window (CopyDialog), Tag →
// Export… (the selected tags, ExportDialog) and Tag → Import…
// (ImportDialog). One concern, so that the window only routes actions.
class TransferController : public QObject
{
    Q_OBJECT

public:
    TransferController(RegistryWidget *registry, ProfileController *profiles, QWidget *window);

    void copySelected();
    // Tags of saved registry `registryId` dropped on `repository` of the
    // registry shown: a copy there is offered (one tag at a time).
    void copyDropped(const QString &registryId, const QString &fromRepository,
                     const QStringList &tags, const QString &repository);
    void exportSelected();
    void importImage();

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    QList<CopyDialog::Registry> registries() const;
    CopyDialog::OpenSession sessionOpener() const;
    void showCopied(const QString &registryId, const QString &repository);

    QPointer<RegistryWidget> m_registry;
    QPointer<ProfileController> m_profiles;
    QWidget *m_window;
};

} // namespace berth::ui
