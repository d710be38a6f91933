#include "ui/files_view.h"

#include "ui/file_filter_model.h"
#include "ui/file_tree_model.h"
#include "ui/size_format.h"

#include "client/registry_session.h"
#include "inspect/image_files_job.h"
#include "inspect/layer_cache_location.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_loaded.clear();
        load();
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &FileFilterModel::setNameFilter);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setLayer(m_layer->currentData().isValid() ? m_layer->currentData().toInt() : -1);
        if (m_layer->currentIndex() > 0)
            m_tree->expandToDepth(2);
    });
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
}

void FilesView::onProgress(qint64 done, qint64 total, int layersDone, int layers)
{
    // Per mille: sizes beyond 2 GiB do not fit a progress bar's int.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 0);
    m_status->setText(tr("Reading the layers: %1 of %2 (%3 of %4 layers done)…")
                          .arg(formatBytes(done), formatBytes(total))
                          .arg(layersDone)
                          .arg(layers));
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
    const auto &entries = m_files->tree->entries();
    m_status->setText(
        tr("%n entries in %1 layers; %2 of files.", nullptr, static_cast<int>(entries.size()))
            .arg(m_files->layers.size())
            .arg(formatBytes(m_files->tree->fileBytes())));
    m_tree->header()->resizeSections(QHeaderView::ResizeToContents);
    fillLayerChooser();
    m_filter->setEnabled(true);
    showWaste();
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
    m_proxy->setLayer(-1);
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
    if (!w.duplicates.empty())
        text += QLatin1Char(' ') + tr("%n content(s) stored at several paths (%1).", nullptr,
                                      static_cast<int>(w.duplicates.size()))
                                       .arg(formatBytes([&w] {
                                           qint64 sum = 0;
                                           for (const auto &d : w.duplicates)
                                               sum += d.bytes();
                                           return sum;
                                       }()));
    m_waste->setText(text);
}

} // namespace berth::ui
