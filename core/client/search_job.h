#pragma once

#include "client/job.h"

#include <QStringList>

#include <optional>

namespace berth::client {

struct ListCursor;
struct ListPage;

struct SearchHit
{
    QString repository;
    QString tag; // empty: the repository name itself matched
};

struct SearchSummary
{
    int repositories = 0; // repositories looked at
    int hits = 0;
    bool truncated = false; // stopped at the hit limit
};

// Finds repositories and tags of a registry whose names contain `text`
// (case-insensitive): walks the catalog page by page and lists the tags of
// every repository with bounded concurrency. Hits stream through hit() as
// they are found; cancel() stops everything.
class SearchJob : public Job
{
    Q_OBJECT

public:
    SearchJob(RegistrySession *session, QString text, int maxHits = 5000);

Q_SIGNALS:
    void hit(const berth::client::SearchHit &hit);
    void progress(int repositoriesSearched, int repositoriesKnown);
    void finished(const berth::client::ClientResult<berth::client::SearchSummary> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void listCatalog(const std::optional<ListCursor> &cursor);
    void launchTagLists();
    void onTags(const QString &repository, const ClientResult<ListPage> &page);
    void report(const SearchHit &found);
    void maybeFinish();

    QString m_text;
    int m_maxHits;
    QStringList m_pending; // repositories whose tags are still to be listed
    int m_inFlight = 0;
    bool m_catalogDone = false;
    int m_known = 0;
    SearchSummary m_summary;
};

} // namespace berth::client
