#pragma once

#include "transfer/import_job.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::ui {

class JobProgress;

// Import an image from an OCI archive, a Docker archive (docker save) or
// an OCI layout folder into a repository of the registry shown
// (transfer::ImportJob): the archive is checked whole first, the tag
// comes last, so a damaged archive or a stop tags nothing.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(client::RegistrySession *session, const QString &host, const QString &repository,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

Q_SIGNALS:
    // The image landed in `repository` of the registry shown.
    void imported(const QString &repository);
    void message(const QString &text); // for the status bar

public Q_SLOTS:
    void reject() override;

private:
    void choose(bool folder);
    void start();
    void showProgress(const transfer::ImportProgress &progress);
    void showResult(const client::ClientResult<transfer::ImportSummary> &result);
    void setRunning(bool running);

    QPointer<client::RegistrySession> m_session;
    QString m_host;
    QPointer<transfer::ImportJob> m_job;
    QLineEdit *m_path;
    QPushButton *m_chooseFile;
    QPushButton *m_chooseFolder;
    QLineEdit *m_image;
    QLineEdit *m_repository;
    QLineEdit *m_tag;
    QCheckBox *m_overwrite;
    JobProgress *m_progress;
    QPushButton *m_start;
    QPushButton *m_cancel;
};

} // namespace berth::ui
