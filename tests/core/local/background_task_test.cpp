// BackgroundTask: the one shape of background work. Results come back on
// the owner's thread; nothing ever waits for a worker on that thread.

#include "local/background_task.h"

#include "support/await.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <optional>
#include <thread>

using berth::local::BackgroundTask;
using berth::local::TaskControl;
using berth::test::pollUntil;

TEST(BackgroundTask, DeliversTheResultOnTheOwnersThreadOnce)
{
    QObject owner;
    const auto ownerThread = std::this_thread::get_id();
    std::thread::id workerThread;
    int calls = 0;
    std::optional<int> result;
    BackgroundTask::start(
        &owner,
        [&workerThread] {
            workerThread = std::this_thread::get_id();
            return 42;
        },
        [&](int value) {
            ++calls;
            result = value;
            EXPECT_EQ(std::this_thread::get_id(), ownerThread);
        });
    ASSERT_TRUE(pollUntil([&] { return result.has_value(); }));
    EXPECT_EQ(*result, 42);
    EXPECT_NE(workerThread, ownerThread);
    EXPECT_TRUE(pollUntil([&] { return owner.children().isEmpty(); })); // deleted after done
    EXPECT_EQ(calls, 1);
}

// The owner goes while the work still runs: its destruction returns at once
// (the worker is still blocked when it has), and `done` is never called.
TEST(BackgroundTask, DestroyingTheOwnerNeverWaitsForTheWorker)
{
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> started{false};
    std::atomic<bool> finishedWork{false};
    std::atomic<bool> sawCancel{false};
    bool doneCalled = false;
    {
        QObject owner;
        BackgroundTask::start(
            &owner,
            [&, released](TaskControl &control) {
                started = true;
                released.wait();
                sawCancel = control.isCancelled();
                finishedWork = true;
                return 1;
            },
            [&](int) { doneCalled = true; });
        ASSERT_TRUE(pollUntil([&] { return started.load(); }));
    } // owner and task destroyed here, the worker still blocked
    EXPECT_FALSE(finishedWork.load());
    release.set_value();
    ASSERT_TRUE(pollUntil([&] { return finishedWork.load(); }));
    EXPECT_TRUE(sawCancel.load()) << "destroying the task cancels its work";
    QCoreApplication::processEvents();
    EXPECT_FALSE(doneCalled);
}

TEST(BackgroundTask, ReportsProgressAndCancelReachesTheWork)
{
    QObject owner;
    qint64 lastDone = -1;
    QString lastStage;
    std::optional<QString> outcome;
    auto *task = BackgroundTask::start(
        &owner,
        [](TaskControl &control) {
            control.setStage(QStringLiteral("scan"));
            control.setProgress(3, 10);
            while (!control.isCancelled())
                std::this_thread::yield();
            return QStringLiteral("stopped");
        },
        [&](const QString &r) { outcome = r; });
    QObject::connect(task, &BackgroundTask::progress, &owner,
                     [&](const QString &stage, qint64 done, qint64) {
                         lastStage = stage;
                         lastDone = done;
                     });
    ASSERT_TRUE(pollUntil([&] { return lastDone == 3; }));
    EXPECT_EQ(lastStage, QStringLiteral("scan"));
    task->cancel();
    ASSERT_TRUE(pollUntil([&] { return outcome.has_value(); }));
    EXPECT_EQ(*outcome, QStringLiteral("stopped"));
}
