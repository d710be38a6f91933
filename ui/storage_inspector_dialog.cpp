#include "ui/storage_inspector_dialog.h"

#include "ui/report_table.h"
#include "ui/size_format.h"
#include "ui/usage_bar_delegate.h"

#include "local/report_formats.h"
#include "local/store_tasks.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace berth::ui {

namespace {

QTableWidgetItem *textItem(const QString &text)
{
    return new QTableWidgetItem(text);
}

QTableWidgetItem *bytesItem(std::uintmax_t bytes)
{
    auto *item = new QTableWidgetItem(formatBytes(static_cast<qint64>(bytes)));
    item->setData(Qt::UserRole, static_cast<qlonglong>(bytes));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

StorageInspectorDialog::StorageInspectorDialog(const QString &root, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Storage inspector"));
    resize(980, 620);
    auto *layout = new QVBoxLayout(this);

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(new QLabel(tr("Data directory:")));
    m_root = new QLineEdit(root);
    m_root->setObjectName(QStringLiteral("rootEdit"));
    m_root->setPlaceholderText(tr("a registry:2 root (holds docker/registry/v2)"));
    pathRow->addWidget(m_root, 1);
    auto *browse = new QPushButton(tr("Browse…"));
    pathRow->addWidget(browse);
    m_verify = new QCheckBox(tr("Verify blob contents (re-hash)"));
    m_verify->setObjectName(QStringLiteral("verifyBox"));
    pathRow->addWidget(m_verify);
    m_scan = new QPushButton(tr("Scan"));
    m_scan->setObjectName(QStringLiteral("scanButton"));
    m_scan->setDefault(true);
    pathRow->addWidget(m_scan);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setEnabled(false);
    pathRow->addWidget(m_cancel);
    layout->addLayout(pathRow);

    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(tr("Not scanned yet."));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusRow->addWidget(m_status, 1);
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    statusRow->addWidget(m_progress);
    layout->addLayout(statusRow);

    m_tabs = new QTabWidget;

    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_repositories =
        makeReportTable({tr("Repository"), tr("Usage"), tr("Exclusive"), tr("Shared"), tr("Tags"),
                         tr("Manifests"), tr("Untagged"), tr("Platforms of tagged indexes")});
    m_repositories->setObjectName(QStringLiteral("repositoriesTable"));
    m_repositories->setItemDelegateForColumn(1, new UsageBarDelegate(m_repositories));
    m_tabs->addTab(m_repositories, tr("Repositories"));
    m_tabs->addTab(makeReportTable({tr("Blob"), tr("Size")}), tr("Orphan blobs"));
    m_tabs->addTab(makeReportTable({tr("Repository"), tr("Manifest")}), tr("Untagged manifests"));
    m_tabs->addTab(makeReportTable({tr("Repository"), tr("Upload"), tr("Size"), tr("Age")}),
                   tr("Uploads"));
    m_tabs->addTab(makeReportTable({tr("Where"), tr("What")}), tr("Dangling links"));
    m_tabs->addTab(makeReportTable({tr("Blob"), tr("Size")}), tr("Corrupt blobs"));
    m_tabs->addTab(makeReportTable({tr("Path"), tr("Problem")}), tr("Problems"));
    layout->addWidget(m_tabs, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_exportJson = buttons->addButton(tr("Export JSON…"), QDialogButtonBox::ActionRole);
    m_exportCsv = buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole);
    m_exportJson->setEnabled(false);
    m_exportCsv->setEnabled(false);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &StorageInspectorDialog::chooseRoot);
    connect(m_scan, &QPushButton::clicked, this, &StorageInspectorDialog::scan);
    connect(m_cancel, &QPushButton::clicked, this, &StorageInspectorDialog::cancelScan);
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportAs(true); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportAs(false); });
}

QTableWidget *StorageInspectorDialog::table(int tab) const
{
    return qobject_cast<QTableWidget *>(m_tabs->widget(tab));
}

