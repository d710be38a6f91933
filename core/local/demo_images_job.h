#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <thread>

namespace berth::local {

// storage::writeDemoImages on a worker thread; finished() once, on the
// thread that made the job, with the references written or why not.
// Destroying the job waits for the worker (a few milliseconds of writing).
class DemoImagesJob : public QObject
{
    Q_OBJECT

public:
    explicit DemoImagesJob(const QString &root, QObject *parent = nullptr);
    ~DemoImagesJob() override;

Q_SIGNALS:
    void finished(const QString &error, const QStringList &references);

private:
    std::thread m_worker;
    bool m_finished = false;
};

} // namespace berth::local
