#pragma once

#include "client/copy_job.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// Copy one tag to another repository or tag of the registry shown, or
// promote it (another tag of the same repository): digest for digest,
// blobs linked rather than moved. A tag that points at another image is
// moved only when the user ticks the box (both digests are named first).
// Progress, stop, and the outcome in words.
class CopyDialog : public QDialog
{
    Q_OBJECT

public:
    CopyDialog(client::RegistrySession *session, const QString &repository, const QString &tag,
               const QString &digest, QWidget *parent = nullptr);
    ~CopyDialog() override;

Q_SIGNALS:
    // The copy landed in `repository` (its tag list may have changed).
    void copied(const QString &repository);

private:
    void start();
    void showProgress(const client::CopyProgress &progress);
    void showResult(const client::ClientResult<client::CopySummary> &result);
    void setRunning(bool running);

    QPointer<client::RegistrySession> m_session;
    QPointer<client::CopyJob> m_job;
    QString m_repository;
    QString m_tag;
    QLineEdit *m_toRepository;
    QLineEdit *m_toTag;
    QCheckBox *m_overwrite;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace berth::ui
