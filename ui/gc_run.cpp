#include "ui/gc_run.h"

#include "client/online_gc_job.h"
#include "client/registry_session.h"
#include "local/garbage_collect_job.h"
#include "local/shell_command_job.h"

#include <QTimer>

namespace berth::ui {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

GcFindings findingsOf(const storage::GcReport &report)
{
    GcFindings f;
    f.dryRun = report.dryRun;
    for (const auto &b : report.blobsToDelete)
        f.blobs.append({qs(b.digest.toString()), static_cast<qint64>(b.size)});
    for (const auto &m : report.manifestsToDelete)
        f.manifests.append(qs(m.repository) + QLatin1Char('@') + qs(m.digest.toString()));
    for (const auto &p : report.problems)
        f.problems.append(qs(p.path) + QStringLiteral(": ") + qs(p.message));
    f.bytes = static_cast<qint64>(report.bytesToReclaim);
    f.recentBlobsKept = static_cast<qint64>(report.recentBlobsKept);
    if (report.diskAvailableBefore)
        f.diskAvailableBefore = static_cast<qint64>(*report.diskAvailableBefore);
    if (report.diskAvailableAfter)
        f.diskAvailableAfter = static_cast<qint64>(*report.diskAvailableAfter);
    return f;
}

GcFindings findingsOf(const client::OnlineGcReport &report)
{
    GcFindings f;
    f.dryRun = report.dryRun;
    for (const QString &digest : report.blobs)
        f.blobs.append({digest, -1});
    f.manifests = report.manifests;
    f.problems = report.problems;
    f.bytes = report.bytes;
    f.recentBlobsKept = report.recentBlobsKept;
    f.diskAvailableBefore = report.diskAvailableBefore;
    f.diskAvailableAfter = report.diskAvailableAfter;
    return f;
}

// Cancels `job` if it is still there (each method's job has its own cancel()).
template <class Job> std::function<void()> cancellerOf(Job *job)
{
    return [job = QPointer<Job>(job)] {
        if (job)
            job->cancel();
    };
}

GcOutcome failed(GcOutcome::Status status, const QString &error)
{
    GcOutcome outcome;
    outcome.status = status;
    outcome.error = error;
    return outcome;
}

} // namespace

GcRun::GcRun(const GcMethod &method, client::RegistrySession *session, bool dryRun,
             bool deleteUntagged, QObject *parent)
    : QObject(parent)
    , m_method(method)
    , m_session(session)
    , m_dryRun(dryRun)
    , m_deleteUntagged(deleteUntagged)
{
    QTimer::singleShot(0, this, &GcRun::start);
}

GcRun::~GcRun()
{
    if (!m_finished && m_cancelJob)
        m_cancelJob();
}

void GcRun::cancel()
{
    m_cancelled = true;
    if (m_cancelJob)
        m_cancelJob();
}

void GcRun::start()
{
    if (m_cancelled) {
        finish(failed(GcOutcome::Status::Cancelled, tr("Cancelled; nothing was deleted.")));
        return;
    }
    switch (m_method.kind) {
    case GcMethod::Kind::DataDirectory:
        startDataDirectory();
        return;
    case GcMethod::Kind::Online:
        startOnline();
        return;
    case GcMethod::Kind::Command:
        startCommand();
        return;
    case GcMethod::Kind::None:
        break;
    }
    finish(failed(GcOutcome::Status::Failed, tr("Berth does not know how to collect garbage "
                                                "on this registry yet.")));
}

void GcRun::startDataDirectory()
{
    storage::GcOptions options;
    options.dryRun = m_dryRun;
    options.deleteUntagged = m_deleteUntagged;
    auto *job = new local::GarbageCollectJob(m_method.dataDirectory, options, this);
    m_cancelJob = cancellerOf(job);
    connect(job, &local::GarbageCollectJob::progress, this, &GcRun::progress);
    connect(
        job, &local::GarbageCollectJob::finished, this,
        [this](const local::GarbageCollectJob::Outcome &outcome) {
            if (outcome.ok()) {
                finish({GcOutcome::Status::Done, {}, findingsOf(outcome.value())});
                return;
            }
            const auto &e = outcome.error();
            if (e.code == "LOCKED")
                finish(failed(GcOutcome::Status::Locked,
                              tr("A running berth-registry holds %1, so nothing was deleted.")
                                  .arg(m_method.dataDirectory)));
            else if (e.code == "CANCELLED")
                finish(failed(GcOutcome::Status::Cancelled, tr("Cancelled; nothing was deleted.")));
            else
                finish(failed(GcOutcome::Status::Failed, qs(e.message)));
        });
}

void GcRun::startOnline()
{
    if (!m_session) {
        finish(failed(GcOutcome::Status::Failed, tr("Not connected to the registry.")));
        return;
    }
    auto *job = new client::OnlineGcJob(m_session, m_dryRun, m_deleteUntagged);
    m_cancelJob = cancellerOf(job);
    connect(job, &client::OnlineGcJob::finished, this,
            [this](const client::ClientResult<client::OnlineGcReport> &r) {
                if (r.ok())
                    finish({GcOutcome::Status::Done, {}, findingsOf(*r)});
                else if (r.error().kind == client::ClientErrorKind::Cancelled)
                    finish(failed(GcOutcome::Status::Cancelled, tr("Cancelled.")));
                else
                    finish(failed(GcOutcome::Status::Failed, r.error().message));
            });
}

void GcRun::startCommand()
{
    const QString command = m_dryRun ? m_method.dryRunCommand : m_method.command;
    if (command.isEmpty()) {
        finish(failed(GcOutcome::Status::Failed,
                      tr("No dry-run command is set: add one to preview.")));
        return;
    }
    auto *job = new local::ShellCommandJob(command, this);
    m_cancelJob = cancellerOf(job);
    connect(job, &local::ShellCommandJob::output, this, &GcRun::output);
    connect(
        job, &local::ShellCommandJob::finished, this, [this](const local::ShellCommandResult &r) {
            GcOutcome outcome;
            outcome.findings.dryRun = m_dryRun;
            outcome.findings.exitCode = r.started && r.normalExit ? r.exitCode : -1;
            outcome.findings.eligibleLines = r.eligibleLines;
            if (r.succeeded()) {
                outcome.status = GcOutcome::Status::Done;
            } else if (!r.started) {
                outcome.error = r.error;
            } else if (!r.normalExit) {
                outcome.status =
                    m_cancelled ? GcOutcome::Status::Cancelled : GcOutcome::Status::Failed;
                outcome.error = tr("The command was stopped or crashed.");
            } else {
                outcome.error =
                    tr("The command failed with exit status %1: see its output.").arg(r.exitCode);
            }
            finish(outcome);
        });
}

void GcRun::finish(const GcOutcome &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_cancelJob = nullptr;
    Q_EMIT finished(outcome);
    deleteLater();
}

} // namespace berth::ui
