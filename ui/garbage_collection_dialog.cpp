#include "ui/garbage_collection_dialog.h"

#include "client/ping_job.h"
#include "client/registry_session.h"
#include "local/background_task.h"
#include "local/directory_servers.h"
#include "ui/gc_run.h"
#include "ui/report_table.h"
#include "ui/size_format.h"
#include "ui/theme_colors.h"
#include "ui/work_done_notice.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QLabel *wrappingLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

enum ResultTab
{
    BlobsTab,
    ManifestsTab,
    ProblemsTab,
    OutputTab
};

QString blobCount(qsizetype n)
{
    return GarbageCollectionDialog::tr("%n blob(s)", nullptr, static_cast<int>(n));
}

QString manifestCount(qsizetype n)
{
    return GarbageCollectionDialog::tr("%n manifest(s)", nullptr, static_cast<int>(n));
}

} // namespace

GarbageCollectionDialog::GarbageCollectionDialog(const QString &registryName,
                                                 client::RegistrySession *session,
                                                 const GcMethod &method, QWidget *parent)
    : QDialog(parent)
    , m_registryName(registryName)
    , m_session(session)
{
    setWindowTitle(tr("Garbage collection — %1").arg(registryName));
    resize(900, 580);
    m_methodLabel = wrappingLabel("methodLabel", this);
    m_warning = wrappingLabel("liveServerWarning", this);
    m_warning->setStyleSheet(
        QStringLiteral("QLabel { color: %1; background: %2; padding: 6px; }")
            .arg(ThemeColors::color(ThemeColors::Role::WarningText, palette()).name(),
                 ThemeColors::color(ThemeColors::Role::WarningBackground, palette()).name()));
    m_warning->hide();
    buildSetup();
    m_untagged = new QCheckBox(tr("Also delete manifests no tag points at"), this);
    m_untagged->setObjectName(QStringLiteral("untaggedBox"));
    m_untagged->setToolTip(tr("Like --delete-untagged, except that the platforms of tagged "
                              "multi-arch images and the signatures of kept images stay."));
    m_previewButton = new QPushButton(tr("Preview (dry run)"), this);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setDefault(true);
    m_collectButton = new QPushButton(tr("Collect…"), this);
    m_collectButton->setObjectName(QStringLiteral("collectButton"));
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_status = wrappingLabel("statusLabel", this);
    buildResults();

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_previewButton);
    actions->addWidget(m_collectButton);
    actions->addWidget(m_progress);
    actions->addStretch(1);
    actions->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_methodLabel);
    layout->addWidget(m_warning);
    layout->addWidget(m_setup);
    layout->addWidget(m_untagged);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    layout->addStretch(); // takes the room while there are no results to show

    connect(m_untagged, &QCheckBox::toggled, this, &GarbageCollectionDialog::updateButtons);
    connect(m_previewButton, &QPushButton::clicked, this, &GarbageCollectionDialog::preview);
    connect(m_collectButton, &QPushButton::clicked, this, &GarbageCollectionDialog::collect);
    connect(m_closeButton, &QPushButton::clicked, this, &GarbageCollectionDialog::reject);
    setMethod(method);
}

GarbageCollectionDialog::~GarbageCollectionDialog() = default; // a run in flight is cancelled

