#include "ui/files_view.h"

#include "ui/file_filter_model.h"
#include "ui/file_tree_model.h"
#include "ui/file_view_dialog.h"
#include "ui/size_format.h"

#include "client/registry_session.h"
#include "inspect/image_files_job.h"
#include "inspect/layer_cache_location.h"
#include "inspect/save_folder_job.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QString percent(double share)
{
    return QString::number(share * 100.0, 'f', 1) + QLatin1Char('%');
}

constexpr int kNameWidth = 320;              // names a few folders deep stay readable
constexpr std::size_t kOpenAllUpTo = 20'000; // entries: a filter opens all its matches

} // namespace

FilesView::FilesView(QWidget *parent)
    : QWidget(parent)
    , m_model(new FileTreeModel(this))
    , m_proxy(new FileFilterModel(this))
{
    m_proxy->setSourceModel(m_model);

    m_layer = new QComboBox(this);
    m_layer->setObjectName(QStringLiteral("filesLayer"));
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filesFilter"));
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    auto *showLabel = new QLabel(tr("Show:"), this);
    showLabel->setBuddy(m_layer);
    auto *top = new QHBoxLayout;
    top->addWidget(showLabel);
    top->addWidget(m_layer);
    top->addWidget(m_filter, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("filesStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("filesProgress"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("filesStop"));
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("filesRetry"));
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_status, 1);
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_stop);
    progressRow->addWidget(m_retry);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("filesTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true); // 300,000 rows scroll without measuring each
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(FileTreeModel::NameColumn, Qt::AscendingOrder);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(FileTreeModel::NameColumn, kNameWidth);

    m_waste = new QLabel(this);
    m_waste->setObjectName(QStringLiteral("filesWaste"));
    m_waste->setWordWrap(true);
    m_waste->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(progressRow);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_waste);

    connect(m_stop, &QPushButton::clicked, this, &FilesView::stop);
    connect(m_tree, &QTreeView::activated, this, &FilesView::openFile);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &FilesView::showMenu);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_loaded.clear();
        load();
    });
    // Filtering 300,000 entries takes a moment: once typing pauses, not per key.
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(&m_filterDelay, &QTimer::timeout, this, [this] {
        const QString text = m_filter->text();
        m_proxy->setNameFilter(text);
        // Matches are shown opened up to them, unless the text is short or
        // the image large (opening every match would stall the window).
        const bool small = m_files && m_files->tree->entries().size() <= kOpenAllUpTo;
        if (text.size() >= 3 && small)
            m_tree->expandAll();
        else if (!text.isEmpty())
            m_tree->expandToDepth(2);
    });
    connect(m_layer, &QComboBox::currentIndexChanged, this, &FilesView::showLayer);
    clear();
}

FilesView::~FilesView() = default;

void FilesView::clear()
{
    if (m_job)
        m_job->cancel();
    m_files.reset();
    m_loaded.clear();
    m_model->clear();
    m_layer->clear();
    m_layer->setEnabled(false);
    m_filter->setEnabled(false);
    m_progress->hide();
    m_stop->hide();
    m_retry->hide();
    m_waste->clear();
    m_status->setText(tr("Select a tag to see its files."));
}

void FilesView::setImage(client::RegistrySession *session, const QString &repository,
                         const QString &manifest)
{
    if (session == m_session && repository == m_repository && manifest == m_manifest)
        return;
    clear();
    m_session = session;
    m_repository = repository;
    m_manifest = manifest;
    if (manifest.isEmpty()) {
        m_status->setText(tr("This tag has no image whose files could be shown."));
        return;
    }
    m_status->setText(tr("The files are read from the registry when this tab is open."));
    if (isVisible())
        load();
}

void FilesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    load();
}

void FilesView::load()
{
    if (!m_session || m_manifest.isEmpty() || m_loaded == m_manifest)
        return;
    m_loaded = m_manifest;
    m_retry->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_stop->show();
    m_status->setText(tr("Reading the layers…"));
    m_job = new inspect::ImageFilesJob(m_session, m_repository, m_manifest, std::nullopt,
                                       inspect::sharedLayerCache());
    connect(m_job, &inspect::ImageFilesJob::progress, this, &FilesView::onProgress);
    connect(m_job, &inspect::ImageFilesJob::finished, this, &FilesView::onFiles);
}

