#include "ui/local_registry_action.h"

#include "ui/icons.h"
#include "ui/local_registry_controller.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPalette>
#include <QWidget>

namespace berth::ui {

LocalRegistryAction::LocalRegistryAction(LocalRegistryController *controller, QObject *parent)
    : QAction(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("localRegistrySwitch"));
    connect(this, &QAction::triggered, this, &LocalRegistryAction::onTriggered);
    connect(controller->registry(), &local::LocalRegistry::stateChanged, this,
            &LocalRegistryAction::update);
    // The light's colour follows the palette (Preferences → Theme).
    if (auto *window = qobject_cast<QWidget *>(parent))
        window->installEventFilter(this);
    update();
}

bool LocalRegistryAction::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        update();
    return QAction::eventFilter(watched, event);
}

ThemeColors::Role LocalRegistryAction::lightRole(local::LocalRegistry::State state)
{
    using State = local::LocalRegistry::State;
    switch (state) {
    case State::Running:
        return ThemeColors::Role::Running;
    case State::Starting:
    case State::Stopping:
        return ThemeColors::Role::Busy;
    case State::Failed:
        return ThemeColors::Role::Failed;
    case State::Stopped:
        break;
    }
    return ThemeColors::Role::Stopped;
}

void LocalRegistryAction::onTriggered()
{
    local::LocalRegistry *registry = m_controller->registry();
    if (registry->stoppable())
        registry->stop();
    else if (registry->state() != local::LocalRegistry::State::Stopping)
        m_controller->start(m_controller->preferences().load());
}

void LocalRegistryAction::update()
{
    const local::LocalRegistry *registry = m_controller->registry();
    const bool running = registry->stoppable();
    setIcon(Icons::statusLight(
        ThemeColors::color(lightRole(registry->state()), QGuiApplication::palette())));
    setText(running ? tr("Stop local registry") : tr("Start local registry"));
    setIconText(tr("Local registry"));
    setToolTip((running ? tr("%1 — click to stop it.") : tr("%1 — click to start it."))
                   .arg(registry->statusText()));
    setEnabled(registry->state() != local::LocalRegistry::State::Stopping);
}

} // namespace berth::ui
