#pragma once

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

// storage::removeEmptyRepository, refused while a berth-registry serves the
// directory (it must do it: DELETE /berth/v1/repositories/<name>).
BackgroundTask *removeEmptyRepository(QObject *owner, const QString &root,
                                      const QString &repository,
                                      std::function<void(const QString &error)> done);

} // namespace berth::local
