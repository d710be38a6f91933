#include "ui/local_registry_controller.h"

#include "credentials/secret_job.h"
#include "credentials/secret_store.h"
#include "local/local_registry.h"
#include "local/store_tasks.h"
#include "ui/local_registry_panel.h"

#include <QMessageBox>

namespace berth::ui {

namespace {

constexpr int kQuitStopTimeoutMs = 5000; // then SIGKILL

} // namespace

LocalRegistryController::LocalRegistryController(QSettings &settings,
                                                 credentials::SecretStore &secrets,
                                                 QWidget *dialogParent)
    : QObject(dialogParent)
    , m_preferences(&settings)
    , m_secrets(secrets)
    , m_dialogParent(dialogParent)
    , m_registry(new local::LocalRegistry(m_preferences.workDirectory(), this))
{
    connect(m_registry, &local::LocalRegistry::stateChanged, this,
            &LocalRegistryController::onStateChanged);
}

void LocalRegistryController::startAtLaunch()
{
    if (m_registry->state() != local::LocalRegistry::State::Stopped ||
        !m_preferences.startAtLaunch())
        return;
    start(m_preferences.load());
}

void LocalRegistryController::start(const local::LocalRegistrySettings &settings)
{
    if (m_secretJob)
        return; // a start is on its way already
    // Each mirror upstream with a login gets its password from the
    // keychain into the registry's environment (never into config.yml).
    QList<std::pair<QString, QString>> wanted; // variable, keychain key
    const QStringList variables = settings.mirror.passwordVariables();
    for (qsizetype i = 0; i < settings.mirror.upstreams.size(); ++i) {
        if (!settings.mirror.upstreams[i].username.isEmpty())
            wanted.append({variables[i], settings.mirror.upstreams[i].secretKey()});
    }
    readSecrets(settings, wanted, {});
}

void LocalRegistryController::readSecrets(const local::LocalRegistrySettings &settings,
                                          QList<std::pair<QString, QString>> wanted,
                                          QHash<QString, QString> found)
{
    if (wanted.isEmpty()) {
        m_registry->start(settings, found);
        return;
    }
    const std::pair<QString, QString> next = wanted.takeFirst();
    const QString variable = next.first;
    const QString key = next.second;
    // Held until it answers (a job that vanished unanswered blocks nothing).
    m_secretJob = m_secrets.read(key);
    connect(m_secretJob, &credentials::SecretJob::finished, this,
            [this, settings, wanted, found, variable, key](const credentials::SecretResult &r) {
                m_secretJob = nullptr;
                if (!r.ok()) {
                    const QString upstream = key.section(QLatin1Char('/'), 1, -2);
                    const QString why =
                        r.error().kind == credentials::SecretError::Kind::NotFound
                            ? tr("The local registry did not start: the keychain has no password "
                                 "for the mirror's upstream %1. Type it in the Mirror tab.")
                                  .arg(upstream)
                            : tr("The local registry did not start: the keychain did not give "
                                 "the password for the mirror's upstream %1 (%2).")
                                  .arg(upstream, r.error().message);
                    Q_EMIT message(why);
                    if (m_panel)
                        m_panel->showProblem(why);
                    return;
                }
                QHash<QString, QString> more = found;
                more.insert(variable, r.value());
                readSecrets(settings, wanted, more);
            });
}

void LocalRegistryController::forgetMirrorLogin(const QString &secretKey)
{
    m_secrets.remove(secretKey); // a password no upstream uses any more leaves the keychain
}

void LocalRegistryController::storeMirrorLogin(const QString &secretKey, const QString &password)
{
    auto *job = m_secrets.write(secretKey, password);
    connect(job, &credentials::SecretJob::finished, this,
            [this, secretKey, password](const credentials::SecretResult &r) {
                QString note = m_secrets.isSessionOnly()
                                   ? tr("No keychain: Berth keeps the password until it quits.")
                                   : tr("The password is in the keychain.");
                if (!r.ok()) {
                    // Said, not hidden: kept in this process only, for this session.
                    m_secrets.rememberForSession(secretKey, password);
                    note = tr("The keychain did not store the password (%1): Berth keeps it "
                              "until it quits, and will ask again next time.")
                               .arg(r.error().message);
                }
                if (m_panel)
                    m_panel->showMirrorNote(note);
                Q_EMIT message(note);
            });
}

void LocalRegistryController::openPanel()
{
    if (m_panel) {
        m_panel->raise();
        m_panel->activateWindow();
        return;
    }
    m_panel = new LocalRegistryPanel(m_registry, m_preferences, m_dialogParent);
    m_panel->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_panel, &LocalRegistryPanel::demoImagesRequested, this,
            &LocalRegistryController::loadDemoImages);
    connect(m_panel, &LocalRegistryPanel::berthLoginChosen, this,
            &LocalRegistryController::berthLoginChosen);
    connect(m_panel, &LocalRegistryPanel::startRequested, this, &LocalRegistryController::start);
    connect(m_panel, &LocalRegistryPanel::mirrorLoginChosen, this,
            &LocalRegistryController::storeMirrorLogin);
    connect(m_panel, &LocalRegistryPanel::mirrorLoginForgotten, this,
            &LocalRegistryController::forgetMirrorLogin);
    m_panel->show();
}

