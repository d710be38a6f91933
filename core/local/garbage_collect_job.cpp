#include "local/garbage_collect_job.h"

#include "local/background_task.h"

namespace berth::local {

GarbageCollectJob::GarbageCollectJob(const QString &root, const storage::GcOptions &options,
                                     QObject *parent)
    : QObject(parent)
{
    m_task = BackgroundTask::start(
        this,
        [path = root.toStdString(), options](TaskControl &control) {
            storage::GarbageCollector collector(path);
            // Called from the collector's threads: TaskControl's progress is atomic.
            auto progress = [&control](const std::string &, std::size_t done, std::size_t total) {
                control.setProgress(static_cast<qint64>(done), static_cast<qint64>(total));
            };
            return collector.run(options, control.cancelFlag(), progress);
        },
        [this](const Outcome &outcome) {
            m_finished = true;
            Q_EMIT finished(outcome);
        });
    connect(m_task, &BackgroundTask::progress, this,
            [this](const QString &, qint64 done, qint64 total) { Q_EMIT progress(done, total); });
}

void GarbageCollectJob::cancel()
{
    if (m_task)
        m_task->cancel();
}

} // namespace berth::local
