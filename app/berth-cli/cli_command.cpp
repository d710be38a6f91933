#include "cli_command.h"

#include "cli_output.h"

#include "credentials/profile_store.h"

#include <QFileInfo>
#include <QSettings>

#include <unistd.h>

namespace berth::cli {

CliCommandRun::CliCommandRun(QSettings &settings, credentials::SecretStore &secrets,
                             TlsOverride tls, bool quiet, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_tls(std::move(tls))
    , m_quiet(quiet)
{
}

std::optional<CliImage> CliCommandRun::image(const QString &text)
{
    if (!m_profiles)
        m_profiles = credentials::ProfileStore(m_settings).load();
    QStringList names;
    for (const auto &p : std::as_const(*m_profiles))
        names << p.name;
    auto parsed = parseImage(text, names);
    if (!parsed.ok()) {
        fail(kUsage, parsed.error().message);
        return std::nullopt;
    }
    return parsed.value();
}

bool CliCommandRun::caFileReadable()
{
    if (m_tls.caFile.isEmpty() || QFileInfo(m_tls.caFile).isReadable())
        return true;
    fail(kUsage, tr("Cannot read the CA file %1.").arg(m_tls.caFile));
    return false;
}

void CliCommandRun::resolve(const CliImage &image,
                            std::function<void(const ResolvedRegistry &)> done)
{
    if (!m_profiles)
        m_profiles = credentials::ProfileStore(m_settings).load();
    auto *login = new RegistryLogin(*m_profiles, m_secrets, m_tls, this);
    connect(login, &RegistryLogin::warning, this, [](const QString &text) {
        printTo(stderr, QStringLiteral("berth-cli: warning: ") + text + QLatin1Char('\n'));
    });
    connect(login, &RegistryLogin::finished, this,
            [this, done = std::move(done)](const client::ClientResult<ResolvedRegistry> &result) {
                if (!result.ok()) {
                    fail(kFailed, result.error().message);
                    return;
                }
                if (!m_done)
                    done(result.value());
            });
    login->resolve(image);
}

void CliCommandRun::drawProgress(const QString &line)
{
    if (m_quiet || !::isatty(STDERR_FILENO))
        return;
    if (m_progressShown && m_redrawn.isValid() && m_redrawn.elapsed() < 100)
        return;
    m_redrawn.start();
    m_progressShown = true;
    printTo(stderr, QStringLiteral("\r\033[K") + line);
}

void CliCommandRun::clearProgress()
{
    if (m_progressShown)
        printTo(stderr, QStringLiteral("\r\033[K"));
    m_progressShown = false;
}

void CliCommandRun::failWith(const client::ClientError &error, const QString &stopped)
{
    using Kind = client::ClientErrorKind;
    if (m_interrupted) {
        fail(kInterrupted, stopped);
    } else if (error.kind == Kind::Unauthorized || error.kind == Kind::Denied) {
        fail(kFailed, error.message + tr("\nberth-cli logs in with the login of a registry saved "
                                         "in Berth, or with docker's (docker login HOST)."));
    } else if (error.kind == Kind::TagExists) {
        fail(kTagExists, error.message + tr(" --overwrite moves the tag."));
    } else {
        fail(error.kind == Kind::InvalidArgument ? kUsage : kFailed, error.message);
    }
}

QString CliCommandRun::referrersText(int referrers)
{
    if (referrers <= 0)
        return {};
    return referrers == 1 ? tr(", with 1 referrer") : tr(", with %1 referrers").arg(referrers);
}

void CliCommandRun::fail(int exitStatus, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    clearProgress();
    printTo(stderr, QStringLiteral("berth-cli: ") + message + QLatin1Char('\n'));
    Q_EMIT finished(exitStatus);
}

void CliCommandRun::succeed()
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(0);
}

} // namespace berth::cli
