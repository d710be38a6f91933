#include "ui/registry_gc_dialog.h"

#include "client/registry_session.h"
#include "local/shell_command_job.h"
#include "ui/size_format.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth::ui {

RegistryGcDialog::RegistryGcDialog(client::RegistrySession *session, const QString &registryName,
                                   QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    m_untagged = new QCheckBox(tr("Also delete manifests no tag points at (keeps the platforms "
                                  "of tagged multi-arch images and their signatures)"),
                               this);
    m_untagged->setObjectName(QStringLiteral("untaggedBox"));
    build(tr("Garbage collection — %1").arg(registryName),
          tr("berth-registry collects garbage while it serves: writes wait briefly, uploads in "
             "progress are safe, blobs written in the last hour are kept. Run a dry run first; "
             "Collect then removes what it listed."));
    connect(m_untagged, &QCheckBox::toggled, this, &RegistryGcDialog::updateButtons);
    connect(m_dryRun, &QPushButton::clicked, this, [this] { startOnline(true); });
    connect(m_run, &QPushButton::clicked, this, [this] { startOnline(false); });
    updateButtons();
}

RegistryGcDialog::RegistryGcDialog(const QString &registryName, const QString &command,
                                   const QString &dryRunCommand, QWidget *parent)
    : QDialog(parent)
    , m_shellCommand(command)
    , m_dryRunCommand(dryRunCommand)
{
    build(tr("Garbage collection — %1").arg(registryName),
          tr("Runs the command from this registry's settings with /bin/sh:<br><tt>%1</tt>%2")
              .arg(command.toHtmlEscaped(),
                   dryRunCommand.isEmpty()
                       ? tr("<br>No dry-run command is set: add one in Registry → Edit to preview.")
                       : tr("<br>Dry run: <tt>%1</tt>").arg(dryRunCommand.toHtmlEscaped())));
    connect(m_dryRun, &QPushButton::clicked, this, [this] { startCommand(true); });
    connect(m_run, &QPushButton::clicked, this, &RegistryGcDialog::confirmCommand);
    updateButtons();
}

void RegistryGcDialog::confirmCommand()
{
    if (isRunning() || m_confirmation)
        return;
    // Berth cannot preview what someone else's command deletes: say what
    // runs and what the last dry run printed, and ask.
    QString text = tr("Run the garbage collection command? What it deletes is gone for good.");
    QString info = QStringLiteral("<tt>%1</tt><br>").arg(m_shellCommand.toHtmlEscaped());
    info += m_dryRunLines >= 0
                ? tr("The dry run just before named %1 thing(s) eligible for deletion.")
                      .arg(m_dryRunLines)
                : tr("No dry run was made first.");
    m_confirmation =
        new QMessageBox(QMessageBox::Warning, windowTitle(), text, QMessageBox::Cancel, this);
    m_confirmation->setObjectName(QStringLiteral("confirmation"));
    m_confirmation->setInformativeText(info);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *collect = m_confirmation->addButton(tr("Collect"), QMessageBox::AcceptRole);
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    connect(collect, &QPushButton::clicked, this, [this] { startCommand(false); });
    m_confirmation->open();
}

RegistryGcDialog::~RegistryGcDialog() = default; // a running command's job kills its group

void RegistryGcDialog::cancelRun()
{
    if (m_job) {
        m_job->cancel();
        return;
    }
    if (!m_command)
        return;
    m_status->setText(tr("Stopping the command…"));
    m_command->cancel();
}

void RegistryGcDialog::reject()
{
    // Escape or the window's close button while a run is in flight: stop the
    // run and stay open to say how it ended.
    if (isRunning()) {
        cancelRun();
        return;
    }
    QDialog::reject();
}

