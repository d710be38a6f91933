#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <string>
#include <thread>

namespace berth::local {

// Adds/replaces or removes one user of an htpasswd file off the GUI thread
// (bcrypt takes tens of milliseconds by design), then reports once, on the
// thread that made the job, with the file's users afterwards. The password
// is hashed and forgotten: only the bcrypt hash reaches the disk. Destroying
// the job waits for the worker.
class HtpasswdEditJob : public QObject
{
    Q_OBJECT

public:
    enum class Action
    {
        List,
        SetUser,
        RemoveUser
    };

    HtpasswdEditJob(const QString &path, Action action, const QString &user = {},
                    const QString &password = {}, QObject *parent = nullptr);
    ~HtpasswdEditJob() override;

Q_SIGNALS:
    // `error` is empty on success; `users` is what the file holds now.
    void finished(const QString &error, const QStringList &users);

private:
    std::thread m_worker;
    bool m_finished = false;
};

} // namespace berth::local
