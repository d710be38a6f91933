// ShellCommandJob: a user's garbage-collection command run through /bin/sh
// in a process group of its own.

#include "local/shell_command_job.h"

#include "support/await.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <csignal>
#include <optional>

namespace {

using berth::local::ShellCommandJob;
using berth::local::ShellCommandResult;
using berth::test::pollUntil;

struct Run
{
    QString output;
    std::optional<ShellCommandResult> result;
};

// Starts `command`; the returned run fills as it goes.
std::shared_ptr<Run> start(const QString &command, QObject *owner,
                           QPointer<ShellCommandJob> *job = nullptr)
{
    auto run = std::make_shared<Run>();
    auto *j = new ShellCommandJob(command, owner);
    QObject::connect(j, &ShellCommandJob::output, owner,
                     [run](const QString &text) { run->output += text; });
    QObject::connect(j, &ShellCommandJob::finished, owner,
                     [run](const ShellCommandResult &r) { run->result = r; });
    if (job)
        *job = j;
    return run;
}

// Alive and not a zombie (a zombie got its signal and waits for its reaper).
bool processExists(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() && text.at(close + 2) != 'Z';
}

} // namespace

// The "eligible for deletion" lines are counted whole, even when a line
// arrives in two reads; the exit status comes through.
TEST(ShellCommandJob, CountsEligibleLinesAcrossReadsAndReportsTheExitStatus)
{
    QObject owner;
    const auto run = start(QStringLiteral("printf 'blob a: elig'; sleep 0.2; "
                                          "printf 'ible for deletion\\nblob b: eligible for "
                                          "deletion\\nkept c\\n'; exit 3"),
                           &owner);
    ASSERT_TRUE(pollUntil([&] { return run->result.has_value(); }));
    EXPECT_TRUE(run->result->started);
    EXPECT_TRUE(run->result->normalExit);
    EXPECT_EQ(run->result->exitCode, 3);
    EXPECT_FALSE(run->result->succeeded());
    EXPECT_EQ(run->result->eligibleLines, 2) << run->output.toStdString();
    EXPECT_TRUE(run->output.endsWith(QStringLiteral("kept c\n")));
}

// cancel() reaches a child that ignores SIGTERM, after the shell itself has
// ended (and the job with it): SIGKILL follows on the application's clock.
TEST(ShellCommandJob, CancelStopsChildrenThatOutliveTheShell)
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("child.pid"));
    QObject owner;
    QPointer<ShellCommandJob> job;
    // The child says "started" once it ignores SIGTERM.
    const auto run = start(QStringLiteral("sh -c 'trap \"\" TERM; echo $$ > %1; echo started; "
                                          "exec sleep 600' & wait")
                               .arg(marker),
                           &owner, &job);
    ASSERT_TRUE(pollUntil([&] { return run->output.contains(QStringLiteral("started")); }));
    QFile pidFile(marker);
    ASSERT_TRUE(pidFile.open(QIODevice::ReadOnly));
    const pid_t child = static_cast<pid_t>(pidFile.readAll().trimmed().toLong());
    ASSERT_GT(child, 0);
    ASSERT_TRUE(processExists(child));
    job->cancel();
    ASSERT_TRUE(pollUntil([&] { return run->result.has_value(); }));
    EXPECT_FALSE(run->result->normalExit);
    EXPECT_TRUE(job.isNull() || pollUntil([&] { return job.isNull(); }));
    EXPECT_TRUE(pollUntil([&] { return !processExists(child); }, 10000));
    if (processExists(child))
        ::kill(child, SIGKILL);
}

TEST(ShellCommandJob, DestroyingARunningJobKillsItsGroup)
{
    QTemporaryDir dir;
    const QString marker = dir.filePath(QStringLiteral("child.pid"));
    std::optional<QObject> owner(std::in_place);
    const auto run = start(
        QStringLiteral("sleep 600 & echo $! > '%1'; echo started; wait").arg(marker), &*owner);
    ASSERT_TRUE(pollUntil([&] { return run->output.contains(QStringLiteral("started")); }));
    QFile pidFile(marker);
    ASSERT_TRUE(pidFile.open(QIODevice::ReadOnly));
    const pid_t child = static_cast<pid_t>(pidFile.readAll().trimmed().toLong());
    ASSERT_TRUE(processExists(child));
    owner.reset(); // destroys the job
    EXPECT_TRUE(pollUntil([&] { return !processExists(child); }, 10000));
    if (processExists(child))
        ::kill(child, SIGKILL);
}