void StorageInspectorDialog::scan()
{
    if (m_job || m_root->text().trimmed().isEmpty())
        return;
    m_job = new local::InspectStoreJob(m_root->text().trimmed(), m_verify->isChecked(), this);
    connect(m_job, &local::InspectStoreJob::progress, this,
            [this](const QString &stage, qint64 done, qint64 total) {
                m_progress->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
                m_progress->setValue(static_cast<int>(done));
                m_status->setText(
                    stage == QLatin1String("verify")
                        ? tr("Verifying blob %1 of %2…").arg(done + 1).arg(total)
                        : tr("Reading repository %1 of %2…").arg(done + 1).arg(total));
            });
    connect(m_job, &local::InspectStoreJob::finished, this, &StorageInspectorDialog::onFinished);
    m_scan->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setMaximum(0); // busy until the first progress report
    m_progress->show();
    m_status->setText(tr("Listing blobs…"));
}

void StorageInspectorDialog::cancelScan()
{
    if (m_job)
        m_job->cancel();
}

void StorageInspectorDialog::onFinished(const local::InspectStoreJob::Outcome &outcome)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    m_scan->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->hide();
    if (!outcome.ok()) {
        m_status->setText(outcome.error().code == "CANCELLED"
                              ? tr("Scan cancelled; nothing was changed.")
                              : tr("Could not scan: %1").arg(qs(outcome.error().message)));
    } else {
        m_report = outcome.value();
        display(*m_report);
    }
    m_exportJson->setEnabled(m_report.has_value());
    m_exportCsv->setEnabled(m_report.has_value());
    Q_EMIT scanFinished();
}

