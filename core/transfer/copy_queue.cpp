#include "transfer/copy_queue.h"

#include "client/registry_session.h"

#include <QDateTime>

#include <algorithm>

namespace berth::transfer {

struct CopyQueue::Entry
{
    quint64 id = 0;
    CopyTaskStatus status;
    // Owns this run's sessions, and through them its copy job.
    std::unique_ptr<QObject> holder;
    QPointer<client::CopyTagsJob> job;
    int run = 0; // which run a late answer (a keychain's) belongs to
    QElapsedTimer clock;
    QElapsedTimer lastShown; // progress is told at most ten times a second
};

namespace {

constexpr qint64 kShowEveryMs = 100;

client::ClientError openingFailed(const QString &why)
{
    return {client::ClientErrorKind::InvalidArgument, why, 0, {}, {}};
}

} // namespace

CopyQueue::CopyQueue(client::SessionOpener opener, QObject *parent)
    : QObject(parent)
    , m_opener(std::move(opener))
{
}

CopyQueue::~CopyQueue()
{
    // Copies still running stop with their sessions; nothing is half-tagged.
    for (auto &e : m_entries) {
        if (e->job)
            e->job->disconnect(this);
    }
}

CopyQueue::Entry *CopyQueue::entry(quint64 id) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [id](const auto &e) { return e->id == id; });
    return it == m_entries.end() ? nullptr : it->get();
}

int CopyQueue::rowOf(const Entry &entry) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&entry](const auto &e) { return e.get() == &entry; });
    return static_cast<int>(it - m_entries.begin());
}

int CopyQueue::add(CopyTask task)
{
    auto e = std::make_unique<Entry>();
    e->id = m_nextId++;
    e->status.task = std::move(task);
    const int row = size();
    Q_EMIT aboutToAdd(row);
    m_entries.push_back(std::move(e));
    Q_EMIT added(row);
    startWaiting();
    return row;
}

const CopyTaskStatus &CopyQueue::at(int row) const
{
    return m_entries.at(static_cast<size_t>(row))->status;
}

int CopyQueue::running() const
{
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(), [](const auto &e) {
        return e->status.state == CopyTaskState::Opening ||
               e->status.state == CopyTaskState::Copying;
    }));
}

bool CopyQueue::hasUnfinished() const
{
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [](const auto &e) { return !e->status.isFinished(); });
}

void CopyQueue::setParallelTasks(int n)
{
    m_parallel = std::max(1, n);
    startWaiting();
}

void CopyQueue::startWaiting()
{
    if (m_stoppingAll)
        return;
    for (auto &e : m_entries) {
        if (running() >= m_parallel)
            return;
        if (e->status.state == CopyTaskState::Waiting)
            open(*e);
    }
}

void CopyQueue::open(Entry &e)
{
    e.status.state = CopyTaskState::Opening;
    e.holder = std::make_unique<QObject>();
    const int run = ++e.run;
    Q_EMIT changed(rowOf(e));
    const quint64 id = e.id;
    m_opener(e.status.task.sourceId, e.holder.get(),
             [this, id, run](client::RegistrySession *source, const QString &error) {
                 onSourceOpened(id, run, source, error);
             });
}

void CopyQueue::onSourceOpened(quint64 id, int run, client::RegistrySession *source,
                               const QString &error)
{
    Entry *e = entry(id);
    if (!e || e->run != run || e->status.state != CopyTaskState::Opening)
        return;
    if (!source) {
        e->status.error = openingFailed(error);
        end(*e, CopyTaskState::Failed);
        return;
    }
    if (e->status.task.targetId == e->status.task.sourceId) {
        copy(*e, source, source);
        return;
    }
    m_opener(
        e->status.task.targetId, e->holder.get(),
        [this, id, run, source = QPointer<client::RegistrySession>(source)](
            client::RegistrySession *target, const QString &why) {
            Entry *opened = entry(id);
            if (!opened || opened->run != run || opened->status.state != CopyTaskState::Opening)
                return;
            if (!target || !source) {
                opened->status.error = openingFailed(
                    target ? client::registryDisconnected(tr("The source registry")).message : why);
                end(*opened, CopyTaskState::Failed);
                return;
            }
            copy(*opened, source, target);
        });
}

