#include "local/background_task.h"

#include "oci/thread_crypto_state.h"

#include <QThread>

#include <algorithm>

namespace berth::local {

BackgroundTask::BackgroundTask(QObject *parent)
    : QObject(parent)
{
    m_sampler.setInterval(100);
    connect(&m_sampler, &QTimer::timeout, this, &BackgroundTask::sampleProgress);
    m_sampler.start();
}

QThreadPool *BackgroundTask::poolOfItsOwn(int minThreads)
{
    auto *pool = new QThreadPool;
    pool->setMaxThreadCount(std::max(minThreads, QThread::idealThreadCount()));
    return pool;
}

BackgroundTask::WorkerEnd::~WorkerEnd()
{
    oci::releaseThreadCryptoState();
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
    const TaskControl::Progress now = m_control->progress();
    if (now == m_last)
        return;
    m_last = now;
    if (now.total > 0 || !now.stage.isEmpty())
        Q_EMIT progress(now.stage, now.done, now.total);
}

} // namespace berth::local