void LocalRegistryController::offerDemoImages()
{
    if (m_registry->state() != local::LocalRegistry::State::Running || m_preferences.demoOffered())
        return;
    m_preferences.setDemoOffered();
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Your local registry is empty"),
        tr("Load a few small demo images into it? They are made on this computer (nothing is "
           "downloaded): a tagged image with a shared tag, a multi-arch image and a series of "
           "dated releases to try retention rules on. Delete them any time."),
        QMessageBox::Yes | QMessageBox::No, m_dialogParent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, &LocalRegistryController::loadDemoImages);
    box->open();
}

void LocalRegistryController::loadDemoImages()
{
    const QString root = m_registry->settings().dataDirectory;
    if (root.isEmpty())
        return;
    Q_EMIT message(tr("Writing demo images into %1…").arg(root));
    local::writeDemoImages(this, root, [this](const QString &error, const QStringList &references) {
        if (!error.isEmpty()) {
            Q_EMIT message(tr("Demo images could not be written: %1").arg(error));
            return;
        }
        // The repositories, not every tag: the status bar holds one line.
        QStringList repositories;
        for (const QString &reference : references)
            repositories << reference.section(QLatin1Char(':'), 0, 0);
        repositories.removeDuplicates();
        Q_EMIT message(
            tr("Loaded %n demo tag(s) into %1.", nullptr, static_cast<int>(references.size()))
                .arg(repositories.join(QStringLiteral(", "))));
        Q_EMIT demoImagesLoaded(references);
    });
}

void LocalRegistryController::useFreePortInstead()
{
    const quint16 instead = m_registry->freePortInstead();
    if (!instead || m_registry->state() != local::LocalRegistry::State::Failed)
        return;
    local::LocalRegistrySettings s = m_preferences.load();
    s.port = instead;
    m_preferences.save(s, m_preferences.keepRunningOnQuit());
    start(s); // listening() then moves the built-in profile there
}

bool LocalRegistryController::mayClose()
{
    if (m_preferences.keepRunningOnQuit())
        return true;
    // SIGTERM lets it finish requests in flight; the window closes once it
    // has gone, and a registry that hangs is killed after a few seconds
    // (the store survives a kill) rather than left behind.
    m_registry->stop(kQuitStopTimeoutMs);
    if (m_registry->state() != local::LocalRegistry::State::Stopping)
        return true;
    m_closeWhenStopped = true;
    Q_EMIT message(tr("Stopping the local registry before quitting…"));
    return false;
}

void LocalRegistryController::onStateChanged()
{
    using State = local::LocalRegistry::State;
    const State state = m_registry->state();
    if (state == State::Failed && m_registry->freePortInstead()) {
        const quint16 instead = m_registry->freePortInstead();
        Q_EMIT portTaken(m_registry->settings().port, instead);
        Q_EMIT message(tr("Port %1 is used by another program, so Berth's local registry did "
                          "not start. <a href=\"use-port\">Use port %2 instead</a>")
                           .arg(m_registry->settings().port)
                           .arg(instead));
    } else if (state == State::Failed) {
        Q_EMIT message(tr("Local registry: %1").arg(m_registry->statusText()));
    }
    if (m_closeWhenStopped && (state == State::Stopped || state == State::Failed)) {
        m_closeWhenStopped = false;
        Q_EMIT closeNow(); // the quit that waited for the registry to stop
        return;
    }
    if (state != State::Running)
        return;
    const local::LocalRegistrySettings s = m_registry->settings();
    const bool tls = !s.tlsCertificate.isEmpty() && !s.tlsKey.isEmpty();
    Q_EMIT listening((tls ? QStringLiteral("https://") : QString()) + s.address + QLatin1Char(':') +
                     QString::number(s.port));
}

} // namespace berth::ui
