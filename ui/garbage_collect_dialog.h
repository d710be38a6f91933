#pragma once

#include "local/garbage_collect_job.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace berth::ui {

// Garbage collection of a registry:2 data directory with Berth's engine: a
// dry run first — every blob and manifest that would go, and the bytes —
// then "Collect" runs exactly that (same directory, same options). A
// directory a running registry holds is refused with the reason and how to
// collect online instead.
class GarbageCollectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GarbageCollectDialog(const QString &root, QWidget *parent = nullptr);

    void preview();
    void collect();
    bool isRunning() const { return m_job != nullptr; }
    // The last dry run's report, while the options have not changed since.
    const std::optional<storage::GcReport> &previewReport() const { return m_preview; }
    const std::optional<storage::GcReport> &collectedReport() const { return m_collected; }

Q_SIGNALS:
    void runFinished();

private:
    void start(bool dryRun);
    void onFinished(bool dryRun, const local::GarbageCollectJob::Outcome &outcome);
    void display(const storage::GcReport &report);
    void optionsChanged();

    QLineEdit *m_root = nullptr;
    QCheckBox *m_untagged = nullptr;
    QPushButton *m_previewButton = nullptr;
    QPushButton *m_collectButton = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_blobs = nullptr;
    QTableWidget *m_manifests = nullptr;
    QTableWidget *m_problems = nullptr;
    QPointer<local::GarbageCollectJob> m_job;
    std::optional<storage::GcReport> m_preview;
    std::optional<storage::GcReport> m_collected;
};

} // namespace berth::ui
