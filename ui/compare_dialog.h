#pragma once

#include "client/client_error.h"
#include "inspect/image_files.h"

#include <QDialog>
#include <QPointer>

#include <array>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace berth::client {
class RegistrySession;
}

namespace berth::inspect {
class ImageFilesJob;
}

namespace berth::ui {

class FileDiffModel;

// Tag → Compare… with two tags selected: both images read as the Files
// tab reads them (at once, through the layer cache; progress and Stop),
// then compared on a worker — the settings that differ, the layers by
// digest and the files path by path, with a filter.
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(client::RegistrySession *session, const QString &repository, const QString &first,
                  const QString &second, QWidget *parent = nullptr);
    ~CompareDialog() override;

private:
    void onFiles(int side, const client::ClientResult<inspect::ImageFiles> &result);
    void onProgress();
    void compare();
    void stop();

    QString m_names[2];
    std::array<QPointer<inspect::ImageFilesJob>, 2> m_jobs;
    std::array<std::optional<inspect::ImageFiles>, 2> m_files;
    std::array<std::pair<qint64, qint64>, 2> m_progress{};

    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_stop;
    QTableWidget *m_settings;
    QLabel *m_layers;
    QLineEdit *m_filter;
    QTableView *m_table;
    FileDiffModel *m_model;
};

} // namespace berth::ui