void GarbageCollectionDialog::buildSetup()
{
    m_setup = new QGroupBox(tr("How does Berth reach this registry's storage?"), this);
    m_setup->setObjectName(QStringLiteral("gcSetup"));
    m_setupDataDirectory = new QLineEdit(m_setup);
    m_setupDataDirectory->setObjectName(QStringLiteral("setupDataDirectory"));
    m_setupDataDirectory->setPlaceholderText(
        tr("its registry:2 data directory, if on this machine"));
    auto *browse = new QPushButton(tr("Browse…"), m_setup);
    connect(browse, &QPushButton::clicked, this, [this] {
        auto *chooser = new QFileDialog(this, tr("Registry data directory"));
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setOption(QFileDialog::ShowDirsOnly);
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        connect(chooser, &QFileDialog::fileSelected, m_setupDataDirectory, &QLineEdit::setText);
        chooser->open();
    });
    auto *directoryRow = new QHBoxLayout;
    directoryRow->addWidget(m_setupDataDirectory, 1);
    directoryRow->addWidget(browse);
    m_setupCommand = new QLineEdit(m_setup);
    m_setupCommand->setObjectName(QStringLiteral("setupCommand"));
    m_setupCommand->setPlaceholderText(
        tr("or a command: docker exec registry registry garbage-collect "
           "/etc/docker/registry/config.yml"));
    m_setupDryRunCommand = new QLineEdit(m_setup);
    m_setupDryRunCommand->setObjectName(QStringLiteral("setupDryRunCommand"));
    m_setupDryRunCommand->setPlaceholderText(tr("optional: the same with --dry-run"));
    auto *use = new QPushButton(tr("Use for this registry"), m_setup);
    use->setObjectName(QStringLiteral("useSetup"));
    connect(use, &QPushButton::clicked, this, &GarbageCollectionDialog::useSetup);
    auto *form = new QFormLayout(m_setup);
    form->addRow(tr("Data directory"), directoryRow);
    form->addRow(tr("Command"), m_setupCommand);
    form->addRow(tr("Dry-run command"), m_setupDryRunCommand);
    form->addRow(QString(), use);
}

void GarbageCollectionDialog::buildResults()
{
    m_results = new QTabWidget(this);
    m_blobs = makeReportTable({tr("Blob"), tr("Size")});
    m_blobs->setObjectName(QStringLiteral("blobsTable"));
    m_manifests = makeReportTable({tr("Manifest")});
    m_manifests->setObjectName(QStringLiteral("manifestsTable"));
    m_problems = makeReportTable({tr("Problem")});
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setMaximumBlockCount(20000);
    m_results->insertTab(BlobsTab, m_blobs, tr("Blobs"));
    m_results->insertTab(ManifestsTab, m_manifests, tr("Manifests"));
    m_results->insertTab(ProblemsTab, m_problems, tr("Problems"));
    m_results->insertTab(OutputTab, m_output, tr("Output"));
}

void GarbageCollectionDialog::setMethod(const GcMethod &method)
{
    m_method = method;
    m_preview.reset();
    ++m_probe; // a look for servers still running is for the old method
    m_probing = false;
    m_warning->hide();
    describeMethod();
    if (m_method.kind == GcMethod::Kind::DataDirectory)
        lookForServers();
}

void GarbageCollectionDialog::describeMethod()
{
    using Kind = GcMethod::Kind;
    const Kind kind = m_method.kind;
    QString text;
    switch (kind) {
    case Kind::None:
        text = tr("Berth does not know yet how to collect garbage on %1. Give it the registry's "
                  "data directory, if it is on this machine, or the command that collects on its "
                  "server.")
                   .arg(m_registryName.toHtmlEscaped());
        break;
    case Kind::DataDirectory:
        text = tr("Berth collects in the data directory <tt>%1</tt> itself, as <tt>registry "
                  "garbage-collect</tt> does. Nothing may push to it meanwhile: stop the registry "
                  "that serves it, or make it read-only.")
                   .arg(m_method.dataDirectory.toHtmlEscaped());
        break;
    case Kind::Online:
        text = tr("berth-registry collects while it serves: writes wait briefly, uploads in "
                  "progress are safe, blobs written in the last hour are kept.");
        break;
    case Kind::Command:
        text = tr("Berth runs this registry's command with /bin/sh:<br><tt>%1</tt><br>%2")
                   .arg(m_method.command.toHtmlEscaped(),
                        m_method.dryRunCommand.isEmpty()
                            ? tr("No dry-run command is set: add one in Registry → Edit to "
                                 "preview.")
                            : tr("Preview runs <tt>%1</tt>.")
                                  .arg(m_method.dryRunCommand.toHtmlEscaped()));
        break;
    }
    m_methodLabel->setText(text);
    m_setup->setVisible(kind == Kind::None);
    m_untagged->setVisible(kind == Kind::DataDirectory || kind == Kind::Online);
    for (int tab : {BlobsTab, ManifestsTab, ProblemsTab})
        m_results->setTabVisible(tab, kind != Kind::Command);
    m_results->setTabVisible(OutputTab, kind == Kind::Command);
    m_results->setVisible(kind != Kind::None);
    m_status->setText(kind == Kind::None ? QString() : previewFirst());
    updateButtons();
}

