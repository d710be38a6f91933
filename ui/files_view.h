#pragma once

#include "client/client_error.h"
#include "inspect/image_files.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeView;

namespace berth::client {
class RegistrySession;
}

namespace berth::inspect {
class ImageFilesJob;
class SaveFolderJob;
} // namespace berth::inspect

namespace berth::ui {

class FileFilterModel;
class FileTreeModel;

// The details pane's Files tab: what a container of the image sees, read
// from the registry without pulling it (inspect::ImageFilesJob, through
// the layer cache) when the tab is first shown for an image; progress
// and Stop while layers stream, the tree with sizes and the layer that
// wrote each entry, a name filter, a layer chooser (what that layer
// wrote) and the image's wasted space; a file opens (FileViewDialog), a
// folder saves to disk (inspect::SaveFolderJob: links kept, never followed).
class FilesView : public QWidget
{
    Q_OBJECT

public:
    explicit FilesView(QWidget *parent = nullptr);
    ~FilesView() override;

    // The image to show next time the tab is visible (now, if it is);
    // `manifest` is an image manifest's digest (a platform's, for an index).
    void setImage(client::RegistrySession *session, const QString &repository,
                  const QString &manifest);
    void clear();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void stop();
    void onProgress(qint64 done, qint64 total, int layersDone, int layers);
    void onFiles(const client::ClientResult<inspect::ImageFiles> &result);
    void fillLayerChooser();
    // A file double-clicked (or Enter): FileViewDialog.
    void openFile(const QModelIndex &index);
    // Right-click: Open (a file), Save folder as… (a folder).
    void showMenu(const QPoint &at);
    void saveFolder(const QString &folder);
    // The tree, sizes and status for the layer chosen (or every layer).
    void showLayer();
    void showWaste();

    QPointer<client::RegistrySession> m_session;
    QString m_repository;
    QString m_manifest;
    QString m_loaded; // the manifest shown (or being read)
    QPointer<inspect::ImageFilesJob> m_job;
    QPointer<inspect::SaveFolderJob> m_save;
    std::optional<inspect::ImageFiles> m_files;

    QTimer m_filterDelay;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_stop;
    QPushButton *m_retry;
    QComboBox *m_layer;
    QLineEdit *m_filter;
    QTreeView *m_tree;
    QLabel *m_waste;
    FileTreeModel *m_model;
    FileFilterModel *m_proxy;
};

} // namespace berth::ui
