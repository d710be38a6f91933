#pragma once

#include "ui/copy_dialog.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace berth::transfer {
class CopyQueue;
}

namespace berth::ui {

class ProfileController;
class RegistryWidget;

// Moving images for the registry shown: Tag → Copy or promote… and tags
// dropped on one of its repositories from any window (CopyDialog, then the
// window's CopyQueue, shown by the Transfers panel), Tag → Export… (the
// selected tags, ExportDialog) and Tag → Import… (ImportDialog). One
// concern, so that the window only routes actions.
class TransferController : public QObject
{
    Q_OBJECT

public:
    TransferController(RegistryWidget *registry, ProfileController *profiles, QWidget *window);

    transfer::CopyQueue *queue() const { return m_queue; }
    bool hasRunningCopies() const;
    void stopCopies(); // running and waiting ones
    // Copies run at once, and layers each copy moves at once (Preferences).
    void setParallelism(int copies, int layers);
    void copySelected();
    // Tags of saved registry `registryId` dropped on `repository` of the
    // registry shown: their copy there is offered.
    void copyDropped(const QString &registryId, const QString &fromRepository,
                     const QStringList &tags, const QString &repository);
    void exportSelected();
    void importImage();
    // Copy `row` of the queue was refused by a registry it reached without
    // a login: ask for one (kept in the keychain), then copy again.
    void logInAndCopyAgain(int row);

Q_SIGNALS:
    void message(const QString &text); // for the status bar
    void copyQueued();                 // the window shows its transfers

private:
    QList<CopyDialog::Registry> registries() const;
    QString registryName(const QString &id) const;
    void openCopyDialog(const CopyDialog::Source &source, const QString &targetId,
                        const QString &targetRepository);
    void enqueue(const transfer::CopyTask &task);
    void onCopyFinished(int row);

    QPointer<RegistryWidget> m_registry;
    QPointer<ProfileController> m_profiles;
    QWidget *m_window;
    transfer::CopyQueue *m_queue;
    int m_layersAtOnce = 4;
};

} // namespace berth::ui