void FilesView::stop()
{
    if (m_job)
        m_job->cancel();
    if (m_save)
        m_save->cancel();
}

void FilesView::showMenu(const QPoint &at)
{
    const QModelIndex index = m_tree->indexAt(at);
    if (!m_files || !index.isValid())
        return;
    const QModelIndex source = m_proxy->mapToSource(index);
    const QString path = source.data(FileTreeModel::PathRole).toString();
    const auto *merged = m_files->tree->find(path.toStdString());
    if (!merged)
        return;
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (merged->entry.type == layers::EntryType::Directory) {
        QAction *save = menu->addAction(tr("Save folder as…"));
        save->setObjectName(QStringLiteral("filesSaveFolder"));
        save->setEnabled(!m_save);
        connect(save, &QAction::triggered, this, [this, path] { saveFolder(path); });
    } else {
        QAction *open = menu->addAction(tr("Open"));
        connect(open, &QAction::triggered, this, [this, index] { openFile(index); });
    }
    menu->popup(m_tree->viewport()->mapToGlobal(at));
}

void FilesView::saveFolder(const QString &folder)
{
    auto *chooser = new QFileDialog(this, tr("Save /%1 as a new folder").arg(folder));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->selectFile(folder.section(QLatin1Char('/'), -1));
    connect(chooser, &QFileDialog::fileSelected, this, [this, folder](const QString &target) {
        if (!m_files || m_save)
            return;
        m_save = new inspect::SaveFolderJob(m_session, *m_files, folder, target);
        m_progress->setRange(0, 0);
        m_progress->show();
        m_stop->show();
        m_status->setText(tr("Saving /%1 into %2…").arg(folder, target));
        connect(m_save, &inspect::SaveFolderJob::progress, this, [this](qint64 done, qint64 total) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
        });
        connect(
            m_save, &inspect::SaveFolderJob::finished, this,
            [this, folder, target](const client::ClientResult<inspect::SaveSummary> &r) {
                m_progress->hide();
                m_stop->hide();
                if (!r.ok()) {
                    m_status->setText(r.error().kind == client::ClientErrorKind::Cancelled
                                          ? tr("Stopped; nothing was saved.")
                                          : r.error().message);
                    return;
                }
                const inspect::SaveSummary &s = r.value();
                QString text =
                    tr("Saved /%1 into %2: %3 of files.").arg(folder, target, formatBytes(s.bytes));
                if (s.skipped > 0)
                    text += QLatin1Char(' ') +
                            tr("%n entry(s) left out (devices, links to outside the folder).",
                               nullptr, static_cast<int>(s.skipped));
                m_status->setText(text);
            });
    });
    chooser->open();
}

void FilesView::onProgress(qint64 done, qint64 total, int layersDone, int layers)
{
    // Per mille: sizes beyond 2 GiB do not fit a progress bar's int.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
    m_status->setText(tr("Reading the layers: %1 of %2 (%3 of %n layer(s) done)…", nullptr, layers)
                          .arg(formatBytes(done), formatBytes(total))
                          .arg(layersDone));
}

void FilesView::onFiles(const client::ClientResult<inspect::ImageFiles> &result)
{
    m_progress->hide();
    m_stop->hide();
    if (!result.ok()) {
        m_status->setText(result.error().kind == client::ClientErrorKind::Cancelled
                              ? tr("Stopped. Layers read so far are kept for next time.")
                              : result.error().message);
        m_retry->show();
        return;
    }
    m_files = result.value();
    m_model->setTree(m_files->tree);
    // The name keeps the width it has (the user's); the short columns fit.
    for (int column = FileTreeModel::SizeColumn; column <= FileTreeModel::OwnerColumn; ++column)
        m_tree->resizeColumnToContents(column);
    fillLayerChooser();
    showLayer();
    m_filter->setEnabled(true);
    showWaste();
}

