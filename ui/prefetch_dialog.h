#pragma once

#include "client/prefetch_job.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// Pre-fetch: pulls a list of images through the registry shown (every
// platform and layer, the bytes dropped) so that a mirror holds them for
// when its upstream is away. Progress, cancel, and what could not be
// fetched, in words.
class PrefetchDialog : public QDialog
{
    Q_OBJECT

public:
    // `references`: what the list starts with (the tag selected, if any).
    PrefetchDialog(client::RegistrySession *session, const QString &registryName,
                   const QStringList &references, QWidget *parent = nullptr);
    ~PrefetchDialog() override;

private:
    void start();
    void showProgress(const client::PrefetchProgress &progress);
    void showResult(const client::ClientResult<client::PrefetchSummary> &result);
    void setRunning(bool running);
    void jobGone();

    QPointer<client::RegistrySession> m_session;
    QPointer<client::PrefetchJob> m_job;
    QPlainTextEdit *m_references;
    QProgressBar *m_progress;
    QLabel *m_status;
    QListWidget *m_results; // one row per image: fetched, or why not
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace berth::ui