void RegistryGcDialog::build(const QString &title, const QString &intro)
{
    setWindowTitle(title);
    resize(720, 480);
    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    introLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setMaximumBlockCount(20000);
    m_dryRun = new QPushButton(tr("Dry run"), this);
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_run = new QPushButton(tr("Collect"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(tr("Close"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_dryRun);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(introLabel);
    if (m_untagged)
        layout->addWidget(m_untagged);
    layout->addWidget(m_status);
    layout->addWidget(m_output, 1);
    layout->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, this, &RegistryGcDialog::reject);
}

bool RegistryGcDialog::isRunning() const
{
    return m_job || m_command;
}

void RegistryGcDialog::updateButtons()
{
    const bool busy = isRunning();
    m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
    if (m_untagged) {
        m_untagged->setEnabled(!busy);
        // Collect runs exactly what the last dry run showed.
        const bool previewed = m_preview && m_previewUntagged == m_untagged->isChecked();
        m_dryRun->setEnabled(!busy);
        m_run->setEnabled(!busy && previewed);
        return;
    }
    m_dryRun->setEnabled(!busy && !m_dryRunCommand.isEmpty());
    m_run->setEnabled(!busy);
}

void RegistryGcDialog::startOnline(bool dryRun)
{
    if (isRunning() || !m_session)
        return;
    const bool untagged = m_untagged->isChecked();
    m_status->setText(dryRun ? tr("Looking for what can go…") : tr("Collecting…"));
    m_job = new client::OnlineGcJob(m_session, dryRun, untagged);
    connect(m_job, &client::OnlineGcJob::finished, this,
            [this, dryRun, untagged](const client::ClientResult<client::OnlineGcReport> &r) {
                m_job = nullptr;
                if (!r.ok()) {
                    m_status->setText(r.error().kind == client::ClientErrorKind::Cancelled
                                          ? tr("Cancelled.")
                                          : r.error().message);
                    updateButtons();
                    Q_EMIT runFinished();
                    return;
                }
                const client::OnlineGcReport &report = *r;
                m_output->clear();
                for (const QString &m : report.manifests)
                    m_output->appendPlainText(tr("manifest %1").arg(m));
                for (const QString &b : report.blobs)
                    m_output->appendPlainText(tr("blob %1").arg(b));
                for (const QString &p : report.problems)
                    m_output->appendPlainText(tr("problem: %1").arg(p));
                if (dryRun) {
                    m_preview = report;
                    m_previewUntagged = untagged;
                    m_status->setText(
                        tr("Dry run: %1 blob(s) and %2 manifest(s) can go, %3 to reclaim. %4 "
                           "recent blob(s) kept for pushes in progress.")
                            .arg(report.blobs.size())
                            .arg(report.manifests.size())
                            .arg(formatBytes(report.bytes))
                            .arg(report.recentBlobsKept));
                } else {
                    m_collected = report;
                    m_preview.reset();
                    QString text = tr("Collected: %1 blob(s) and %2 manifest(s) removed, %3 "
                                      "reclaimed.")
                                       .arg(report.blobs.size())
                                       .arg(report.manifests.size())
                                       .arg(formatBytes(report.bytes));
                    if (report.diskAvailableBefore >= 0 && report.diskAvailableAfter >= 0)
                        text += QLatin1Char(' ') + tr("Free disk space on the registry: %1 "
                                                      "before, %2 after.")
                                                       .arg(formatBytes(report.diskAvailableBefore),
                                                            formatBytes(report.diskAvailableAfter));
                    m_status->setText(text);
                }
                updateButtons();
                Q_EMIT runFinished();
            });
    updateButtons();
}

void RegistryGcDialog::startCommand(bool dryRun)
{
    if (isRunning())
        return;
    const QString command = dryRun ? m_dryRunCommand : m_shellCommand;
    if (command.isEmpty())
        return;
    m_output->clear();
    m_exitCode = -1;
    m_status->setText(tr("Running: %1").arg(command));
    m_command = new local::ShellCommandJob(command, this);
    connect(m_command, &local::ShellCommandJob::output, this, [this](const QString &text) {
        m_output->moveCursor(QTextCursor::End);
        m_output->insertPlainText(text);
    });
    connect(m_command, &local::ShellCommandJob::finished, this,
            [this, dryRun](const local::ShellCommandResult &r) {
                m_command = nullptr;
                m_exitCode = r.started && r.normalExit ? r.exitCode : -1;
                m_dryRunLines = dryRun && r.succeeded() ? r.eligibleLines : -1;
                m_status->setText(
                    !r.started      ? r.error
                    : !r.normalExit ? tr("The command was stopped or crashed.")
                    : r.exitCode == 0
                        ? tr("Finished (exit status 0); %1 line(s) name something "
                             "eligible for deletion.")
                              .arg(r.eligibleLines)
                        : tr("The command failed with exit status %1: see its output.")
                              .arg(r.exitCode));
                updateButtons();
                Q_EMIT runFinished();
            });
    updateButtons();
}

} // namespace berth::ui
