#pragma once

#include "client/client_error.h"
#include "inspect/image_files.h"

#include <QDialog>
#include <QPointer>

#include <array>
#include <optional>

class QComboBox;
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

// One image compared: a tag or digest of a repository of a registry.
struct CompareSide
{
    QPointer<client::RegistrySession> session;
    QString registry; // the registry's name, when the two sides differ in it
    QString repository;
    QString reference;

    QString label() const; // "repo:tag", "repo@sha256:…", "registry: repo:tag"
};

// Tag → Compare…: two images of any repositories of any saved registries
// read as the Files tab reads them (at once, through the layer cache;
// progress and Stop), then compared on a worker — the settings that
// differ, the layers by digest and the files path by path, with a filter.
// An index offers its platforms, one chooser per side. A changed text
// file opens side by side (TextDiffDialog), an added or removed one in
// FileViewDialog.
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(const std::array<CompareSide, 2> &sides, QWidget *parent = nullptr);
    ~CompareDialog() override;

private:
    void read(int side, const std::optional<oci::Platform> &platform);
    void onFiles(int side, const client::ClientResult<inspect::ImageFiles> &result);
    void offerPlatforms(int side);
    void onProgress();
    void compare();
    void openRow(const QModelIndex &index);
    void stop();

    std::array<CompareSide, 2> m_sides;
    QString m_names[2];
    std::array<QPointer<inspect::ImageFilesJob>, 2> m_jobs;
    std::array<std::optional<inspect::ImageFiles>, 2> m_files;
    std::array<std::pair<qint64, qint64>, 2> m_progress{};
    int m_generation = 0;

    std::array<QLabel *, 2> m_platformLabels{};
    std::array<QComboBox *, 2> m_platforms{};
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_stop;
    QWidget *m_results; // settings above files; hidden when a side failed
    QLabel *m_settingsTitle;
    QTableWidget *m_settings;
    QLabel *m_layers;
    QLineEdit *m_filter;
    QTableView *m_table;
    FileDiffModel *m_model;
};

} // namespace berth::ui
