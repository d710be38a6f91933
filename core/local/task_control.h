#pragma once

#include <QString>

#include <atomic>
#include <mutex>

namespace berth::local {

// What a piece of background work shares with its BackgroundTask: a cancel
// flag it polls, and progress it sets from any thread (the task samples it
// on its owner's thread, so reporting costs the worker nothing).
class TaskControl
{
public:
    bool isCancelled() const { return m_cancelled.load(); }
    // For engines that poll a flag themselves (storage's GC and inspector).
    const std::atomic<bool> *cancelFlag() const { return &m_cancelled; }
    void cancel() { m_cancelled = true; }

    void setProgress(qint64 done, qint64 total)
    {
        m_total = total;
        m_done = done;
    }
    void setStage(const QString &stage)
    {
        std::lock_guard lock(m_stageMutex);
        m_stage = stage;
    }
    qint64 done() const { return m_done.load(); }
    qint64 total() const { return m_total.load(); }
    QString stage() const
    {
        std::lock_guard lock(m_stageMutex);
        return m_stage;
    }

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};
    mutable std::mutex m_stageMutex;
    QString m_stage;
};

} // namespace berth::local
