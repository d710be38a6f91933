#pragma once

#include "client/cached_tags_job.h"
#include "client/mirror_cache.h"
#include "client/mirror_cache_job.h"
#include "client/registry_session.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QToolButton;

namespace berth::ui {

class RepositoryModel;
class TagModel;

// What a berth-registry mirror's cache holds, while one is browsed: a line
// under the repository tree (its size against its bound, how many
// repositories are cached) and the marks of the repository tree and the
// tag table (cached, partly, not cached), refreshed on demand. Hidden,
// and no marks, for any other registry.
class MirrorCacheBar : public QWidget
{
    Q_OBJECT

public:
    MirrorCacheBar(RepositoryModel *repositories, TagModel *tags, QWidget *parent = nullptr);

    // `session` is a mirror (its ping said so): list its cache.
    void start(client::RegistrySession *session);
    // Another registry, or none: no marks.
    void stop();
    // List the cache again, and the tags of the repository shown. The
    // tags alone are listed whenever the tag table changes repository or
    // finishes describing it.
    void refresh();

Q_SIGNALS:
    // Its Refresh button: the registry shown, reloaded whole (new
    // repositories too), which calls refresh().
    void refreshRequested();

private:
    void listRepositories();
    void listTags();
    void onListed(const client::ClientResult<client::MirrorCache> &result);
    void onTagsListed(const client::ClientResult<client::CachedTags> &result);

    RepositoryModel *m_repositories;
    TagModel *m_tags;
    QPointer<client::RegistrySession> m_session;
    QPointer<client::MirrorCacheJob> m_listJob;
    QPointer<client::CachedTagsJob> m_tagsJob;
    QLabel *m_text;
    QToolButton *m_refresh;
};

} // namespace berth::ui
