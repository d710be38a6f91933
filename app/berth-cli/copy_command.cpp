#include "copy_command.h"

#include "cli_output.h"

#include "client/registry_session.h"

namespace berth::cli {

CopyCommand::CopyCommand(CopyArguments arguments, QSettings &settings,
                         credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(settings, secrets, {arguments.insecure, arguments.caFile}, arguments.quiet,
                    parent)
    , m_arguments(std::move(arguments))
{
}

CopyCommand::~CopyCommand() = default;

void CopyCommand::start()
{
    const QString texts[2] = {m_arguments.source, m_arguments.destination};
    for (int side = 0; side < 2; ++side) {
        const auto named = image(texts[side]);
        if (!named)
            return;
        m_images[side] = *named;
    }
    if (!caFileReadable())
        return;
    if (m_images[1].reference.contains(QLatin1Char(':'))) {
        fail(kUsage, tr("The destination takes a tag, not a digest: %1").arg(m_images[1].shown()));
        return;
    }
    if (m_arguments.allTags) {
        for (const CliImage &named : m_images) {
            if (!named.reference.isEmpty()) {
                fail(kUsage,
                     tr("With --all-tags, name repositories without a tag: %1").arg(named.shown()));
                return;
            }
        }
    }
    if (m_images[0].reference.isEmpty() && !m_arguments.allTags)
        m_images[0].reference = QStringLiteral("latest"); // as docker pulls
    for (int side = 0; side < 2; ++side) {
        resolve(m_images[side], [this, side](const ResolvedRegistry &registry) {
            m_resolved[side] = registry;
            onResolved();
        });
    }
}

void CopyCommand::onResolved()
{
    if (isDone() || !m_resolved[0] || !m_resolved[1])
        return;
    for (int side = 0; side < 2; ++side)
        m_sessions[side] = std::make_unique<client::RegistrySession>(
            m_resolved[side]->endpoint, client::fixedLogin(m_resolved[side]->credentials));
    if (m_arguments.allTags) {
        copyTags();
        return;
    }
    client::CopyRequest request;
    request.fromRepository = m_images[0].repository;
    request.fromReference = m_images[0].reference;
    request.toRepository = m_images[1].repository;
    request.toTag = m_images[1].reference;
    request.overwrite = m_arguments.overwrite;
    request.parallel = m_arguments.parallel;
    request.referrers = m_arguments.referrers;
    request.platforms = m_arguments.platforms;
    m_job = new client::CopyJob(m_sessions[0].get(), m_sessions[1].get(), request);
    connect(m_job, &client::CopyJob::progress, this, &CopyCommand::showProgress);
    connect(m_job, &client::CopyJob::finished, this, &CopyCommand::onCopied);
}

void CopyCommand::showProgress(const client::CopyProgress &p)
{
    const qint64 percent = p.bytesTotal > 0 ? p.bytesDone * 100 / p.bytesTotal : 0;
    drawProgress(tr("%1 of %2 (%3%), layers and configurations %4/%5, manifests %6/%7")
                     .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                     .arg(percent)
                     .arg(p.blobsDone)
                     .arg(p.blobs)
                     .arg(p.manifestsDone)
                     .arg(p.manifests));
}

QString CopyCommand::destinationTag() const
{
    if (!m_images[1].reference.isEmpty())
        return m_images[1].reference;
    // The source's tag; none when it was named by digest.
    return m_images[0].reference.contains(QLatin1Char(':')) ? QString() : m_images[0].reference;
}

void CopyCommand::onCopied(const client::ClientResult<client::CopySummary> &result)
{
    clearProgress();
    if (!result.ok()) {
        failWith(result.error(), tr("Stopped; nothing was tagged."));
        return;
    }
    const client::CopySummary &s = result.value();
    if (!m_arguments.quiet) {
        const QString tag = destinationTag();
        const QString to = m_images[1].registry + QLatin1Char('/') + m_images[1].repository +
                           (tag.isEmpty() ? QString() : QLatin1Char(':') + tag);
        const bool untagged = tag.isEmpty();
        if (s.unchanged)
            printTo(stdout, tr("%1 is %2 already: nothing to do.\n").arg(to, s.digest));
        else
            printTo(
                stdout,
                tr("Copied %1 to %2 (%3)%4: %5; layers and configurations: %6 copied (%7), "
                   "%8 linked, %9 there already.\n")
                    .arg(m_images[0].shown(), to, s.digest,
                         untagged ? tr(", untagged (give the destination a tag to name it)")
                                  : QString(),
                         s.manifests == 1 ? tr("1 manifest") : tr("%1 manifests").arg(s.manifests))
                    .arg(s.blobsCopied)
                    .arg(bytes(s.bytesCopied))
                    .arg(s.blobsMounted)
                    .arg(s.blobsPresent));
        for (const QString &warning : s.warnings)
            printTo(stderr, tr("berth-cli: warning: %1\n").arg(warning));
        if (!s.sourceDigest.isEmpty())
            printTo(stdout,
                    s.platforms.size() == 1
                        ? tr("Only %1: that platform's image, not the index %2 it is part of.\n")
                              .arg(s.platforms.first(), s.sourceDigest)
                        : tr("Only %1: a new index with its own digest, not the source's %2.\n")
                              .arg(s.platforms.join(QStringLiteral(", ")), s.sourceDigest));
    }
    succeed();
}

void CopyCommand::copyTags()
{
    client::CopyTagsRequest request;
    request.fromRepository = m_images[0].repository;
    request.everyTag = true;
    request.pattern = client::TagPattern(m_arguments.tagsPattern, true);
    request.toRepository = m_images[1].repository;
    request.overwrite = m_arguments.overwrite;
    request.parallel = m_arguments.parallel;
    request.referrers = m_arguments.referrers;
    request.platforms = m_arguments.platforms;
    m_tagsJob = new client::CopyTagsJob(m_sessions[0].get(), m_sessions[1].get(), request);
    connect(m_tagsJob, &client::CopyTagsJob::progress, this, &CopyCommand::showTagsProgress);
    connect(m_tagsJob, &client::CopyTagsJob::tagFinished, this, &CopyCommand::onTagFinished);
    connect(m_tagsJob, &client::CopyTagsJob::finished, this, &CopyCommand::onTagsCopied);
}

void CopyCommand::showTagsProgress(const client::CopyTagsProgress &p)
{
    if (p.tags == 0) {
        drawProgress(tr("listing the tags of %1").arg(m_images[0].repository));
        return;
    }
    const qint64 percent =
        p.image.bytesTotal > 0 ? p.image.bytesDone * 100 / p.image.bytesTotal : 0;
    drawProgress(tr("tag %1 of %2 (%3): %4 of %5 (%6%)")
                     .arg(p.tagsDone + 1)
                     .arg(p.tags)
                     .arg(p.tag, bytes(p.image.bytesDone), bytes(p.image.bytesTotal))
                     .arg(percent));
}

// Each tag as it ends: a line on stdout, or on stderr when it failed.
void CopyCommand::onTagFinished(const client::TagCopyOutcome &t)
{
    clearProgress();
    if (t.error) {
        m_onlyTagsElsewhere &= t.error->kind == client::ClientErrorKind::TagExists;
        printTo(stderr, tr("berth-cli: %1: %2\n").arg(t.tag, t.error->message));
        return;
    }
    if (!m_arguments.quiet)
        printTo(stdout, t.summary.unchanged ? tr("%1: already there\n").arg(t.tag)
                                            : tr("%1: copied (%2 streamed)%3\n")
                                                  .arg(t.tag, bytes(t.summary.bytesCopied),
                                                       referrersText(t.summary.referrers)));
    for (const QString &warning : t.summary.warnings)
        printTo(stderr, tr("berth-cli: warning: %1: %2\n").arg(t.tag, warning));
}

// The count, and the exit status: 3 when every failure is a tag pointing
// at another image, else 1.
void CopyCommand::onTagsCopied(const client::ClientResult<client::CopyTagsSummary> &result)
{
    clearProgress();
    if (!result.ok()) {
        failWith(result.error(), tr("Stopped; the tags copied by then stay, none is half-tagged."));
        return;
    }
    const client::CopyTagsSummary &s = result.value();
    if (!m_arguments.quiet || s.failed() > 0)
        printTo(s.failed() > 0 ? stderr : stdout,
                tr("%1: %2 copied, %3 already there, %4 failed.\n")
                    .arg(s.tags.size() == 1 ? tr("1 tag") : tr("%1 tags").arg(s.tags.size()))
                    .arg(s.copied())
                    .arg(s.unchanged())
                    .arg(s.failed()));
    if (s.failed() == 0)
        succeed();
    else
        fail(m_onlyTagsElsewhere ? kTagExists : kFailed,
             m_onlyTagsElsewhere
                 ? tr("Some tags point at other images there; --overwrite moves them.")
                 : tr("Some tags were not copied."));
}

void CopyCommand::cancel()
{
    m_interrupted = true;
    if (m_tagsJob)
        m_tagsJob->cancel();
    else if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was copied."));
}

} // namespace berth::cli