void CopyQueue::copy(Entry &e, client::RegistrySession *source, client::RegistrySession *target)
{
    e.status.state = CopyTaskState::Copying;
    e.status.startedMs = QDateTime::currentMSecsSinceEpoch();
    e.clock.start();
    e.lastShown.start();
    e.job = new client::CopyTagsJob(source, target, e.status.task.request);
    const quint64 id = e.id;
    connect(e.job, &client::CopyTagsJob::progress, this,
            [this, id](const client::CopyTagsProgress &p) {
                Entry *at = entry(id);
                if (!at)
                    return;
                const bool newTag = p.tag != at->status.progress.tag;
                at->status.progress = p;
                at->status.elapsedMs = at->clock.elapsed();
                if (newTag || at->lastShown.elapsed() >= kShowEveryMs) {
                    at->lastShown.restart();
                    Q_EMIT changed(rowOf(*at));
                }
            });
    connect(e.job, &client::CopyTagsJob::tagFinished, this,
            [this, id](const client::TagCopyOutcome &outcome) {
                if (Entry *at = entry(id)) {
                    if (!at->status.summary)
                        at->status.summary = client::CopyTagsSummary{};
                    at->status.summary->tags.append(outcome); // kept if the copy fails later
                }
            });
    connect(e.job, &client::CopyTagsJob::finished, this,
            [this, id](const client::ClientResult<client::CopyTagsSummary> &result) {
                Entry *at = entry(id);
                if (!at)
                    return;
                at->job = nullptr;
                if (result.ok()) {
                    const client::CopyTagsSummary &summary = result.value();
                    at->status.summary = summary;
                    CopyTaskState state = CopyTaskState::Done;
                    if (!summary.tags.isEmpty() && summary.failed() == summary.tags.size()) {
                        state = CopyTaskState::Failed;
                        at->status.error = summary.tags.first().error;
                    } else if (summary.failed() > 0) {
                        state = CopyTaskState::Partial;
                    }
                    end(*at, state);
                } else {
                    at->status.error = result.error();
                    end(*at, result.error().kind == client::ClientErrorKind::Cancelled
                                 ? CopyTaskState::Stopped
                                 : CopyTaskState::Failed);
                }
            });
    Q_EMIT changed(rowOf(e));
}

void CopyQueue::end(Entry &e, CopyTaskState state)
{
    e.status.state = state;
    if (e.clock.isValid())
        e.status.elapsedMs = e.clock.elapsed();
    if (e.holder) // the sessions go once their last signal is delivered
        e.holder.release()->deleteLater();
    const int row = rowOf(e);
    Q_EMIT changed(row);
    Q_EMIT finished(row);
    startWaiting();
}

void CopyQueue::stop(int row)
{
    if (row < 0 || row >= size())
        return;
    Entry &e = *m_entries[static_cast<size_t>(row)];
    switch (e.status.state) {
    case CopyTaskState::Copying:
        if (e.job) {
            e.job->cancel(); // finished(Cancelled) ends it
            return;
        }
        [[fallthrough]];
    case CopyTaskState::Waiting:
    case CopyTaskState::Opening:
        e.status.error = client::ClientError{client::ClientErrorKind::Cancelled,
                                             tr("Stopped before anything was copied."),
                                             0,
                                             {},
                                             {}};
        end(e, CopyTaskState::Stopped);
        return;
    default:
        return; // finished already
    }
}

void CopyQueue::stopAll()
{
    m_stoppingAll = true;
    for (int row = 0; row < size(); ++row) // waiting ones first: none starts
        if (m_entries[static_cast<size_t>(row)]->status.state == CopyTaskState::Waiting)
            stop(row);
    for (int row = 0; row < size(); ++row)
        stop(row);
    m_stoppingAll = false;
}

void CopyQueue::runAgain(int row, bool overwrite)
{
    if (row < 0 || row >= size())
        return;
    Entry &e = *m_entries[static_cast<size_t>(row)];
    if (!e.status.isFinished())
        return;
    if (overwrite)
        e.status.task.request.overwrite = true;
    const CopyTask task = e.status.task;
    e.status = CopyTaskStatus{};
    e.status.task = task;
    e.clock.invalidate();
    Q_EMIT changed(row);
    startWaiting();
}

void CopyQueue::removeFinished()
{
    for (int row = size() - 1; row >= 0; --row) {
        if (!m_entries[static_cast<size_t>(row)]->status.isFinished())
            continue;
        Q_EMIT aboutToRemove(row);
        m_entries.erase(m_entries.begin() + row);
        Q_EMIT removed(row);
    }
}

} // namespace berth::transfer
