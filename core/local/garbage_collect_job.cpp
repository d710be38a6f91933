#include "garbage_collect_job.h"

#include <QDateTime>
#include <QMetaObject>
#include <QPointer>

#include <memory>

namespace berth::local {

GarbageCollectJob::GarbageCollectJob(const QString &root, const storage::GcOptions &options,
                                     QObject *parent)
    : QObject(parent)
{
    const std::string path = root.toStdString();
    QPointer<GarbageCollectJob> self(this);
    m_worker = std::thread([this, self, path, options] {
        storage::GarbageCollector collector(path);
        auto progress = [this, self](const std::string &, std::size_t done, std::size_t total) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (done + 1 != total && now - m_lastProgressMs.load() < 50)
                return;
            m_lastProgressMs = now;
            QMetaObject::invokeMethod(
                this,
                [self, done, total] {
                    if (self && !self->m_finished)
                        Q_EMIT self->progress(static_cast<qint64>(done),
                                              static_cast<qint64>(total));
                },
                Qt::QueuedConnection);
        };
        auto outcome = std::make_shared<Outcome>(collector.run(options, &m_cancel, progress));
        QMetaObject::invokeMethod(
            this,
            [self, outcome] {
                if (!self || self->m_finished)
                    return;
                self->m_finished = true;
                if (self->m_worker.joinable())
                    self->m_worker.join(); // it has returned its result already
                Q_EMIT self->finished(*outcome);
            },
            Qt::QueuedConnection);
    });
}

GarbageCollectJob::~GarbageCollectJob()
{
    m_cancel = true;
    if (m_worker.joinable())
        m_worker.join();
}

void GarbageCollectJob::cancel()
{
    m_cancel = true;
}

} // namespace berth::local