QString GarbageCollectionDialog::previewFirst() const
{
    return tr("Preview first: nothing is deleted until you press Collect and confirm.");
}

void GarbageCollectionDialog::lookForServers()
{
    const int probe = m_probe;
    const QString root = m_method.dataDirectory;
    m_probing = true;
    m_status->setText(tr("Looking for a registry serving this directory…"));
    updateButtons();
    local::BackgroundTask::start(
        this, [root] { return local::probeDataDirectory(root); },
        [this, probe](const local::DataDirectoryUse &use) {
            if (probe != m_probe)
                return;
            if (use.heldByBerthRegistry && m_session) {
                // berth-registry serves it: only it may collect, and can, online.
                GcMethod online;
                online.kind = GcMethod::Kind::Online;
                setMethod(online);
                return;
            }
            QStringList users;
            for (const local::DirectoryServer &s : use.servers)
                users.append(tr("%1 (process %2) %3").arg(s.program).arg(s.pid).arg(s.how));
            if (use.heldByBerthRegistry)
                users.append(tr("a berth-registry serves it"));
            if (!m_session) {
                warnAbout(users);
                return;
            }
            // The profile's own address answering is the other clue (a
            // registry in a container is not seen among the processes).
            auto *ping = m_session->ping();
            connect(ping, &client::PingJob::finished, this,
                    [this, probe, users](const client::ClientResult<client::PingInfo> &r) mutable {
                        if (probe != m_probe)
                            return;
                        if (r.ok() && m_session)
                            users.append(tr("the registry at %1 answers")
                                             .arg(m_session->endpoint().baseUrl.authority()));
                        warnAbout(users);
                    });
        });
}

void GarbageCollectionDialog::warnAbout(const QStringList &users)
{
    m_probing = false;
    m_status->setText(previewFirst());
    updateButtons();
    if (users.isEmpty())
        return;
    m_warning->setText(
        tr("<b>This directory looks in use:</b> %1. A push while Berth collects can lose "
           "layers. Stop the registry first, or make it read-only "
           "(<tt>storage.maintenance.readonly.enabled: true</tt>), as distribution's "
           "documentation asks.")
            .arg(users.join(QStringLiteral("; ")).toHtmlEscaped()));
    m_warning->show();
}

void GarbageCollectionDialog::useSetup()
{
    GcMethod method;
    method.dataDirectory = m_setupDataDirectory->text().trimmed();
    method.command = m_setupCommand->text().trimmed();
    method.dryRunCommand = m_setupDryRunCommand->text().trimmed();
    if (method.dataDirectory.isEmpty() && method.command.isEmpty()) {
        m_status->setText(tr("Give a data directory or a command."));
        return;
    }
    // The same order as CleanupController's: the user's command wins.
    method.kind =
        method.command.isEmpty() ? GcMethod::Kind::DataDirectory : GcMethod::Kind::Command;
    Q_EMIT setupChosen(method);
    setMethod(method);
}

bool GarbageCollectionDialog::isRunning() const
{
    return m_run != nullptr;
}

void GarbageCollectionDialog::preview()
{
    start(true);
}

