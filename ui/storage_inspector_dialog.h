#pragma once

#include "local/inspect_store_job.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace berth::ui {

// Storage inspector: scans any registry:2 data directory (or the built-in
// registry's) in the background — progress, cancel — and shows usage per
// repository (exclusive vs shared bytes), orphan blobs, untagged manifests,
// uploads, dangling links, corrupt blobs (with verify) and problems; the
// report exports as JSON or CSV.
class StorageInspectorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit StorageInspectorDialog(const QString &root, QWidget *parent = nullptr);

    void scan();
    void cancelScan();
    bool isScanning() const { return m_job != nullptr; }
    const std::optional<storage::InspectReport> &report() const { return m_report; }
    // What export writes: one JSON document, or one CSV row per repository.
    QByteArray reportJson() const;
    QByteArray usageCsv() const;
    QTableWidget *table(int tab) const;

    enum Tab
    {
        RepositoriesTab,
        OrphansTab,
        UntaggedTab,
        UploadsTab,
        DanglingTab,
        CorruptTab,
        ProblemsTab
    };

Q_SIGNALS:
    void scanFinished();

private:
    void onFinished(const local::InspectStoreJob::Outcome &outcome);
    void display(const storage::InspectReport &report);
    void chooseRoot();
    void exportAs(bool json);

    QLineEdit *m_root = nullptr;
    QCheckBox *m_verify = nullptr;
    QPushButton *m_scan = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_exportJson = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_repositories = nullptr;
    QPointer<local::InspectStoreJob> m_job;
    std::optional<storage::InspectReport> m_report;
};

} // namespace berth::ui
