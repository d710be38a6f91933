#include "store_tasks.h"

#include "background_task.h"

#include "storage/demo_images.h"
#include "storage/repository_removal.h"
#include "storage/store_lock.h"

#include <utility>

namespace berth::local {

BackgroundTask *writeDemoImages(QObject *owner, const QString &root,
                                std::function<void(const QString &, const QStringList &)> done)
{
    return BackgroundTask::start(
        owner,
        [path = root.toStdString()] {
            std::pair<QString, QStringList> out;
            auto written = storage::writeDemoImages(path);
            if (!written.ok())
                out.first = QString::fromStdString(written.error().message);
            else
                for (const std::string &r : written->references)
                    out.second << QString::fromStdString(r);
            return out;
        },
        [done = std::move(done)](std::pair<QString, QStringList> out) {
            done(out.first, out.second);
        });
}

BackgroundTask *removeEmptyRepository(QObject *owner, const QString &root,
                                      const QString &repository,
                                      std::function<void(const QString &)> done)
{
    return BackgroundTask::start(
        owner,
        [path = root.toStdString(), name = repository.toStdString()]() -> QString {
            // A berth-registry serving the directory holds the lock shared.
            auto lock = storage::StoreLock::tryAcquire(path, storage::StoreLock::Mode::Exclusive);
            if (!lock.ok())
                return QString::fromStdString(lock.error().message);
            const Status removed = storage::removeEmptyRepository(path, name);
            return removed.ok() ? QString() : QString::fromStdString(removed.error().message);
        },
        std::move(done));
}

} // namespace berth::local
