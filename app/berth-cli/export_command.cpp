#include "export_command.h"

#include "cli_output.h"

#include "client/registry_session.h"
#include "credentials/profile_store.h"
#include "credentials/secret_store.h"

#include <QFileInfo>
#include <QSettings>

#include <unistd.h>

namespace berth::cli {

ExportCommand::ExportCommand(ExportArguments arguments, QSettings &settings,
                             credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(parent)
    , m_arguments(std::move(arguments))
    , m_settings(settings)
    , m_secrets(secrets)
{
}

ExportCommand::~ExportCommand() = default;

void ExportCommand::start()
{
    const QList<credentials::RegistryProfile> profiles =
        credentials::ProfileStore(m_settings).load();
    QStringList names;
    for (const auto &p : profiles)
        names << p.name;
    auto image = parseImage(m_arguments.source, names);
    if (!image.ok()) {
        fail(kUsage, image.error().message);
        return;
    }
    m_image = image.value();
    if (m_image.reference.isEmpty())
        m_image.reference = QStringLiteral("latest"); // as docker pulls
    if (!m_arguments.platform.isEmpty() &&
        !oci::parsePlatform(m_arguments.platform.toStdString())) {
        fail(kUsage, tr("%1 is no platform (os/arch or os/arch/variant, like linux/arm64/v8).")
                         .arg(m_arguments.platform));
        return;
    }
    if (!m_arguments.caFile.isEmpty() && !QFileInfo(m_arguments.caFile).isReadable()) {
        fail(kUsage, tr("Cannot read the CA file %1.").arg(m_arguments.caFile));
        return;
    }
    auto *login =
        new RegistryLogin(profiles, m_secrets, {m_arguments.insecure, m_arguments.caFile}, this);
    connect(login, &RegistryLogin::warning, this, [](const QString &text) {
        printTo(stderr, QStringLiteral("berth-cli: warning: ") + text + QLatin1Char('\n'));
    });
    connect(login, &RegistryLogin::finished, this,
            [this](const client::ClientResult<ResolvedRegistry> &result) {
                if (!result.ok()) {
                    fail(kFailed, result.error().message);
                    return;
                }
                onResolved(result.value());
            });
    login->resolve(m_image);
}

void ExportCommand::onResolved(const ResolvedRegistry &registry)
{
    if (m_done)
        return;
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
    if (m_arguments.quiet || !::isatty(STDERR_FILENO))
        return;
    if (m_progressShown && m_redrawn.isValid() && m_redrawn.elapsed() < 100)
        return;
    m_redrawn.start();
    m_progressShown = true;
    const qint64 percent = p.bytesTotal > 0 ? p.bytesDone * 100 / p.bytesTotal : 0;
    printTo(stderr, tr("\r\033[K%1 of %2 (%3%), layers and configurations %4/%5")
                        .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                        .arg(percent)
                        .arg(p.blobsDone)
                        .arg(p.blobs));
}

void ExportCommand::onExported(const client::ClientResult<transfer::ExportSummary> &result)
{
    if (m_progressShown)
        printTo(stderr, QStringLiteral("\r\033[K"));
    if (!result.ok()) {
        QString message = result.error().message;
        if (result.error().kind == client::ClientErrorKind::Unauthorized ||
            result.error().kind == client::ClientErrorKind::Denied)
            message += tr("\nberth-cli logs in with the login of a registry saved in Berth, or "
                          "with docker's (docker login HOST).");
        fail(m_interrupted ? kInterrupted : kFailed,
             !m_interrupted ? message
             : m_arguments.format == archive::LayoutFormat::OciDirectory
                 ? tr("Stopped; %1's index was left as it was (layers already written stay in "
                      "it).")
                       .arg(m_arguments.path)
                 : tr("Stopped; nothing was written to %1.").arg(m_arguments.path));
        return;
    }
    const transfer::ExportSummary &s = result.value();
    if (!m_arguments.quiet) {
        for (const QString &note : s.platformNote)
            printTo(stderr, QStringLiteral("berth-cli: ") + note + QStringLiteral(".\n"));
        QString referrers;
        if (s.referrers > 0)
            referrers = s.referrers == 1 ? tr(", with 1 referrer")
                                         : tr(", with %1 referrers").arg(s.referrers);
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
    m_done = true;
    Q_EMIT finished(0);
}

void ExportCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was written."));
}

void ExportCommand::fail(int exitStatus, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    printTo(stderr, QStringLiteral("berth-cli: ") + message + QLatin1Char('\n'));
    Q_EMIT finished(exitStatus);
}

} // namespace berth::cli
