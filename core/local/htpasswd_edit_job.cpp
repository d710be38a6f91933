#include "htpasswd_edit_job.h"

#include "server/htpasswd_file.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>

namespace berth::local {

HtpasswdEditJob::HtpasswdEditJob(const QString &path, Action action, const QString &user,
                                 const QString &password, QObject *parent)
    : QObject(parent)
{
    QPointer<HtpasswdEditJob> self(this);
    m_worker = std::thread([this, self, path = path.toStdString(), action,
                            name = user.toStdString(), secret = password.toStdString()]() mutable {
        QString error;
        QStringList users;
        auto file = server::HtpasswdFile::load(path);
        if (!file.ok()) {
            error = QString::fromStdString(file.error().message);
        } else {
            Status changed = Ok{};
            if (action == Action::SetUser)
                changed = file->setUser(name, secret);
            else if (action == Action::RemoveUser)
                file->removeUser(name);
            if (!changed.ok())
                error = QString::fromStdString(changed.error().message);
            else if (action != Action::List)
                if (auto saved = file->save(path); !saved.ok())
                    error = QString::fromStdString(saved.error().message);
            for (const std::string &u : file->users())
                users << QString::fromStdString(u);
        }
        std::fill(secret.begin(), secret.end(), '\0');
        QMetaObject::invokeMethod(
            this,
            [self, error, users] {
                if (!self || self->m_finished)
                    return;
                self->m_finished = true;
                if (self->m_worker.joinable())
                    self->m_worker.join();
                Q_EMIT self->finished(error, users);
            },
            Qt::QueuedConnection);
    });
}

HtpasswdEditJob::~HtpasswdEditJob()
{
    if (m_worker.joinable())
        m_worker.join();
}

} // namespace berth::local
