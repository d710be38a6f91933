#include "local/inspect_store_job.h"

#include "local/background_task.h"

namespace berth::local {

InspectStoreJob::InspectStoreJob(const QString &root, bool verify, QObject *parent)
    : QObject(parent)
    , m_root(root)
{
    m_task = BackgroundTask::start(
        this,
        [path = root.toStdString(), verify](TaskControl &control) {
            storage::Inspector inspector(path);
            auto progress = [&control](const std::string &stage, std::size_t done,
                                       std::size_t total) {
                control.setStage(QString::fromStdString(stage));
                control.setProgress(static_cast<qint64>(done), static_cast<qint64>(total));
            };
            return inspector.run({verify}, control.cancelFlag(), progress);
        },
        [this](const Outcome &outcome) {
            m_finished = true;
            Q_EMIT finished(outcome);
        });
    connect(m_task, &BackgroundTask::progress, this, &InspectStoreJob::progress);
}

void InspectStoreJob::cancel()
{
    if (m_task)
        m_task->cancel();
}

} // namespace berth::local