void GarbageCollectionDialog::collect()
{
    if (isRunning() || m_confirmation || !m_collectButton->isEnabled())
        return;
    QString question;
    QString details;
    if (m_method.kind == GcMethod::Kind::Command) {
        question = tr("Run the garbage collection command? What it deletes is gone for good.");
        details = QStringLiteral("<tt>%1</tt><br>").arg(m_method.command.toHtmlEscaped()) +
                  (m_preview ? tr("The dry run just before named %n thing(s) eligible for "
                                  "deletion.",
                                  nullptr, m_preview->eligibleLines)
                             : tr("No dry run was made first."));
    } else {
        question =
            tr("Delete %1 and %2 from %3, reclaiming %4? What is deleted is gone for "
               "good.")
                .arg(blobCount(m_preview->blobs.size()), manifestCount(m_preview->manifests.size()),
                     m_registryName, formatBytes(m_preview->bytes));
        details = m_warning->isVisible() ? m_warning->text()
                                         : tr("Exactly what the preview listed is deleted.");
    }
    m_confirmation =
        new QMessageBox(QMessageBox::Warning, windowTitle(), question, QMessageBox::Cancel, this);
    m_confirmation->setObjectName(QStringLiteral("confirmation"));
    m_confirmation->setInformativeText(details);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *go = m_confirmation->addButton(tr("Collect"), QMessageBox::AcceptRole);
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    connect(go, &QPushButton::clicked, this, [this] { start(false); });
    m_confirmation->open();
}

void GarbageCollectionDialog::reject()
{
    // Escape or the window's close button while a run is in flight: stop the
    // run and stay open to say how it ended.
    if (isRunning()) {
        m_status->setText(tr("Stopping…"));
        m_run->cancel();
        return;
    }
    QDialog::reject();
}

void GarbageCollectionDialog::start(bool dryRun)
{
    if (isRunning() || m_probing || m_method.kind == GcMethod::Kind::None)
        return;
    const bool untagged = m_untagged->isChecked();
    m_run = new GcRun(m_method, m_session, dryRun, untagged, this);
    connect(m_run, &GcRun::output, m_output, [this](const QString &text) {
        m_output->moveCursor(QTextCursor::End);
        m_output->insertPlainText(text);
    });
    connect(m_run, &GcRun::progress, m_progress, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
        m_progress->setValue(static_cast<int>(done));
    });
    connect(m_run, &GcRun::finished, this, [this, dryRun, untagged](const GcOutcome &outcome) {
        onFinished(dryRun, untagged, outcome);
    });
    m_output->clear();
    m_exitCode = -1;
    m_progress->setMaximum(0);
    m_progress->setVisible(m_method.kind != GcMethod::Kind::Command);
    m_status->setText(
        m_method.kind == GcMethod::Kind::Command
            ? tr("Running: %1").arg(dryRun ? m_method.dryRunCommand : m_method.command)
        : dryRun ? tr("Looking for what can go…")
                 : tr("Collecting…"));
    updateButtons();
}

void GarbageCollectionDialog::onFinished(bool dryRun, bool untagged, const GcOutcome &outcome)
{
    m_run = nullptr; // it deletes itself
    m_progress->hide();
    m_exitCode = outcome.findings.exitCode;
    if (outcome.status == GcOutcome::Status::Locked && m_session) {
        // A berth-registry started serving the directory meanwhile.
        GcMethod online;
        online.kind = GcMethod::Kind::Online;
        setMethod(online);
        m_status->setText(outcome.error + QLatin1Char(' ') +
                          tr("Berth now collects through it, while it serves: preview again."));
    } else if (!outcome.ok()) {
        m_status->setText(outcome.error);
    } else if (dryRun) {
        m_preview = outcome.findings;
        m_previewUntagged = untagged;
        m_status->setText(summary(*m_preview));
    } else {
        m_collected = outcome.findings;
        m_preview.reset();
        m_status->setText(summary(*m_collected));
    }
    if (outcome.ok() && m_method.kind != GcMethod::Kind::Command)
        showFindings(outcome.findings);
    updateButtons();
    WorkDoneNotice::post(this, m_status->text());
    Q_EMIT runFinished();
}

