#include "client/copy_tags_job.h"

#include "client/list_page_job.h"
#include "client/registry_session.h"

#include <algorithm>

namespace berth::client {

int CopyTagsSummary::copied() const
{
    return static_cast<int>(std::count_if(tags.begin(), tags.end(), [](const TagCopyOutcome &t) {
        return !t.error && !t.summary.unchanged;
    }));
}

int CopyTagsSummary::unchanged() const
{
    return static_cast<int>(std::count_if(tags.begin(), tags.end(), [](const TagCopyOutcome &t) {
        return !t.error && t.summary.unchanged;
    }));
}

int CopyTagsSummary::failed() const
{
    return static_cast<int>(
        std::count_if(tags.begin(), tags.end(), [](const TagCopyOutcome &t) { return t.error; }));
}

qint64 CopyTagsSummary::bytesCopied() const
{
    qint64 bytes = 0;
    for (const TagCopyOutcome &t : tags)
        bytes += t.summary.bytesCopied;
    return bytes;
}

int CopyTagsSummary::retries() const
{
    int n = 0;
    for (const TagCopyOutcome &t : tags)
        n += t.summary.retries;
    return n;
}

namespace {

// A failure of this tag alone: the next tag may well copy.
bool concernsOnlyTheTag(ClientErrorKind kind)
{
    switch (kind) {
    case ClientErrorKind::NotFound:
    case ClientErrorKind::TagExists:
    case ClientErrorKind::TagMoved:
    case ClientErrorKind::InvalidResponse:
    case ClientErrorKind::DigestMismatch:
    case ClientErrorKind::TooLarge:
    case ClientErrorKind::Http:
    case ClientErrorKind::InvalidArgument: // a platform this image lacks
        return true;
    default:
        return false;
    }
}

} // namespace

CopyTagsJob::CopyTagsJob(RegistrySession *source, RegistrySession *target, CopyTagsRequest request)
    : Job(target)
    , m_source(source)
    , m_request(std::move(request))
{
}

CopyTagsJob::~CopyTagsJob()
{
    // The tags are listed by a job of the source's session: it goes with
    // that session, and is stopped when this copy ends first.
    if (m_list) {
        m_list->disconnect(this);
        m_list->cancel();
    }
}

void CopyTagsJob::emitFailure(const ClientError &error)
{
    Q_EMIT finished(error);
}

void CopyTagsJob::run()
{
    if (!checkRepository(m_request.fromRepository) || !checkRepository(m_request.toRepository))
        return;
    if (!m_source) {
        fail(registryDisconnected(tr("The source registry")));
        return;
    }
    if (m_source != session()) // its jobs go with it: so does this copy
        connect(m_source, &QObject::destroyed, this,
                [this] { fail(registryDisconnected(tr("The source registry"))); });
    const bool several = m_request.everyTag || m_request.tags.size() > 1;
    if (several && !m_request.toTag.isEmpty()) {
        fail({ClientErrorKind::InvalidArgument,
              tr("A new tag name is for one tag; several tags keep their names."),
              0,
              {},
              {}});
        return;
    }
    if (const auto bad = CopyJob::invalidPlatform(m_request.platforms)) {
        fail(*bad);
        return;
    }
    if (CopyJob::sameRegistry(m_source, session()) &&
        m_request.fromRepository == m_request.toRepository &&
        (m_request.toTag.isEmpty() ||
         (m_request.tags.size() == 1 && m_request.toTag == m_request.tags.first()))) {
        fail({ClientErrorKind::InvalidArgument,
              tr("The tags of %1 are there already: choose another repository, registry or tag.")
                  .arg(m_request.toRepository),
              0,
              {},
              {}});
        return;
    }
    if (!m_request.pattern.isValid()) {
        fail({ClientErrorKind::InvalidArgument,
              tr("The tag filter is not a valid regular expression: %1")
                  .arg(m_request.pattern.error()),
              0,
              {},
              {}});
        return;
    }
    if (!m_request.everyTag && m_request.tags.isEmpty()) {
        fail({ClientErrorKind::InvalidArgument, tr("No tag to copy was given."), 0, {}, {}});
        return;
    }
    if (!m_request.everyTag) {
        m_progress.tags = static_cast<int>(m_request.tags.size());
        nextTag();
        return;
    }
    m_request.tags.clear();
    m_list = m_source->listTags(m_request.fromRepository);
    connect(m_list, &ListPageJob::finished, this, &CopyTagsJob::onPage);
}

void CopyTagsJob::onPage(const ClientResult<ListPage> &page)
{
    if (isFinished())
        return;
    if (!page.ok()) {
        fail(page.error());
        return;
    }
    for (const QString &tag : page->items) {
        if (m_request.pattern.matches(tag) && !m_listed.contains(tag)) {
            m_listed.insert(tag);
            m_request.tags.append(tag);
        }
    }
    if (page->next) {
        m_list = m_source->listPage(*page->next);
        connect(m_list, &ListPageJob::finished, this, &CopyTagsJob::onPage);
        return;
    }
    if (m_request.tags.isEmpty()) {
        fail({ClientErrorKind::NotFound,
              m_request.pattern.isEmpty()
                  ? tr("%1 has no tags to copy.").arg(m_request.fromRepository)
                  : tr("No tag of %1 matches “%2”.")
                        .arg(m_request.fromRepository, m_request.pattern.text()),
              0,
              {},
              {}});
        return;
    }
    m_progress.tags = static_cast<int>(m_request.tags.size());
    nextTag();
}

void CopyTagsJob::nextTag()
{
    if (isFinished())
        return;
    if (m_progress.tagsDone >= m_request.tags.size()) {
        if (beginFinish())
            Q_EMIT finished(m_summary);
        return;
    }
    const QString tag = m_request.tags[m_progress.tagsDone];
    CopyRequest request;
    request.fromRepository = m_request.fromRepository;
    request.fromReference = m_request.pinned.value(tag, tag);
    request.toRepository = m_request.toRepository;
    request.toTag = m_request.toTag.isEmpty() ? tag : m_request.toTag;
    request.overwrite = m_request.overwrite;
    request.parallel = m_request.parallel;
    request.referrers = m_request.referrers;
    request.platforms = m_request.platforms;
    m_progress.tag = tag;
    m_progress.image = {};
    Q_EMIT progress(m_progress);
    m_copy = new CopyJob(m_source, session(), request);
    m_copy->setParent(this);
    const qint64 before = m_progress.bytesCopied;
    connect(m_copy, &CopyJob::progress, this, [this, before](const CopyProgress &p) {
        m_progress.image = p;
        m_progress.bytesCopied = before + p.bytesCopied;
        Q_EMIT progress(m_progress);
    });
    connect(m_copy, &CopyJob::finished, this, &CopyTagsJob::onCopied);
}

void CopyTagsJob::onCopied(const ClientResult<CopySummary> &result)
{
    if (isFinished())
        return;
    const QString tag = m_request.tags[m_progress.tagsDone];
    TagCopyOutcome outcome{tag, m_request.toTag.isEmpty() ? tag : m_request.toTag, {}, {}};
    if (result.ok()) {
        outcome.summary = result.value();
    } else if (concernsOnlyTheTag(result.error().kind)) {
        outcome.error = result.error();
    } else {
        fail(result.error());
        return;
    }
    m_summary.tags.append(outcome);
    Q_EMIT tagFinished(outcome);
    ++m_progress.tagsDone;
    nextTag();
}

} // namespace berth::client
