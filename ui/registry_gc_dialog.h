#pragma once

#include "client/online_gc_job.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QCheckBox;
class QLabel;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;

namespace berth::client {
class RegistrySession;
}

namespace berth::local {
class ShellCommandJob;
}

namespace berth::ui {

// Garbage collection of a registry Berth does not hold the data of:
// - Online: berth-registry's admin endpoint (dry run first; Collect runs
//   with the options of that dry run; reclaimed bytes shown after).
// - Command: the user's own command from the registry's settings (e.g.
//   `docker exec registry registry garbage-collect … --delete-untagged`, or
//   an ssh command) run by local::ShellCommandJob in its own process group, output
//   streamed, exit status shown; its dry-run variant when the user gave one;
//   Collect asks first, with what the last dry run found.
class RegistryGcDialog : public QDialog
{
    Q_OBJECT

public:
    // Online mode.
    RegistryGcDialog(client::RegistrySession *session, const QString &registryName,
                     QWidget *parent = nullptr);
    // Command mode.
    RegistryGcDialog(const QString &registryName, const QString &command,
                     const QString &dryRunCommand, QWidget *parent = nullptr);
    ~RegistryGcDialog() override;
    bool isRunning() const;
    // Online mode: the last reports.
    const std::optional<client::OnlineGcReport> &previewReport() const { return m_preview; }
    const std::optional<client::OnlineGcReport> &collectedReport() const { return m_collected; }
    // Command mode: exit code of the last run (-1 none, crashed or killed).
    int lastExitCode() const { return m_exitCode; }
    // Command mode: the question Collect asks first (null when none is open).

    // While a run is in flight: cancels it (the dialog stays to say how it ended).
    void reject() override;

Q_SIGNALS:
    void runFinished();

private:
    void build(const QString &title, const QString &intro);
    void startOnline(bool dryRun);
    void startCommand(bool dryRun);
    void confirmCommand();
    void cancelRun();
    void updateButtons();

    QPointer<client::RegistrySession> m_session;
    QString m_shellCommand;
    QString m_dryRunCommand;
    QPointer<client::OnlineGcJob> m_job;
    QPointer<local::ShellCommandJob> m_command; // the run in flight
    std::optional<client::OnlineGcReport> m_preview;
    std::optional<client::OnlineGcReport> m_collected;
    bool m_previewUntagged = false;
    int m_exitCode = -1;
    int m_dryRunLines = -1; // of the last successful dry run; -1: none since
    QPointer<QMessageBox> m_confirmation;
    QLabel *m_status = nullptr;
    QCheckBox *m_untagged = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace berth::ui
