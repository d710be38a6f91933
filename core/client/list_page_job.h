#pragma once

#include "client/job.h"

#include <QStringList>
#include <QUrl>

#include <optional>

namespace berth::client {

// Where a paged list continues. Value type: keep it, pass it to
// RegistrySession::listPage() for the next page.
struct ListCursor
{
    enum class Kind
    {
        Repositories,
        Tags
    };
    Kind kind = Kind::Repositories;
    QString repository; // Tags only
    QUrl url;           // the next page's URL (from Link, or built from n/last)
    int pageSize = 100;
    // Built from n/last because the registry sent no Link header: its answer
    // may repeat what came before if it ignores `last`.
    bool synthesized = false;
};

struct ListPage
{
    QStringList items;
    std::optional<ListCursor> next;
    int rejected = 0; // names the registry sent that are not valid names (skipped)
};

// One page of /v2/_catalog or /v2/<name>/tags/list.
class ListPageJob : public Job
{
    Q_OBJECT

public:
    ListPageJob(RegistrySession *session, ListCursor cursor);
    const ListCursor &cursor() const { return m_cursor; }

Q_SIGNALS:
    void finished(const berth::client::ClientResult<berth::client::ListPage> &result);

protected:
    void run() override;
    void emitFailure(const ClientError &error) override;

private:
    void onResponse(const ClientResult<struct HttpReply> &result);

    ListCursor m_cursor;
};

} // namespace berth::client
