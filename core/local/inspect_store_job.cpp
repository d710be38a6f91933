#include "inspect_store_job.h"

#include <QDateTime>
#include <QMetaObject>

namespace berth::local {

InspectStoreJob::InspectStoreJob(const QString &root, bool verify, QObject *parent)
    : QObject(parent)
    , m_root(root)
{
    const std::string path = root.toStdString();
    QPointer<InspectStoreJob> self(this);
    m_worker = std::thread([this, self, path, verify] {
        storage::Inspector inspector(path);
        auto progress = [this, self](const std::string &stage, std::size_t done,
                                     std::size_t total) {
            // At most ~20 updates a second reach the GUI thread.
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (done + 1 != total && now - m_lastProgressMs.load() < 50)
                return;
            m_lastProgressMs = now;
            const QString name = QString::fromStdString(stage);
            QMetaObject::invokeMethod(
                this,
                [self, name, done, total] {
                    if (self && !self->m_finished)
                        Q_EMIT self->progress(name, static_cast<qint64>(done),
                                              static_cast<qint64>(total));
                },
                Qt::QueuedConnection);
        };
        auto outcome = std::make_shared<Outcome>(inspector.run({verify}, &m_cancel, progress));
        QMetaObject::invokeMethod(
            this,
            [self, outcome] {
                if (self)
                    self->deliver(outcome);
            },
            Qt::QueuedConnection);
    });
}

InspectStoreJob::~InspectStoreJob()
{
    m_cancel = true;
    if (m_worker.joinable())
        m_worker.join();
}

void InspectStoreJob::cancel()
{
    m_cancel = true;
}

void InspectStoreJob::deliver(std::shared_ptr<Outcome> outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_worker.joinable())
        m_worker.join(); // it has already returned its result
    Q_EMIT finished(*outcome);
}

} // namespace berth::local
