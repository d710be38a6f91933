#pragma once

#include "local/local_registry.h"
#include "ui/theme_colors.h"

#include <QAction>

namespace berth::ui {

class LocalRegistryController;

// The toolbar's switch for the registry on this machine: its state as a
// light (green running, amber starting or stopping, red failed, grey
// stopped) and in words in the tooltip; triggering it starts the registry
// with its saved settings, or stops it.
class LocalRegistryAction : public QAction
{
    Q_OBJECT
public:
    LocalRegistryAction(LocalRegistryController *controller, QObject *parent);

    // The light's colour for `state` (the panel shows the same).
    static ThemeColors::Role lightRole(local::LocalRegistry::State state);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTriggered();
    void update();

    LocalRegistryController *m_controller;
};

} // namespace berth::ui
