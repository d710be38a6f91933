#include "export_command.h"

#include "cli_output.h"

#include "client/registry_session.h"

namespace berth::cli {

ExportCommand::ExportCommand(ExportArguments arguments, QSettings &settings,
                             credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(settings, secrets, {arguments.insecure, arguments.caFile}, arguments.quiet,
                    parent)
    , m_arguments(std::move(arguments))
{
}

ExportCommand::~ExportCommand() = default;

void ExportCommand::start()
{
    const auto source = image(m_arguments.source);
    if (!source)
        return;
    m_image = *source;
    if (m_image.reference.isEmpty())
        m_image.reference = QStringLiteral("latest"); // as docker pulls
    if (!m_arguments.platform.isEmpty() &&
        !oci::parsePlatform(m_arguments.platform.toStdString())) {
        fail(kUsage, tr("%1 is no platform (os/arch or os/arch/variant, like linux/arm64/v8).")
                         .arg(m_arguments.platform));
        return;
    }
    if (caFileReadable())
        resolve(m_image, [this](const ResolvedRegistry &registry) { onResolved(registry); });
}

void ExportCommand::onResolved(const ResolvedRegistry &registry)
{
    m_session = std::make_unique<client::RegistrySession>(registry.endpoint,
                                                          client::fixedLogin(registry.credentials));
    transfer::ExportItem item;
    item.repository = m_image.repository;
    item.reference = m_image.reference;
    if (!m_image.reference.contains(QLatin1Char(':'))) // a tag: the name it loads as
        item.imageName = registry.endpoint.hostPort() + QLatin1Char('/') + m_image.repository +
                         QLatin1Char(':') + m_image.reference;
    transfer::ExportRequest request;
    request.items = {item};
    request.path = m_arguments.path;
    request.format = m_arguments.format;
    request.referrers = m_arguments.referrers;
    request.replace = true; // as docker save -o does
    if (!m_arguments.platform.isEmpty())
        request.platform = oci::parsePlatform(m_arguments.platform.toStdString());
    m_job = new transfer::ExportJob(m_session.get(), request);
    connect(m_job, &transfer::ExportJob::progress, this, &ExportCommand::showProgress);
    connect(m_job, &transfer::ExportJob::finished, this, &ExportCommand::onExported);
}

void ExportCommand::showProgress(const transfer::ExportProgress &p)
{
    const qint64 percent = p.bytesTotal > 0 ? p.bytesDone * 100 / p.bytesTotal : 0;
    drawProgress(tr("%1 of %2 (%3%), layers and configurations %4/%5")
                     .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                     .arg(percent)
                     .arg(p.blobsDone)
                     .arg(p.blobs));
}

void ExportCommand::onExported(const client::ClientResult<transfer::ExportSummary> &result)
{
    clearProgress();
    if (!result.ok()) {
        failWith(result.error(),
                 m_arguments.format == archive::LayoutFormat::OciDirectory
                     ? tr("Stopped; %1's index was left as it was (layers already written stay "
                          "in it).")
                           .arg(m_arguments.path)
                     : tr("Stopped; nothing was written to %1.").arg(m_arguments.path));
        return;
    }
    const transfer::ExportSummary &s = result.value();
    if (!m_arguments.quiet) {
        for (const QString &note : s.platformNote)
            printTo(stderr, QStringLiteral("berth-cli: ") + note + QStringLiteral(".\n"));
        const QString referrers = referrersText(s.referrers);
        printTo(stdout,
                tr("Exported %1 (%2)%3 to %4 (%5): %6; layers and configurations: %7 written "
                   "(%8)%9.\n")
                    .arg(m_image.shown(), s.digests.value(0), referrers, m_arguments.path,
                         QString::fromUtf8(archive::layoutFormatName(m_arguments.format).data()),
                         s.manifests == 1 ? tr("1 manifest") : tr("%1 manifests").arg(s.manifests),
                         QString::number(s.blobsWritten), bytes(s.bytesWritten),
                         s.blobsPresent > 0 ? tr(", %1 in the layout already").arg(s.blobsPresent)
                                            : QString()));
    }
    succeed();
}

void ExportCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was written."));
}

} // namespace berth::cli
