#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace berth::local {

class BackgroundTask;

// Short jobs on a registry:2 data directory, off the GUI thread (see
// BackgroundTask: `done` runs on the caller's thread unless `owner` is
// destroyed first). An empty error means success.

// storage::writeDemoImages; `done` gets the references written.
BackgroundTask *
writeDemoImages(QObject *owner, const QString &root,
                std::function<void(const QString &error, const QStringList &references)> done);

// An htpasswd file's users: listed, one added or given a new password
// (bcrypt; the password is hashed and forgotten), or one removed. `done`
// gets the users the file holds afterwards.
enum class UsersEdit
{
    List,
    SetUser,
    RemoveUser
};
BackgroundTask *
editHtpasswd(QObject *owner, const QString &path, UsersEdit edit, const QString &user,
             const QString &password,
             std::function<void(const QString &error, const QStringList &users)> done);

// storage::removeEmptyRepository, refused while a berth-registry serves the
// directory (it must do it: DELETE /berth/v1/repositories/<name>).
BackgroundTask *removeEmptyRepository(QObject *owner, const QString &root,
                                      const QString &repository,
                                      std::function<void(const QString &error)> done);

// `bytes` written to `path` atomically (a temporary file renamed over it).
BackgroundTask *saveFile(QObject *owner, const QString &path, const QByteArray &bytes,
                         std::function<void(const QString &error)> done);

} // namespace berth::local
