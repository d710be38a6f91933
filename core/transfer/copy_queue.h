#pragma once

#include "client/session_opener.h"
#include "transfer/copy_task.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

namespace berth::transfer {

// The copies of one window, in the order asked: up to parallelTasks() run
// at once, the others wait. Each run opens sessions of its own on the two
// saved registries (so a copy outlives whatever the window shows), copies
// (CopyTagsJob), and closes them. A finished copy can run again — what is
// there already is skipped, so a stopped or failed copy resumes — with or
// without moving target tags that point at other images.
class CopyQueue : public QObject
{
    Q_OBJECT

public:
    explicit CopyQueue(client::SessionOpener opener, QObject *parent = nullptr);
    ~CopyQueue() override;

    int add(CopyTask task); // its row
    int size() const { return static_cast<int>(m_entries.size()); }
    const CopyTaskStatus &at(int row) const;
    bool hasUnfinished() const; // a copy running or waiting

    void stop(int row);
    void stopAll(); // every copy running or waiting
    void runAgain(int row, bool overwrite);
    void removeFinished();
    void setParallelTasks(int n);
    int parallelTasks() const { return m_parallel; }

Q_SIGNALS:
    void aboutToAdd(int row); // models: the row is not there yet
    void added(int row);
    void changed(int row);
    void finished(int row); // Done, Partial, Failed or Stopped
    void aboutToRemove(int row);
    void removed(int row);

private:
    struct Entry;
    Entry *entry(quint64 id) const;
    int rowOf(const Entry &entry) const;
    void startWaiting();
    void open(Entry &entry);
    void onSourceOpened(quint64 id, int run, client::RegistrySession *source, const QString &error);
    void copy(Entry &entry, client::RegistrySession *source, client::RegistrySession *target);
    void end(Entry &entry, CopyTaskState state);
    int running() const;
    bool m_stoppingAll = false; // stopAll(): nothing waiting starts meanwhile

    client::SessionOpener m_opener;
    std::vector<std::unique_ptr<Entry>> m_entries;
    quint64 m_nextId = 1;
    int m_parallel = 2;
};

} // namespace berth::transfer