QString GarbageCollectionDialog::summary(const GcFindings &f) const
{
    if (m_method.kind == GcMethod::Kind::Command)
        return f.dryRun ? tr("Preview finished (exit status 0): %n line(s) name something "
                             "eligible for deletion.",
                             nullptr, f.eligibleLines)
                        : tr("Collected (exit status 0): see the command's output.");
    const QString blobs = blobCount(f.blobs.size());
    const QString manifests = manifestCount(f.manifests.size());
    QString text = f.dryRun ? tr("Preview: %1 and %2 can go, reclaiming %3.")
                                  .arg(blobs, manifests, formatBytes(f.bytes))
                            : tr("Collected: %1 and %2 deleted, %3 reclaimed.")
                                  .arg(blobs, manifests, formatBytes(f.bytes));
    if (f.dryRun && f.recentBlobsKept > 0)
        text += QLatin1Char(' ') + tr("%n recent blob(s) are kept for pushes in progress.", nullptr,
                                      static_cast<int>(f.recentBlobsKept));
    if (f.dryRun && f.blobs.isEmpty() && f.manifests.isEmpty())
        return tr("Preview: nothing to collect — every blob and manifest is still in use. A "
                  "deleted tag's image stays while another tag or repository uses it.");
    if (f.dryRun)
        text += QLatin1Char(' ') + tr("Collect… deletes exactly these.");
    if (!f.dryRun && f.diskAvailableBefore >= 0 && f.diskAvailableAfter >= 0)
        text += QLatin1Char(' ') +
                tr("Free disk space: %1 before, %2 after.")
                    .arg(formatBytes(f.diskAvailableBefore), formatBytes(f.diskAvailableAfter));
    return text;
}

void GarbageCollectionDialog::showFindings(const GcFindings &f)
{
    m_blobs->setRowCount(static_cast<int>(f.blobs.size()));
    for (int row = 0; row < m_blobs->rowCount(); ++row) {
        const GcFindings::Blob &b = f.blobs[row];
        m_blobs->setItem(row, 0, new QTableWidgetItem(b.digest));
        m_blobs->setItem(row, 1,
                         new QTableWidgetItem(b.size >= 0 ? formatBytes(b.size) : QString()));
    }
    m_blobs->resizeColumnToContents(0);
    m_manifests->setRowCount(static_cast<int>(f.manifests.size()));
    for (int row = 0; row < m_manifests->rowCount(); ++row)
        m_manifests->setItem(row, 0, new QTableWidgetItem(f.manifests[row]));
    m_problems->setRowCount(static_cast<int>(f.problems.size()));
    for (int row = 0; row < m_problems->rowCount(); ++row)
        m_problems->setItem(row, 0, new QTableWidgetItem(f.problems[row]));
}

void GarbageCollectionDialog::updateButtons()
{
    using Kind = GcMethod::Kind;
    const bool busy = isRunning();
    const Kind kind = m_method.kind;
    m_closeButton->setText(busy ? tr("Cancel") : tr("Close"));
    m_setup->setEnabled(!busy);
    m_untagged->setEnabled(!busy);
    m_previewButton->setVisible(kind != Kind::None);
    m_collectButton->setVisible(kind != Kind::None);
    m_previewButton->setEnabled(!busy && !m_probing &&
                                (kind != Kind::Command || !m_method.dryRunCommand.isEmpty()));
    // Collect runs with the options of the preview it confirms, and only
    // when that preview found something.
    const bool previewed = m_preview && m_previewUntagged == m_untagged->isChecked() &&
                           (!m_preview->blobs.isEmpty() || !m_preview->manifests.isEmpty());
    m_collectButton->setEnabled(!busy && (kind == Kind::Command || previewed));
}

} // namespace berth::ui
