#pragma once

#include "local/task_control.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <type_traits>
#include <utility>

namespace berth::local {

// The one shape of background work: `work` runs on Qt's thread pool and
// `done(result)` runs on the thread that called start(), exactly once —
// unless the task (a child of `parent`) is destroyed first: then `done` is
// not called. cancel() only asks the work to stop (it returns what it
// returns, e.g. a CANCELLED error). Nothing ever waits for the worker:
// destroying a task cancels it and walks away; the worker finishes on its
// own (its captures are its own copies) and its result is dropped.
//
// `work` is `Result()` or `Result(TaskControl &)`; with the control it can
// poll isCancelled() and set progress, which the task samples every 100 ms
// and emits as progress() while it changes.
class BackgroundTask : public QObject
{
    Q_OBJECT

public:
    template <class Work, class Done>
    static BackgroundTask *start(QObject *parent, Work work, Done done)
    {
        return startOn(QThreadPool::globalInstance(), parent, std::move(work), std::move(done));
    }

    // The same on `pool`: work that may wait a long time (for a download)
    // runs on a pool of its own, never holding the shared one's threads.
    template <class Work, class Done>
    static BackgroundTask *startOn(QThreadPool *pool, QObject *parent, Work work, Done done)
    {
        auto *task = new BackgroundTask(parent);
        std::shared_ptr<TaskControl> control = task->m_control;
        auto run = [control, work = std::move(work)]() mutable {
            const WorkerEnd end; // after the work, on its thread
            if constexpr (std::is_invocable_v<Work &, TaskControl &>)
                return work(*control);
            else
                return work();
        };
        using ResultType = std::invoke_result_t<decltype(run) &>;
        auto *watcher = new QFutureWatcher<ResultType>(task);
        connect(watcher, &QFutureWatcherBase::finished, task,
                [task, watcher, done = std::move(done)]() mutable {
                    if (task->m_finished)
                        return;
                    task->m_finished = true;
                    task->sampleProgress();
                    const QPointer<BackgroundTask> alive(task);
                    done(watcher->result()); // may delete the owner, and the task with it
                    if (alive)
                        alive->deleteLater();
                });
        watcher->setFuture(QtConcurrent::run(pool, std::move(run)));
        return task;
    }

    ~BackgroundTask() override;

    // A pool for work that waits (a download, a relay between registries),
    // so that it never holds the shared pool's threads: at least
    // `minThreads` threads. It lives as long as the program (its threads
    // may still run at exit); keep it in a function-local static.
    static QThreadPool *poolOfItsOwn(int minThreads);

    // Asks the work to stop (TaskControl::isCancelled()).
    void cancel();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    // stage: what the work says it does now (may be empty).
    void progress(const QString &stage, qint64 done, qint64 total);

private:
    // Frees what the worker's thread keeps for OpenSSL: the pool's threads
    // are never waited for, and one still ending at exit would keep it.
    struct WorkerEnd
    {
        WorkerEnd() = default;
        WorkerEnd(const WorkerEnd &) = delete;
        WorkerEnd &operator=(const WorkerEnd &) = delete;
        ~WorkerEnd();
    };

    explicit BackgroundTask(QObject *parent);
    void sampleProgress();

    std::shared_ptr<TaskControl> m_control = std::make_shared<TaskControl>();
    QTimer m_sampler;
    TaskControl::Progress m_last;
    bool m_finished = false;
};

} // namespace berth::local
