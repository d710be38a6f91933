#include "copy_command.h"

#include "cli_output.h"

#include "client/registry_session.h"
#include "credentials/profile_store.h"
#include "credentials/secret_store.h"

#include <QFileInfo>
#include <QSettings>

#include <unistd.h>

namespace berth::cli {

CopyCommand::CopyCommand(CopyArguments arguments, QSettings &settings,
                         credentials::SecretStore &secrets, QObject *parent)
    : CliCommandRun(parent)
    , m_arguments(std::move(arguments))
    , m_settings(settings)
    , m_secrets(secrets)
{
}

CopyCommand::~CopyCommand() = default;

void CopyCommand::start()
{
    const QList<credentials::RegistryProfile> profiles =
        credentials::ProfileStore(m_settings).load();
    QStringList names;
    for (const auto &p : profiles)
        names << p.name;
    const QString texts[2] = {m_arguments.source, m_arguments.destination};
    for (int side = 0; side < 2; ++side) {
        auto image = parseImage(texts[side], names);
        if (!image.ok()) {
            fail(kUsage, image.error().message);
            return;
        }
        m_images[side] = image.value();
    }
    if (!m_arguments.caFile.isEmpty() && !QFileInfo(m_arguments.caFile).isReadable()) {
        fail(kUsage, tr("Cannot read the CA file %1.").arg(m_arguments.caFile));
        return;
    }
    if (m_images[1].reference.contains(QLatin1Char(':'))) {
        fail(kUsage, tr("The destination takes a tag, not a digest: %1").arg(m_images[1].shown()));
        return;
    }
    if (m_images[0].reference.isEmpty())
        m_images[0].reference = QStringLiteral("latest"); // as docker pulls
    for (int side = 0; side < 2; ++side) {
        auto *login = new RegistryLogin(profiles, m_secrets,
                                        {m_arguments.insecure, m_arguments.caFile}, this);
        connect(login, &RegistryLogin::warning, this, [](const QString &text) {
            printTo(stderr, QStringLiteral("berth-cli: warning: ") + text + QLatin1Char('\n'));
        });
        connect(login, &RegistryLogin::finished, this,
                [this, side](const client::ClientResult<ResolvedRegistry> &result) {
                    if (!result.ok()) {
                        fail(kFailed, result.error().message);
                        return;
                    }
                    m_resolved[side] = result.value();
                    onResolved();
                });
        login->resolve(m_images[side]);
    }
}

void CopyCommand::onResolved()
{
    if (m_done || !m_resolved[0] || !m_resolved[1])
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
    if (m_arguments.quiet || !::isatty(STDERR_FILENO))
        return;
    // A terminal line, redrawn at most ten times a second.
    if (m_progressShown && m_redrawn.isValid() && m_redrawn.elapsed() < 100)
        return;
    m_redrawn.start();
    m_progressShown = true;
    const qint64 percent = p.bytesTotal > 0 ? p.bytesDone * 100 / p.bytesTotal : 0;
    printTo(stderr, tr("\r\033[K%1 of %2 (%3%), layers and configurations %4/%5, manifests %6/%7")
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
    if (m_progressShown)
        printTo(stderr, QStringLiteral("\r\033[K"));
    if (!result.ok()) {
        const client::ClientError &error = result.error();
        QString message = error.message;
        if (error.kind == client::ClientErrorKind::Unauthorized ||
            error.kind == client::ClientErrorKind::Denied)
            message = tr("%1\nberth-cli logs in with the login of a registry saved in Berth, or "
                         "with docker's (docker login HOST).")
                          .arg(error.message);
        else if (error.kind == client::ClientErrorKind::TagExists)
            message += tr(" --overwrite moves the tag.");
        const int status = m_interrupted                                      ? kInterrupted
                           : error.kind == client::ClientErrorKind::TagExists ? kTagExists
                                                                              : kFailed;
        fail(status, m_interrupted ? tr("Stopped; nothing was tagged.") : message);
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
    m_done = true;
    Q_EMIT finished(0);
}

void CopyCommand::cancel()
{
    m_interrupted = true;
    if (m_job)
        m_job->cancel();
    else
        fail(kInterrupted, tr("Stopped; nothing was copied."));
}

void CopyCommand::fail(int exitStatus, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    printTo(stderr, QStringLiteral("berth-cli: ") + message + QLatin1Char('\n'));
    Q_EMIT finished(exitStatus);
}

} // namespace berth::cli
