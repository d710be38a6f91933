#include "import_command.h"

#include "cli_output.h"

#include "client/registry_session.h"

#include <QFileInfo>

namespace berth::cli {

ImportCommand::ImportCommand(ImportArguments arguments, QSettings &settings,
                             credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(settings, secrets, {arguments.insecure, arguments.caFile}, arguments.quiet,
                    parent)
    , m_arguments(std::move(arguments))
{
}

ImportCommand::~ImportCommand() = default;

void ImportCommand::start()
{
    const auto destination = image(m_arguments.destination);
    if (!destination)
        return;
    m_image = *destination;
    if (m_image.reference.contains(QLatin1Char(':'))) {
        fail(kUsage, tr("The destination takes a tag, not a digest: %1").arg(m_image.shown()));
        return;
    }
    if (!QFileInfo::exists(m_arguments.path)) {
        fail(kUsage, tr("%1 does not exist.").arg(m_arguments.path));
        return;
    }
    if (caFileReadable())
        resolve(m_image, [this](const ResolvedRegistry &registry) { onResolved(registry); });
}

void ImportCommand::onResolved(const ResolvedRegistry &registry)
{
    m_session = std::make_unique<client::RegistrySession>(registry.endpoint,
                                                          client::fixedLogin(registry.credentials));
    transfer::ImportRequest request;
    request.path = m_arguments.path;
    request.image = m_arguments.image;
    request.repository = m_image.repository;
    request.tag = m_image.reference;
    request.overwrite = m_arguments.overwrite;
    m_job = new transfer::ImportJob(m_session.get(), request);
    connect(m_job, &transfer::ImportJob::progress, this, &ImportCommand::showProgress);
    connect(m_job, &transfer::ImportJob::finished, this, &ImportCommand::onImported);
}

void ImportCommand::showProgress(const transfer::ImportProgress &p)
{
    const qint64 percent = p.bytesTotal > 0 ? p.bytesDone * 100 / p.bytesTotal : 0;
    if (p.checking) {
        drawProgress(tr("checking the archive: %1 of %2 (%3%)")
                         .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                         .arg(percent));
        return;
    }
    drawProgress(tr("%1 of %2 (%3%), layers and configurations %4/%5")
                     .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                     .arg(percent)
                     .arg(p.blobsDone)
                     .arg(p.blobs));
}

void ImportCommand::onImported(const client::ClientResult<transfer::ImportSummary> &result)
{
    clearProgress();
    if (!result.ok()) {
        failWith(result.error(), tr("Stopped; nothing was tagged."));
        return;
    }
    const transfer::ImportSummary &s = result.value();
    if (!m_arguments.quiet) {
        const QString to = m_image.registry + QLatin1Char('/') + m_image.repository +
                           (s.tag.isEmpty() ? QString() : QLatin1Char(':') + s.tag);
        const QString referrers = referrersText(s.referrers);
        printTo(stdout,
                tr("Imported %1 (%2)%3 from %4%5: %6; layers and configurations: %7 "
                   "uploaded (%8), %9 there already.\n")
                    .arg(to, s.digest, referrers, m_arguments.path,
                         s.tag.isEmpty() ? tr(", untagged (give the destination a tag to name it)")
                                         : QString())
                    .arg(s.manifests == 1 ? tr("1 manifest") : tr("%1 manifests").arg(s.manifests))
                    .arg(s.blobsUploaded)
                    .arg(bytes(s.bytesUploaded))
                    .arg(s.blobsPresent));
    }
    succeed();
}

void ImportCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was tagged."));
}

} // namespace berth::cli