void StorageInspectorDialog::display(const storage::InspectReport &report)
{
    const auto count = [](const char *text, std::size_t n) {
        return tr(text, nullptr, static_cast<int>(n));
    };
    const QString separator = QStringLiteral(" · ");
    m_status->setText(
        tr("%1, %2 in %3")
            .arg(count(QT_TR_N_NOOP("%n blob(s)"), report.blobCount),
                 formatBytes(static_cast<qint64>(report.blobBytes)),
                 count(QT_TR_N_NOOP("%n repository(s)"), report.repositories.size())) +
        separator +
        tr("%1 (%2)").arg(count(QT_TR_N_NOOP("%n orphan blob(s)"), report.orphanBlobs.size()),
                          formatBytes(static_cast<qint64>(report.orphanBytes))) +
        separator + count(QT_TR_N_NOOP("%n untagged manifest(s)"), report.untagged.size()) +
        separator + count(QT_TR_N_NOOP("%n upload(s)"), report.uploads.size()) + separator +
        count(QT_TR_N_NOOP("%n dangling link(s)"), report.danglingLinks.size()) + separator +
        count(QT_TR_N_NOOP("%n problem(s)"), report.problems.size() + report.corruptBlobs.size()));

    std::uintmax_t scale = 1;
    for (const auto &r : report.repositories)
        scale = std::max(scale, r.exclusiveBytes + r.sharedBytes);
    m_repositories->setRowCount(static_cast<int>(report.repositories.size()));
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        const auto &r = report.repositories[static_cast<std::size_t>(row)];
        m_repositories->setItem(row, 0, textItem(qs(r.name)));
        auto *bar = textItem({});
        bar->setData(UsageBarDelegate::ExclusiveRole, static_cast<double>(r.exclusiveBytes));
        bar->setData(UsageBarDelegate::SharedRole, static_cast<double>(r.sharedBytes));
        bar->setData(UsageBarDelegate::ScaleRole, static_cast<double>(scale));
        bar->setToolTip(tr("%1 exclusive (freed if removed), %2 shared with other repositories")
                            .arg(formatBytes(static_cast<qint64>(r.exclusiveBytes)),
                                 formatBytes(static_cast<qint64>(r.sharedBytes))));
        m_repositories->setItem(row, 1, bar);
        m_repositories->setItem(row, 2, bytesItem(r.exclusiveBytes));
        m_repositories->setItem(row, 3, bytesItem(r.sharedBytes));
        m_repositories->setItem(row, 4, textItem(QString::number(r.tags)));
        m_repositories->setItem(row, 5, textItem(QString::number(r.manifests)));
        m_repositories->setItem(row, 6, textItem(QString::number(r.untaggedManifests)));
        m_repositories->setItem(row, 7, textItem(QString::number(r.indexChildren)));
    }
    m_repositories->resizeColumnToContents(0);

    auto fill = [this](int tab, std::size_t rows, auto &&cells) {
        QTableWidget *t = table(tab);
        t->setRowCount(static_cast<int>(rows));
        for (std::size_t row = 0; row < rows; ++row)
            cells(t, static_cast<int>(row), row);
        m_tabs->setTabText(tab, m_tabs->tabText(tab).section(QStringLiteral(" ("), 0, 0) +
                                    QStringLiteral(" (%1)").arg(rows));
    };
    fill(OrphansTab, report.orphanBlobs.size(), [&](QTableWidget *t, int row, std::size_t i) {
        t->setItem(row, 0, textItem(qs(report.orphanBlobs[i].digest.toString())));
        t->setItem(row, 1, bytesItem(report.orphanBlobs[i].size));
    });
    fill(UntaggedTab, report.untagged.size(), [&](QTableWidget *t, int row, std::size_t i) {
        t->setItem(row, 0, textItem(qs(report.untagged[i].first)));
        t->setItem(row, 1, textItem(qs(report.untagged[i].second.toString())));
    });
    const auto now = std::chrono::system_clock::now();
    fill(UploadsTab, report.uploads.size(), [&](QTableWidget *t, int row, std::size_t i) {
        const auto &u = report.uploads[i];
        t->setItem(row, 0, textItem(qs(u.repository)));
        t->setItem(row, 1, textItem(qs(u.uuid)));
        t->setItem(row, 2, bytesItem(u.bytes));
        const auto hours =
            u.startedAt ? std::chrono::duration_cast<std::chrono::hours>(now - *u.startedAt).count()
                        : -1;
        t->setItem(row, 3, textItem(hours < 0 ? tr("unknown") : tr("%1 h").arg(hours)));
    });
    fill(DanglingTab, report.danglingLinks.size(), [&](QTableWidget *t, int row, std::size_t i) {
        t->setItem(row, 0, textItem(qs(report.danglingLinks[i].path)));
        t->setItem(row, 1, textItem(qs(report.danglingLinks[i].message)));
    });
    fill(CorruptTab, report.corruptBlobs.size(), [&](QTableWidget *t, int row, std::size_t i) {
        t->setItem(row, 0, textItem(qs(report.corruptBlobs[i].digest.toString())));
        t->setItem(row, 1, bytesItem(report.corruptBlobs[i].size));
    });
    fill(ProblemsTab, report.problems.size(), [&](QTableWidget *t, int row, std::size_t i) {
        t->setItem(row, 0, textItem(qs(report.problems[i].path)));
        t->setItem(row, 1, textItem(qs(report.problems[i].message)));
    });
}

QByteArray StorageInspectorDialog::reportJson() const
{
    return m_report ? local::inspectReportJson(*m_report) : QByteArray();
}

QByteArray StorageInspectorDialog::usageCsv() const
{
    return m_report ? local::inspectUsageCsv(*m_report) : QByteArray();
}

void StorageInspectorDialog::chooseRoot()
{
    auto *dialog = new QFileDialog(this, tr("Registry data directory"), m_root->text());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &dir) { m_root->setText(dir); });
    dialog->open();
}

void StorageInspectorDialog::exportAs(bool json)
{
    auto *dialog =
        new QFileDialog(this, json ? tr("Export report as JSON") : tr("Export usage as CSV"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(json ? QStringLiteral("json") : QStringLiteral("csv"));
    dialog->selectFile(json ? QStringLiteral("storage-report.json")
                            : QStringLiteral("storage-usage.csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, json](const QString &file) {
        m_status->setText(tr("Saving %1…").arg(file));
        local::saveFile(
            this, file, json ? reportJson() : usageCsv(), [this, file](const QString &error) {
                m_status->setText(error.isEmpty() ? tr("Saved %1.").arg(file)
                                                  : tr("Could not write %1: %2").arg(file, error));
            });
    });
    dialog->open();
}

} // namespace berth::ui