void FilesView::openFile(const QModelIndex &index)
{
    if (!m_files || !m_session || !index.isValid())
        return;
    const QModelIndex source = m_proxy->mapToSource(index);
    // A link opens what it points to inside the image.
    const std::string asked = source.data(FileTreeModel::PathRole).toString().toStdString();
    const auto *merged = m_files->tree->resolve(asked);
    if (!merged) {
        const auto *link = m_files->tree->find(asked);
        if (link && link->entry.type == layers::EntryType::Symlink)
            m_waste->setText(tr("/%1 points to %2, which is not in this image.")
                                 .arg(QString::fromStdString(asked),
                                      QString::fromStdString(link->entry.linkTarget)));
        return;
    }
    const layers::FileEntry &e = merged->entry;
    if (e.type != layers::EntryType::File && e.type != layers::EntryType::Hardlink)
        return; // folders open in the tree; devices have no contents
    const QString path = QStringLiteral("/") + QString::fromStdString(e.path);
    auto *dialog =
        new FileViewDialog(m_session, m_repository,
                           m_files->layers[static_cast<std::size_t>(merged->layer)], path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void FilesView::showLayer()
{
    if (!m_files)
        return;
    const int layer = m_layer->currentIndex() > 0 ? m_layer->currentData().toInt() : -1;
    m_proxy->setLayer(layer);
    m_model->setSizesOfLayer(layer);
    if (layer < 0) {
        m_status->setText(
            tr("%1 in %2; %3 of files, as a container sees them.")
                .arg(tr("%n entry(s)", nullptr, static_cast<int>(m_files->tree->entries().size())),
                     tr("%n layer(s)", nullptr, static_cast<int>(m_files->layers.size())),
                     formatBytes(m_files->tree->fileBytes())));
        return;
    }
    m_tree->expandToDepth(2);
    // What the layer removed is no longer in the image: said here.
    QStringList removed;
    int more = 0;
    for (const layers::LayerChange &c : m_files->tree->changes()[static_cast<std::size_t>(layer)]) {
        if (c.kind != layers::ChangeKind::Removed)
            continue;
        if (removed.size() < 5)
            removed << tr("/%1 (%2)").arg(QString::fromStdString(c.path), formatBytes(c.bytes));
        else
            ++more;
    }
    QString text = tr("Shown: what layer %1 wrote that a container still sees (sizes: this "
                      "layer's files).")
                       .arg(layer + 1);
    if (!removed.isEmpty())
        text += QLatin1Char(' ') + tr("It deleted %1%2.")
                                       .arg(removed.join(QStringLiteral(", ")),
                                            more > 0 ? tr(" and %1 more").arg(more) : QString());
    m_status->setText(text);
}

void FilesView::fillLayerChooser()
{
    const QSignalBlocker blocker(m_layer);
    m_layer->clear();
    m_layer->addItem(tr("Every layer"));
    const auto &changes = m_files->tree->changes();
    for (std::size_t i = 0; i < m_files->layers.size(); ++i) {
        int added = 0;
        int modified = 0;
        int removed = 0;
        for (const layers::LayerChange &c : changes[i])
            (c.kind == layers::ChangeKind::Added      ? added
             : c.kind == layers::ChangeKind::Modified ? modified
                                                      : removed)++;
        m_layer->addItem(tr("Layer %1 (%2): %3 added, %4 changed, %5 removed")
                             .arg(i + 1)
                             .arg(formatBytes(m_files->layers[i].size))
                             .arg(added)
                             .arg(modified)
                             .arg(removed),
                         static_cast<int>(i));
    }
    m_layer->setEnabled(true);
}

void FilesView::showWaste()
{
    const layers::WasteReport &w = *m_files->waste;
    QString text =
        tr("%1 of the layers' %2 of files are seen by no container (efficiency %3).")
            .arg(formatBytes(w.wastedBytes), formatBytes(w.layerBytes), percent(w.efficiency));
    if (!w.paths.empty()) {
        const layers::WastedPath &top = w.paths.front();
        text += QLatin1Char(' ') +
                (top.removed ? tr("Largest: /%1, %2, deleted by a later layer.")
                             : tr("Largest: /%1, %2 in versions a later layer overwrote."))
                    .arg(QString::fromStdString(top.path), formatBytes(top.bytes));
    }
    if (!w.duplicates.empty()) {
        qint64 twice = 0;
        for (const auto &d : w.duplicates)
            twice += d.bytes();
        text += QLatin1Char(' ') + tr("The contents of %n file(s) are stored at more than one "
                                      "path (%1 in the extra copies).",
                                      nullptr, static_cast<int>(w.duplicates.size()))
                                       .arg(formatBytes(twice));
    }
    m_waste->setText(text);
}

} // namespace berth::ui
