#include "local/shell_command_job.h"

#include "local/process_group.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QProcess>
#include <QTimer>

namespace berth::local {

namespace {

constexpr int kGraceMs = 3000; // after SIGTERM, before SIGKILL

} // namespace

ShellCommandJob::ShellCommandJob(const QString &command, QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
{
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    startInOwnProcessGroup(*m_process);
    connect(m_process, &QProcess::readyRead, this, &ShellCommandJob::onOutput);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        onOutput();
        ShellCommandResult r;
        r.started = true;
        r.normalExit = status == QProcess::NormalExit;
        r.exitCode = r.normalExit ? code : -1;
        finish(r);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        ShellCommandResult r;
        r.error = tr("/bin/sh could not be started: %1").arg(m_process->errorString());
        finish(r);
    });
    // Started on the next event-loop turn: a start that fails at once
    // reports to a caller that has connected by then.
    QMetaObject::invokeMethod(
        this,
        [this, command] {
            m_process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
        },
        Qt::QueuedConnection);
}

ShellCommandJob::~ShellCommandJob()
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        killProcessGroup(m_process->processId()); // ends at once; QProcess reaps it
    }
}

void ShellCommandJob::cancel()
{
    if (m_finished || m_process->state() == QProcess::NotRunning)
        return;
    // The group, not the shell: what it started may ignore SIGTERM and
    // outlive it — and this job, which ends with the shell: the SIGKILL
    // follows on the application's clock.
    const qint64 group = m_process->processId();
    terminateProcessGroup(group);
    QTimer::singleShot(kGraceMs, QCoreApplication::instance(),
                       [group] { killProcessGroup(group); });
}

void ShellCommandJob::onOutput()
{
    const QString text = QString::fromUtf8(m_process->readAll());
    if (text.isEmpty())
        return;
    // Counted by whole lines: a line may come in two reads.
    m_partialLine += text;
    const qsizetype lastNewline = m_partialLine.lastIndexOf(QLatin1Char('\n'));
    if (lastNewline >= 0) {
        m_eligibleLines += static_cast<int>(
            m_partialLine.left(lastNewline).count(QStringLiteral("eligible for deletion")));
        m_partialLine.remove(0, lastNewline + 1);
    }
    Q_EMIT output(text);
}

void ShellCommandJob::finish(ShellCommandResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    result.eligibleLines =
        m_eligibleLines +
        static_cast<int>(m_partialLine.count(QStringLiteral("eligible for deletion")));
    Q_EMIT finished(result);
    deleteLater();
}

} // namespace berth::local
