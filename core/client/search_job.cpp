#include "client/search_job.h"

#include "client/list_page_job.h"
#include "client/registry_session.h"

namespace berth::client {

namespace {

constexpr int kTagListConcurrency = 4;

} // namespace

SearchJob::SearchJob(RegistrySession *session, QString text, int maxHits)
    : Job(session)
    , m_text(std::move(text))
    , m_maxHits(maxHits)
{
}

void SearchJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void SearchJob::run()
{
    if (m_text.trimmed().isEmpty()) {
        fail(ClientError{
            ClientErrorKind::InvalidArgument, tr("Type something to search for."), 0, {}, {}});
        return;
    }
    listCatalog(std::nullopt);
}

void SearchJob::listCatalog(const std::optional<ListCursor> &cursor)
{
    ListPageJob *job = cursor ? session()->listPage(*cursor) : session()->listRepositories(500);
    job->setParent(this);
    connect(job, &ListPageJob::finished, this, [this](const ClientResult<ListPage> &page) {
        if (!page.ok()) {
            fail(page.error());
            return;
        }
        for (const QString &repository : page->items) {
            ++m_known;
            if (repository.contains(m_text, Qt::CaseInsensitive))
                report(SearchHit{repository, {}});
            m_pending.append(repository);
        }
        if (isFinished())
            return;
        if (page->next && !page->items.isEmpty())
            listCatalog(*page->next);
        else
            m_catalogDone = true;
        launchTagLists();
        maybeFinish();
    });
}

void SearchJob::launchTagLists()
{
    while (!isFinished() && m_inFlight < kTagListConcurrency && !m_pending.isEmpty()) {
        const QString repository = m_pending.takeFirst();
        auto *job = session()->listTags(repository, 1000);
        job->setParent(this);
        ++m_inFlight;
        connect(
            job, &ListPageJob::finished, this,
            [this, repository](const ClientResult<ListPage> &page) { onTags(repository, page); });
    }
}

void SearchJob::onTags(const QString &repository, const ClientResult<ListPage> &page)
{
    if (page.ok()) {
        for (const QString &tag : page->items) {
            if (tag.contains(m_text, Qt::CaseInsensitive))
                report(SearchHit{repository, tag});
            if (isFinished())
                return;
        }
        if (page->next) {
            // More tags: continue this repository before counting it done.
            auto *next = session()->listPage(*page->next);
            next->setParent(this);
            connect(next, &ListPageJob::finished, this,
                    [this, repository](const ClientResult<ListPage> &more) {
                        onTags(repository, more);
                    });
            return;
        }
    }
    // A repository that cannot be listed (deleted meanwhile, no permission) is skipped.
    --m_inFlight;
    ++m_summary.repositories;
    Q_EMIT progress(m_summary.repositories, m_known);
    launchTagLists();
    maybeFinish();
}

void SearchJob::report(const SearchHit &found)
{
    if (isFinished())
        return;
    ++m_summary.hits;
    Q_EMIT hit(found);
    if (m_summary.hits >= m_maxHits && !isFinished()) {
        m_summary.truncated = true;
        const auto children = findChildren<QObject *>(QString(), Qt::FindDirectChildrenOnly);
        for (QObject *child : children) {
            child->disconnect(this);
            child->deleteLater();
        }
        if (beginFinish())
            Q_EMIT finished(m_summary);
    }
}

void SearchJob::maybeFinish()
{
    if (m_catalogDone && m_inFlight == 0 && m_pending.isEmpty() && beginFinish())
        Q_EMIT finished(m_summary);
}

} // namespace berth::client
