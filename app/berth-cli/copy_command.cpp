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
    if (m_images[0].reference.isEmpty())
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
    client::CopyRequest request;
    request.fromRepository = m_images[0].repository;
    request.fromReference = m_images[0].reference;
    request.toRepository = m_images[1].repository;
    request.toTag = m_images[1].reference;
    request.overwrite = m_arguments.overwrite;
    request.parallel = m_arguments.parallel;
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
    }
    succeed();
}

void CopyCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was copied."));
}

} // namespace berth::cli
