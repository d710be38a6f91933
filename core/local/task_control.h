#pragma once

#include <QString>

#include <atomic>
#include <mutex>

namespace berth::local {

// What a piece of background work shares with its BackgroundTask: a cancel
// flag it polls, and progress it sets from any thread (the task samples it
// on its owner's thread, so reporting costs the worker one uncontended lock).
class TaskControl
{
public:
    bool isCancelled() const { return m_cancelled.load(); }
    // For engines that poll a flag themselves (storage's GC and inspector).
    const std::atomic<bool> *cancelFlag() const { return &m_cancelled; }
    void cancel() { m_cancelled = true; }

    struct Progress
    {
        QString stage;
        qint64 done = 0;
        qint64 total = 0;
        bool operator==(const Progress &) const = default;
    };

    // Done and total change together: a sample never pairs one step's done
    // with another step's total.
    void setProgress(qint64 done, qint64 total)
    {
        std::lock_guard lock(m_mutex);
        m_progress.done = done;
        m_progress.total = total;
    }
    void setStage(const QString &stage)
    {
        std::lock_guard lock(m_mutex);
        m_progress.stage = stage;
    }
    Progress progress() const
    {
        std::lock_guard lock(m_mutex);
        return m_progress;
    }

private:
    std::atomic<bool> m_cancelled{false};
    mutable std::mutex m_mutex;
    Progress m_progress;
};

} // namespace berth::local
