#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <memory>
#include <thread>
#include <type_traits>

namespace berth::local {

// Runs `work` on a worker thread and hands its result to `done` on the
// thread that called start(), exactly once — unless the task (a child of
// `parent`) is destroyed first: then `done` is not called, and destruction
// waits for the worker. For short disk jobs without progress or cancel
// (the scans and collections with those have their own jobs).
class BackgroundTask : public QObject
{
    Q_OBJECT

public:
    template <class Work, class Done>
    static BackgroundTask *start(QObject *parent, Work work, Done done)
    {
        using ResultType = std::invoke_result_t<Work &>;
        auto *task = new BackgroundTask(parent);
        QPointer<BackgroundTask> self(task);
        task->m_worker =
            std::thread([task, self, work = std::move(work), done = std::move(done)]() mutable {
                auto result = std::make_shared<ResultType>(work());
                QMetaObject::invokeMethod(
                    task,
                    [self, result, done = std::move(done)]() mutable {
                        if (!self || self->m_finished)
                            return;
                        self->m_finished = true;
                        self->m_worker.join(); // it has handed over its result
                        done(std::move(*result));
                        self->deleteLater();
                    },
                    Qt::QueuedConnection);
            });
        return task;
    }

    ~BackgroundTask() override
    {
        if (m_worker.joinable())
            m_worker.join();
    }

    bool isFinished() const { return m_finished; }

private:
    explicit BackgroundTask(QObject *parent)
        : QObject(parent)
    {
    }

    std::thread m_worker;
    bool m_finished = false;
};

} // namespace berth::local
