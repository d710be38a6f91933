#include "ui/garbage_collect_dialog.h"

#include "ui/report_table.h"
#include "ui/size_format.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

GarbageCollectDialog::GarbageCollectDialog(const QString &root, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Garbage collection"));
    resize(900, 560);
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Data directory:")));
    m_root = new QLineEdit(root);
    m_root->setObjectName(QStringLiteral("rootEdit"));
    row->addWidget(m_root, 1);
    m_untagged = new QCheckBox(tr("Also delete untagged manifests"));
    m_untagged->setObjectName(QStringLiteral("untaggedBox"));
    m_untagged->setToolTip(tr("Like --delete-untagged, except the platforms of tagged multi-arch "
                              "images and signatures of kept images, which are kept."));
    row->addWidget(m_untagged);
    layout->addLayout(row);

    auto *actions = new QHBoxLayout;
    m_previewButton = new QPushButton(tr("Preview (dry run)"));
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setDefault(true);
    m_collectButton = new QPushButton(tr("Collect…"));
    m_collectButton->setObjectName(QStringLiteral("collectButton"));
    m_collectButton->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setEnabled(false);
    actions->addWidget(m_previewButton);
    actions->addWidget(m_collectButton);
    actions->addWidget(m_cancel);
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    actions->addWidget(m_progress);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_status = new QLabel(tr("Preview first: nothing is deleted until you press Collect."));

    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *tabs = new QTabWidget;
    m_blobs = makeReportTable({tr("Blob"), tr("Size")});
    m_blobs->setObjectName(QStringLiteral("blobsTable"));
    m_manifests = makeReportTable({tr("Repository"), tr("Manifest")});
    m_manifests->setObjectName(QStringLiteral("manifestsTable"));
    m_problems = makeReportTable({tr("Path"), tr("Problem")});
    tabs->addTab(m_blobs, tr("Blobs"));
    tabs->addTab(m_manifests, tr("Manifests"));
    tabs->addTab(m_problems, tr("Problems"));
    layout->addWidget(tabs, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_previewButton, &QPushButton::clicked, this, &GarbageCollectDialog::preview);
    connect(m_collectButton, &QPushButton::clicked, this, &GarbageCollectDialog::collect);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_root, &QLineEdit::textChanged, this, &GarbageCollectDialog::optionsChanged);
    connect(m_untagged, &QCheckBox::toggled, this, &GarbageCollectDialog::optionsChanged);
}

void GarbageCollectDialog::optionsChanged()
{
    // A preview is only good for the directory and options it was made with.
    m_preview.reset();
    m_collectButton->setEnabled(false);
}

void GarbageCollectDialog::preview()
{
    start(true);
}

void GarbageCollectDialog::collect()
{
    if (m_preview)
        start(false);
}

void GarbageCollectDialog::start(bool dryRun)
{
    if (m_job || m_root->text().trimmed().isEmpty())
        return;
    storage::GcOptions options;
    options.dryRun = dryRun;
    options.deleteUntagged = m_untagged->isChecked();
    m_job = new local::GarbageCollectJob(m_root->text().trimmed(), options, this);
    connect(m_job, &local::GarbageCollectJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
        m_progress->setValue(static_cast<int>(done));
    });
    connect(m_job, &local::GarbageCollectJob::finished, this,
            [this, dryRun](const local::GarbageCollectJob::Outcome &outcome) {
                onFinished(dryRun, outcome);
            });
    m_previewButton->setEnabled(false);
    m_collectButton->setEnabled(false);
    m_cancel->setEnabled(true);
    m_root->setEnabled(false);
    m_untagged->setEnabled(false);
    m_progress->setMaximum(0);
    m_progress->show();
    m_status->setText(dryRun ? tr("Marking what is in use…") : tr("Collecting…"));
}

void GarbageCollectDialog::onFinished(bool dryRun, const local::GarbageCollectJob::Outcome &outcome)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    m_previewButton->setEnabled(true);
    m_cancel->setEnabled(false);
    m_root->setEnabled(true);
    m_untagged->setEnabled(true);
    m_progress->hide();
    if (!outcome.ok()) {
        const auto &e = outcome.error();
        if (e.code == "LOCKED")
            m_status->setText(tr("This data directory is in use by a running registry, so "
                                 "nothing was deleted. Stop the registry first, or collect online: "
                                 "berth-registry collects on SIGUSR1 or POST "
                                 "/berth/v1/garbage-collect. (%1)")
                                  .arg(qs(e.message)));
        else if (e.code == "CANCELLED")
            m_status->setText(tr("Cancelled; nothing was deleted."));
        else
            m_status->setText(tr("Could not collect: %1").arg(qs(e.message)));
        m_collectButton->setEnabled(m_preview.has_value());
        Q_EMIT runFinished();
        return;
    }
    display(outcome.value());
    if (dryRun) {
        m_preview = outcome.value();
        m_collectButton->setEnabled(true);
        m_status->setText(
            tr("Dry run: %1 blobs in use; %2 blobs and %3 manifests would be deleted, "
               "reclaiming %4. Press Collect to delete exactly these.")
                .arg(m_preview->blobsMarked)
                .arg(m_preview->blobsToDelete.size())
                .arg(m_preview->manifestsToDelete.size())
                .arg(formatBytes(static_cast<qint64>(m_preview->bytesToReclaim))));
    } else {
        m_collected = outcome.value();
        m_preview.reset();
        QString text = tr("Deleted %1 blobs and %2 manifests, reclaimed %3.")
                           .arg(m_collected->blobsToDelete.size())
                           .arg(m_collected->manifestsToDelete.size())
                           .arg(formatBytes(static_cast<qint64>(m_collected->bytesToReclaim)));
        if (m_collected->diskAvailableBefore && m_collected->diskAvailableAfter)
            text += QLatin1Char(' ') +
                    tr("Free disk space: %1 before, %2 after.")
                        .arg(formatBytes(static_cast<qint64>(*m_collected->diskAvailableBefore)),
                             formatBytes(static_cast<qint64>(*m_collected->diskAvailableAfter)));
        m_status->setText(text);
    }
    Q_EMIT runFinished();
}

void GarbageCollectDialog::display(const storage::GcReport &report)
{
    m_blobs->setRowCount(static_cast<int>(report.blobsToDelete.size()));
    for (int row = 0; row < m_blobs->rowCount(); ++row) {
        const auto &b = report.blobsToDelete[static_cast<std::size_t>(row)];
        m_blobs->setItem(row, 0, new QTableWidgetItem(qs(b.digest.toString())));
        m_blobs->setItem(row, 1, new QTableWidgetItem(formatBytes(static_cast<qint64>(b.size))));
    }
    m_manifests->setRowCount(static_cast<int>(report.manifestsToDelete.size()));
    for (int row = 0; row < m_manifests->rowCount(); ++row) {
        const auto &m = report.manifestsToDelete[static_cast<std::size_t>(row)];
        m_manifests->setItem(row, 0, new QTableWidgetItem(qs(m.repository)));
        m_manifests->setItem(row, 1, new QTableWidgetItem(qs(m.digest.toString())));
    }
    m_blobs->resizeColumnToContents(0);
    m_manifests->resizeColumnToContents(0);
    m_problems->setRowCount(static_cast<int>(report.problems.size()));
    for (int row = 0; row < m_problems->rowCount(); ++row) {
        const auto &p = report.problems[static_cast<std::size_t>(row)];
        m_problems->setItem(row, 0, new QTableWidgetItem(qs(p.path)));
        m_problems->setItem(row, 1, new QTableWidgetItem(qs(p.message)));
    }
}

} // namespace berth::ui
