#pragma once

#include "transfer/export_job.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

class JobProgress;

// Export tags of one repository into a file to carry where no network
// reaches: an OCI archive, a Docker archive (docker load) or an OCI
// layout folder (transfer::ExportJob). The file appears only once it is
// whole; stopping (or closing) leaves nothing.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    // `host` names the registry in the images' names ("host:5000/app:1").
    ExportDialog(client::RegistrySession *session, const QString &host, const QString &repository,
                 const QStringList &tags, QWidget *parent = nullptr);
    ~ExportDialog() override;

Q_SIGNALS:
    void message(const QString &text); // for the status bar

public Q_SLOTS:
    void reject() override;

private:
    archive::LayoutFormat format() const;
    void choosePath();
    void formatChanged();
    void start();
    void askToReplace(const QString &message);
    void showProgress(const transfer::ExportProgress &progress);
    void showResult(const client::ClientResult<transfer::ExportSummary> &result);
    void setRunning(bool running);

    QPointer<client::RegistrySession> m_session;
    QString m_host;
    QString m_repository;
    QStringList m_tags;
    QPointer<transfer::ExportJob> m_job;
    QString m_replaceConfirmed; // the path the user agreed to replace
    QComboBox *m_format;
    QLabel *m_pathLabel;
    QLineEdit *m_path;
    QPushButton *m_choose;
    QLineEdit *m_platform;
    QCheckBox *m_referrers;
    JobProgress *m_progress;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace berth::ui
