#include "ui/mirror_cache_bar.h"

#include "ui/repository_model.h"
#include "ui/size_format.h"
#include "ui/tag_model.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QToolButton>

namespace berth::ui {

namespace {

template <class Job> void drop(QPointer<Job> &job, QObject *receiver)
{
    if (!job)
        return;
    QObject::disconnect(job, nullptr, receiver, nullptr);
    job->cancel();
    job = nullptr;
}

} // namespace

MirrorCacheBar::MirrorCacheBar(RepositoryModel *repositories, TagModel *tags, QWidget *parent)
    : QWidget(parent)
    , m_repositories(repositories)
    , m_tags(tags)
    , m_text(new QLabel(this))
    , m_refresh(new QToolButton(this))
{
    m_text->setObjectName(QStringLiteral("mirrorCacheSummary"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_refresh->setObjectName(QStringLiteral("mirrorCacheRefresh"));
    m_refresh->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Reload the repositories and read the mirror's cache again"));
    m_refresh->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_refresh, 0, Qt::AlignTop);
    connect(m_refresh, &QToolButton::clicked, this, &MirrorCacheBar::refreshRequested);
    // The tag table shows another repository, or the one shown was just
    // described (through a mirror, which stored its manifests): mark its tags.
    connect(m_tags, &QAbstractItemModel::modelReset, this, &MirrorCacheBar::listTags);
    connect(m_tags, &TagModel::describedAll, this, &MirrorCacheBar::listTags);
    setVisible(false);
}

void MirrorCacheBar::start(client::RegistrySession *session)
{
    stop();
    m_session = session;
    setVisible(true);
    refresh();
}

void MirrorCacheBar::stop()
{
    drop(m_listJob, this);
    drop(m_tagsJob, this);
    m_session = nullptr;
    m_repositories->clearCache();
    m_tags->clearCache();
    m_text->clear();
    setVisible(false);
}

void MirrorCacheBar::refresh()
{
    if (!m_session)
        return;
    listRepositories();
    listTags();
}

void MirrorCacheBar::listRepositories()
{
    drop(m_listJob, this);
    if (m_text->text().isEmpty())
        m_text->setText(tr("Mirror cache: reading…"));
    m_listJob = new client::MirrorCacheJob(m_session);
    connect(m_listJob, &client::MirrorCacheJob::finished, this, &MirrorCacheBar::onListed);
}

void MirrorCacheBar::listTags()
{
    drop(m_tagsJob, this);
    if (!m_session || m_tags->repository().isEmpty())
        return;
    m_tagsJob = new client::CachedTagsJob(m_session, m_tags->repository());
    connect(m_tagsJob, &client::CachedTagsJob::finished, this, &MirrorCacheBar::onTagsListed);
}

void MirrorCacheBar::onListed(const client::ClientResult<client::MirrorCache> &result)
{
    m_listJob = nullptr;
    if (!result.ok()) {
        m_repositories->clearCache(); // no marks from an earlier listing
        m_text->setText(
            tr("Mirror cache: could not be read. %1").arg(result.error().message.toHtmlEscaped()));
        m_text->setToolTip(result.error().detail.toHtmlEscaped());
        return;
    }
    m_repositories->setCache(result->repositories);
    int mirrored = 0;
    for (const client::CachedRepository &r : result->repositories)
        mirrored += r.isLocal() ? 0 : 1;
    const int local = static_cast<int>(result->repositories.size()) - mirrored;
    // Non-breaking spaces: a narrow pane wraps between phrases, not inside.
    const auto keep = [](QString text) -> QString {
        return text.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
    };
    QString size = keep(formatBytes(result->storeBytes));
    if (result->maxSize > 0) {
        const qint64 percent = result->storeBytes * 100 / result->maxSize;
        const QString share =
            percent == 0 && result->storeBytes > 0 ? tr("<1%") : tr("%1%").arg(percent);
        size = tr("%1 of %2 (%3)").arg(size, keep(formatBytes(result->maxSize)), keep(share));
    }
    m_text->setText(tr("<b>Mirror cache</b> %1<br>%2, %3")
                        .arg(size, keep(tr("%n repository(s) cached", nullptr, mirrored)),
                             keep(tr("%1 local").arg(local))));
    m_text->setToolTip(
        tr("Everything the registry stores, cached and local: what its size bound "
           "(proxy.maxsize) counts. Greyed repositories are only at the upstream. Browsing "
           "describes tags through the mirror, which stores their manifests and "
           "configuration: tags you looked at are partly cached."));
}

void MirrorCacheBar::onTagsListed(const client::ClientResult<client::CachedTags> &result)
{
    m_tagsJob = nullptr;
    if (result.ok()) {
        m_tags->setCache(*result);
        // In the store now (browsing it stored its manifests), not when the
        // cache was listed: the listing, and its line, are read again.
        const QModelIndex shown = m_repositories->indexForRepository(result->repository);
        if (shown.data(RepositoryModel::CacheStateRole).toString() == QLatin1String("not cached"))
            listRepositories();
        return;
    }
    if (result.error().registryCode == QLatin1String("NAME_UNKNOWN")) {
        // Nothing of it stored yet: every tag is "not cached".
        client::CachedTags none;
        none.repository = m_tags->repository();
        m_tags->setCache(none);
        return;
    }
    m_tags->clearCache();
}

} // namespace berth::ui
