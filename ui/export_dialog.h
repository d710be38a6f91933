#pragma once

#include "transfer/export_job.h"
#include "ui/job_dialog.h"

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

// Export tags of one repository into a file to carry where no network
// reaches: an OCI archive, a Docker archive (docker load) or an OCI
// layout folder (transfer::ExportJob). The file appears only once it is
// whole; stopping (or closing) leaves nothing.
class ExportDialog : public JobDialog
{
    Q_OBJECT

public:
    // `host` names the registry in the images' names ("host:5000/app:1").
    ExportDialog(client::RegistrySession *session, const QString &host, const QString &repository,
                 const QStringList &tags, QWidget *parent = nullptr);

protected:
    void start() override;
    void setInputsEnabled(bool enabled) override;
    QString stoppedText() const override;

private:
    archive::LayoutFormat format() const;
    void choosePath();
    void formatChanged();
    void askToReplace(const QString &message);
    void showProgress(const transfer::ExportProgress &progress);
    void showResult(const client::ClientResult<transfer::ExportSummary> &result);

    QPointer<client::RegistrySession> m_session;
    QString m_host;
    QString m_repository;
    QStringList m_tags;
    QString m_replaceConfirmed; // the path the user agreed to replace
    QComboBox *m_format;
    QLabel *m_pathLabel;
    QLineEdit *m_path;
    QPushButton *m_choose;
    QLineEdit *m_platform;
    QCheckBox *m_referrers;
};

} // namespace berth::ui
