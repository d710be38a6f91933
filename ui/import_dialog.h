#pragma once

#include "transfer/import_job.h"
#include "ui/job_dialog.h"

#include <QPointer>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

// Import an image from an OCI archive, a Docker archive (docker save) or
// an OCI layout folder into a repository of the registry shown
// (transfer::ImportJob): the archive is checked whole first, the tag
// comes last, so a damaged archive or a stop tags nothing.
class ImportDialog : public JobDialog
{
    Q_OBJECT

public:
    ImportDialog(client::RegistrySession *session, const QString &host, const QString &repository,
                 QWidget *parent = nullptr);
Q_SIGNALS:
    // The image landed in `repository` of the registry shown.
    void imported(const QString &repository);

protected:
    void start() override;
    void setInputsEnabled(bool enabled) override;
    QString stoppedText() const override;

private:
    void choose(bool folder);
    void showProgress(const transfer::ImportProgress &progress);
    void showResult(const client::ClientResult<transfer::ImportSummary> &result);

    QPointer<client::RegistrySession> m_session;
    QString m_host;
    QLineEdit *m_path;
    QPushButton *m_chooseFile;
    QPushButton *m_chooseFolder;
    QLineEdit *m_image;
    QLineEdit *m_repository;
    QLineEdit *m_tag;
    QCheckBox *m_overwrite;
};

} // namespace berth::ui
