#include "demo_images_job.h"

#include "storage/demo_images.h"

#include <QMetaObject>
#include <QPointer>

namespace berth::local {

DemoImagesJob::DemoImagesJob(const QString &root, QObject *parent)
    : QObject(parent)
{
    QPointer<DemoImagesJob> self(this);
    m_worker = std::thread([this, self, path = root.toStdString()] {
        QString error;
        QStringList references;
        auto written = storage::writeDemoImages(path);
        if (!written.ok())
            error = QString::fromStdString(written.error().message);
        else
            for (const std::string &r : written->references)
                references << QString::fromStdString(r);
        QMetaObject::invokeMethod(
            this,
            [self, error, references] {
                if (!self || self->m_finished)
                    return;
                self->m_finished = true;
                if (self->m_worker.joinable())
                    self->m_worker.join();
                Q_EMIT self->finished(error, references);
            },
            Qt::QueuedConnection);
    });
}

DemoImagesJob::~DemoImagesJob()
{
    if (m_worker.joinable())
        m_worker.join();
}

} // namespace berth::local
