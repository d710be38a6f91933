#include "import_command.h"

#include "cli_output.h"

#include "client/registry_session.h"
#include "credentials/profile_store.h"
#include "credentials/secret_store.h"

#include <QFileInfo>
#include <QSettings>

#include <unistd.h>

namespace berth::cli {

ImportCommand::ImportCommand(ImportArguments arguments, QSettings &settings,
                             credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(parent)
    , m_arguments(std::move(arguments))
    , m_settings(settings)
    , m_secrets(secrets)
{
}

ImportCommand::~ImportCommand() = default;

void ImportCommand::start()
{
    const QList<credentials::RegistryProfile> profiles =
        credentials::ProfileStore(m_settings).load();
    QStringList names;
    for (const auto &p : profiles)
        names << p.name;
    auto image = parseImage(m_arguments.destination, names);
    if (!image.ok()) {
        fail(kUsage, image.error().message);
        return;
    }
    m_image = image.value();
    if (m_image.reference.contains(QLatin1Char(':'))) {
        fail(kUsage, tr("The destination takes a tag, not a digest: %1").arg(m_image.shown()));
        return;
    }
    if (!QFileInfo::exists(m_arguments.path)) {
        fail(kUsage, tr("%1 does not exist.").arg(m_arguments.path));
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

void ImportCommand::onResolved(const ResolvedRegistry &registry)
{
    if (m_done)
        return;
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
    if (m_arguments.quiet || !::isatty(STDERR_FILENO))
        return;
    if (m_progressShown && m_redrawn.isValid() && m_redrawn.elapsed() < 100)
        return;
    m_redrawn.start();
    m_progressShown = true;
    const qint64 percent = p.bytesTotal > 0 ? p.bytesDone * 100 / p.bytesTotal : 0;
    if (p.checking) {
        printTo(stderr, tr("\r\033[Kchecking the archive: %1 of %2 (%3%)")
                            .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                            .arg(percent));
        return;
    }
    printTo(stderr, tr("\r\033[K%1 of %2 (%3%), layers and configurations %4/%5")
                        .arg(bytes(p.bytesDone), bytes(p.bytesTotal))
                        .arg(percent)
                        .arg(p.blobsDone)
                        .arg(p.blobs));
}

void ImportCommand::onImported(const client::ClientResult<transfer::ImportSummary> &result)
{
    if (m_progressShown)
        printTo(stderr, QStringLiteral("\r\033[K"));
    if (!result.ok()) {
        const client::ClientError &error = result.error();
        QString message = error.message;
        if (error.kind == client::ClientErrorKind::Unauthorized ||
            error.kind == client::ClientErrorKind::Denied)
            message += tr("\nberth-cli logs in with the login of a registry saved in Berth, or "
                          "with docker's (docker login HOST).");
        else if (error.kind == client::ClientErrorKind::TagExists)
            message += tr(" --overwrite moves the tag.");
        const int status = m_interrupted                                            ? kInterrupted
                           : error.kind == client::ClientErrorKind::TagExists       ? kTagExists
                           : error.kind == client::ClientErrorKind::InvalidArgument ? kUsage
                                                                                    : kFailed;
        fail(status, m_interrupted ? tr("Stopped; nothing was tagged.") : message);
        return;
    }
    const transfer::ImportSummary &s = result.value();
    if (!m_arguments.quiet) {
        const QString to = m_image.registry + QLatin1Char('/') + m_image.repository +
                           (s.tag.isEmpty() ? QString() : QLatin1Char(':') + s.tag);
        QString referrers;
        if (s.referrers > 0)
            referrers = s.referrers == 1 ? tr(", with 1 referrer")
                                         : tr(", with %1 referrers").arg(s.referrers);
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
    m_done = true;
    Q_EMIT finished(0);
}

void ImportCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was tagged."));
}

void ImportCommand::fail(int exitStatus, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    printTo(stderr, QStringLiteral("berth-cli: ") + message + QLatin1Char('\n'));
    Q_EMIT finished(exitStatus);
}

} // namespace berth::cli
