#include "ui/compare_dialog.h"

#include "ui/file_diff_model.h"
#include "ui/file_view_dialog.h"
#include "ui/size_format.h"
#include "ui/text_diff_dialog.h"

#include "client/registry_session.h"
#include "inspect/image_files_job.h"
#include "inspect/layer_cache_location.h"
#include "local/background_task.h"

#include "layers/image_diff.h"
#include "oci/config_diff.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

struct Compared
{
    std::shared_ptr<const layers::ImageDiff> files;
    std::vector<oci::ConfigChange> settings;
};

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

QString CompareSide::label() const
{
    const QString image = reference.startsWith(QLatin1String("sha256:"))
                              ? QStringLiteral("%1@%2").arg(repository, reference)
                              : QStringLiteral("%1:%2").arg(repository, reference);
    return registry.isEmpty() ? image : QStringLiteral("%1: %2").arg(registry, image);
}

CompareDialog::CompareDialog(const std::array<CompareSide, 2> &sides, QWidget *parent)
    : QDialog(parent)
    , m_sides(sides)
    , m_names{sides[0].label(), sides[1].label()}
    , m_model(new FileDiffModel(this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare %1 with %2").arg(m_names[0], m_names[1]));
    resize(900, 640);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 0);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("compareStop"));
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_status, 1);
    progress->addWidget(m_bar);
    progress->addWidget(m_stop);
    // An index's platforms, once read: one chooser per side.
    auto *platforms = new QHBoxLayout;
    for (int side = 0; side < 2; ++side) {
        m_platformLabels[side] = new QLabel(tr("Platform of %1:").arg(m_names[side]), this);
        m_platforms[side] = new QComboBox(this);
        m_platforms[side]->setObjectName(side == 0 ? QStringLiteral("comparePlatformLeft")
                                                   : QStringLiteral("comparePlatformRight"));
        m_platformLabels[side]->setBuddy(m_platforms[side]);
        m_platformLabels[side]->hide();
        m_platforms[side]->hide();
        platforms->addWidget(m_platformLabels[side]);
        platforms->addWidget(m_platforms[side]);
        connect(m_platforms[side], &QComboBox::activated, this, [this, side] {
            read(side, oci::parsePlatform(m_platforms[side]->currentText().toStdString()));
        });
    }
    platforms->addStretch(1);

    m_settings = new QTableWidget(0, 3, this);
    m_settings->setObjectName(QStringLiteral("compareSettings"));
    m_settings->setHorizontalHeaderLabels({tr("Setting"), m_names[0], m_names[1]});
    m_settings->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_settings->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_settings->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_settings->verticalHeader()->hide();
    m_settings->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_settings->setWordWrap(false);
    m_layers = new QLabel(this);
    m_layers->setObjectName(QStringLiteral("compareLayers"));
    m_layers->setWordWrap(true);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("compareFilter"));
    m_filter->setPlaceholderText(tr("Filter by path"));
    m_filter->setClearButtonEnabled(true);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setFilterKeyColumn(FileDiffModel::PathColumn);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortRole(FileDiffModel::SortRole);
    // Once typing pauses: a diff can list 300,000 paths.
    auto *delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
    connect(delay, &QTimer::timeout, proxy,
            [this, proxy] { proxy->setFilterFixedString(m_filter->text()); });
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("compareFiles"));
    m_table->setModel(proxy);
    // The rows come in path order: sorted only when a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(FileDiffModel::PathColumn,
                                                      QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Double-click a file to see what changed in it."));
    connect(m_table, &QAbstractItemView::activated, this, &CompareDialog::openRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Settings above, files below; the user moves the line between them.
    auto *settingsPane = new QWidget(this);
    auto *settingsLayout = new QVBoxLayout(settingsPane);
    settingsLayout->setContentsMargins(0, 0, 0, 0);
    m_settingsTitle = new QLabel(tr("Settings that differ:"), settingsPane);
    m_settingsTitle->setObjectName(QStringLiteral("compareSettingsTitle"));
    settingsLayout->addWidget(m_settingsTitle);
    settingsLayout->addWidget(m_settings);
    auto *filesPane = new QWidget(this);
    auto *filesLayout = new QVBoxLayout(filesPane);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    filesLayout->addWidget(m_layers);
    filesLayout->addWidget(m_filter);
    filesLayout->addWidget(m_table, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_results = split;
    split->addWidget(settingsPane);
    split->addWidget(filesPane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(progress);
    layout->addLayout(platforms);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(m_stop, &QPushButton::clicked, this, &CompareDialog::stop);

    m_status->setText(tr("Reading both images' layers…"));
    read(0, std::nullopt);
    read(1, std::nullopt);
}

void CompareDialog::read(int side, const std::optional<oci::Platform> &platform)
{
    if (m_jobs[side])
        m_jobs[side]->cancel();
    if (!m_sides[side].session) {
        m_status->setText(tr("%1: the registry is no longer open.").arg(m_names[side]));
        return;
    }
    m_files[side].reset();
    m_progress[side] = {};
    ++m_generation; // a comparison still running is of what was shown
    m_bar->show();
    m_stop->show();
    m_jobs[side] =
        new inspect::ImageFilesJob(m_sides[side].session, m_sides[side].repository,
                                   m_sides[side].reference, platform, inspect::sharedLayerCache());
    connect(m_jobs[side], &inspect::ImageFilesJob::progress, this,
            [this, side](qint64 done, qint64 total, int, int) {
                m_progress[side] = {done, total};
                onProgress();
            });
    connect(m_jobs[side], &inspect::ImageFilesJob::finished, this,
            [this, side](const client::ClientResult<inspect::ImageFiles> &result) {
                onFiles(side, result);
            });
}

CompareDialog::~CompareDialog()
{
    stop();
}

void CompareDialog::stop()
{
    for (auto &job : m_jobs)
        if (job)
            job->cancel();
}

void CompareDialog::onProgress()
{
    const qint64 done = m_progress[0].first + m_progress[1].first;
    const qint64 total = m_progress[0].second + m_progress[1].second;
    m_bar->setRange(0, 1000);
    m_bar->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
    m_status->setText(
        tr("Reading both images' layers: %1 of %2…").arg(formatBytes(done), formatBytes(total)));
}

void CompareDialog::onFiles(int side, const client::ClientResult<inspect::ImageFiles> &result)
{
    if (!result.ok()) {
        stop();
        m_bar->hide();
        m_stop->hide();
        if (result.error().kind == client::ClientErrorKind::Cancelled) {
            m_status->setText(tr("Stopped. Layers read so far are kept for next time."));
            return;
        }
        // Nothing to show but why: no empty tables that look like a result.
        const QString &why = result.error().message;
        m_status->setText(why.contains(m_sides[side].reference)
                              ? tr("Cannot compare: %1").arg(why)
                              : tr("Cannot compare: %1: %2").arg(m_names[side], why));
        m_results->hide();
        return;
    }
    m_files[side] = result.value();
    offerPlatforms(side);
    if (m_files[0] && m_files[1])
        compare();
}

void CompareDialog::offerPlatforms(int side)
{
    const inspect::ImageFiles &files = *m_files[side];
    QComboBox *box = m_platforms[side];
    const bool offered = files.platforms.size() > 1;
    m_platformLabels[side]->setVisible(offered);
    box->setVisible(offered);
    if (!offered)
        return;
    if (box->count() != files.platforms.size()) {
        box->clear();
        box->addItems(files.platforms);
    }
    if (files.platform)
        box->setCurrentText(QString::fromStdString(files.platform->toString()));
}

void CompareDialog::openRow(const QModelIndex &index)
{
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(m_table->model());
    const layers::FileDiff *diff = m_model->diffAt(proxy->mapToSource(index).row());
    if (!diff || !m_files[0] || !m_files[1])
        return;
    // Each side's version: where its path leads in that image (a link
    // inside the image is followed), from the layer that last wrote it.
    std::array<std::optional<FileVersion>, 2> versions;
    for (int side = 0; side < 2; ++side) {
        const inspect::ImageFiles &files = *m_files[side];
        const layers::MergedEntry *merged = files.tree->resolve(diff->path);
        if (!merged || (merged->entry.type != layers::EntryType::File &&
                        merged->entry.type != layers::EntryType::Hardlink))
            continue;
        versions[side] = FileVersion{
            m_sides[side].session, m_sides[side].repository,
            files.layers[static_cast<std::size_t>(merged->layer)],
            QStringLiteral("/") + QString::fromStdString(merged->entry.path), m_names[side]};
    }
    QDialog *dialog = nullptr;
    if (versions[0] && versions[1]) {
        dialog = new TextDiffDialog({*versions[0], *versions[1]}, this);
    } else {
        const int side = versions[0] ? 0 : 1;
        const std::optional<FileVersion> &one = versions[side];
        if (!one)
            return; // a folder, a link or a device: the row says all
        dialog = new FileViewDialog(one->session, one->repository, one->layer, one->path, this);
        // Which image's copy: the other has none.
        dialog->setWindowTitle(
            tr("%1 — in %2, not in %3").arg(one->path, m_names[side], m_names[1 - side]));
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void CompareDialog::compare()
{
    m_status->setText(tr("Comparing…"));
    local::BackgroundTask::start(
        this,
        [left = *m_files[0], right = *m_files[1]] {
            Compared out;
            out.files = std::make_shared<const layers::ImageDiff>(layers::ImageDiff::of(
                left.layerDigests(), *left.tree, right.layerDigests(), *right.tree));
            if (left.config && right.config)
                out.settings = oci::diffConfigs(*left.config, *right.config);
            return out;
        },
        [this, generation = m_generation](const Compared &compared) {
            if (generation != m_generation)
                return;
            m_bar->hide();
            m_stop->hide();
            const layers::ImageDiff &d = *compared.files;
            m_results->show();
            m_status->setText(
                m_files[0]->manifest == m_files[1]->manifest
                    ? tr("Both are the same image.")
                    : tr("%n path(s) differ: ", nullptr, static_cast<int>(d.files.size())) +
                          tr("%1 of files only in %2, %3 only in %4.")
                              .arg(formatBytes(d.removedBytes), m_names[0],
                                   formatBytes(d.addedBytes), m_names[1]));
            m_settingsTitle->setText(compared.settings.empty() ? tr("No setting differs.")
                                                               : tr("Settings that differ:"));
            m_settings->setVisible(!compared.settings.empty());
            m_settings->setRowCount(static_cast<int>(compared.settings.size()));
            for (int row = 0; row < m_settings->rowCount(); ++row) {
                const oci::ConfigChange &c = compared.settings[static_cast<std::size_t>(row)];
                m_settings->setItem(row, 0, new QTableWidgetItem(text(c.field)));
                const auto shown = [](const std::string &value) {
                    return value.empty() ? tr("(none)") : text(value);
                };
                m_settings->setItem(row, 1, new QTableWidgetItem(shown(c.left)));
                m_settings->setItem(row, 2, new QTableWidgetItem(shown(c.right)));
            }
            m_layers->setText(tr("Layers: %1 shared, %2 only in %3, %4 only in %5.")
                                  .arg(d.sharedLayers.size())
                                  .arg(d.onlyLeft.size())
                                  .arg(m_names[0])
                                  .arg(d.onlyRight.size())
                                  .arg(m_names[1]));
            m_model->setDiff(compared.files);
            m_table->resizeColumnToContents(FileDiffModel::ChangeColumn);
            m_table->resizeColumnToContents(FileDiffModel::WhatColumn);
        });
}

} // namespace berth::ui
