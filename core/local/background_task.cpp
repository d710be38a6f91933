#include "local/background_task.h"

namespace berth::local {

BackgroundTask::BackgroundTask(QObject *parent)
    : QObject(parent)
{
    m_sampler.setInterval(100);
    connect(&m_sampler, &QTimer::timeout, this, &BackgroundTask::sampleProgress);
    m_sampler.start();
}

BackgroundTask::~BackgroundTask()
{
    m_control->cancel();
}

void BackgroundTask::cancel()
{
    m_control->cancel();
}

void BackgroundTask::sampleProgress()
{
    const qint64 done = m_control->done();
    const qint64 total = m_control->total();
    const QString stage = m_control->stage();
    if (done == m_lastDone && total == m_lastTotal && stage == m_lastStage)
        return;
    m_lastDone = done;
    m_lastTotal = total;
    m_lastStage = stage;
    if (total > 0 || !stage.isEmpty())
        Q_EMIT progress(stage, done, total);
}

} // namespace berth::local
