#include "ui/local_registry_controller.h"

#include "local/local_registry.h"
#include "local/store_tasks.h"
#include "ui/local_registry_panel.h"

#include <QMessageBox>

namespace berth::ui {

namespace {

constexpr int kQuitStopTimeoutMs = 5000; // then SIGKILL

} // namespace

LocalRegistryController::LocalRegistryController(QSettings &settings, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_preferences(&settings)
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
    m_registry->start(m_preferences.load());
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
        Q_EMIT message(tr("Loaded %1 demo tags: %2")
                           .arg(references.size())
                           .arg(references.join(QStringLiteral(", "))));
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
    m_registry->start(s); // listening() then moves the built-in profile there
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
