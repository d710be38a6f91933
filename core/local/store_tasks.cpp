#include "local/store_tasks.h"

#include "local/background_task.h"

#include "auth/htpasswd_file.h"
#include "storage/demo_images.h"
#include "storage/durable_directory.h"
#include "storage/repository_removal.h"
#include "storage/store_lock.h"

#include <QSaveFile>

#include <algorithm>
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

BackgroundTask *editHtpasswd(QObject *owner, const QString &path, UsersEdit edit,
                             const QString &user, const QString &password,
                             std::function<void(const QString &, const QStringList &)> done)
{
    return BackgroundTask::start(
        owner,
        [file = path.toStdString(), edit, name = user.toStdString(),
         secret = password.toStdString()]() mutable {
            std::pair<QString, QStringList> out;
            auto users = auth::HtpasswdFile::load(file);
            if (!users.ok()) {
                out.first = QString::fromStdString(users.error().message);
            } else {
                Status changed = Ok{};
                if (edit == UsersEdit::SetUser)
                    changed = users->setUser(name, secret);
                else if (edit == UsersEdit::RemoveUser)
                    users->removeUser(name);
                if (changed.ok() && edit != UsersEdit::List)
                    changed = users->save(file);
                if (!changed.ok())
                    out.first = QString::fromStdString(changed.error().message);
                for (const std::string &u : users->users())
                    out.second << QString::fromStdString(u);
            }
            std::fill(secret.begin(), secret.end(), '\0');
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

BackgroundTask *saveFile(QObject *owner, const QString &path, const QByteArray &bytes,
                         std::function<void(const QString &)> done)
{
    return BackgroundTask::start(
        owner,
        [path, bytes]() -> QString {
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() ||
                !out.commit())
                return out.errorString();
            if (auto s = storage::makeFileDurable(path.toStdString()); !s.ok())
                return QString::fromStdString(s.error().message);
            return {};
        },
        std::move(done));
}

} // namespace berth::local
