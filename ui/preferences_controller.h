#pragma once

#include <QObject>
#include <QPointer>

class QSettings;
class QWidget;

namespace berth::ui {

class ProfileController;
class RegistryWidget;
class TransferController;

// Settings → Preferences for one window: the dialog, the choices kept
// (local::AppPreferences: only what changed is written), and each applied
// where it is used — the theme at once, the numbers to sessions opened
// from then on, the Transfers list and the layer-index cache. One
// concern, so that the window only routes the action.
class PreferencesController : public QObject
{
    Q_OBJECT

public:
    PreferencesController(QSettings &settings, RegistryWidget *registry,
                          ProfileController *profiles, TransferController *transfer,
                          QWidget *window);

    void open();
    // The saved numbers, where they are used (at start, and after the dialog).
    void apply();

private:
    QSettings &m_settings;
    QPointer<RegistryWidget> m_registry;
    QPointer<ProfileController> m_profiles;
    QPointer<TransferController> m_transfer;
    QWidget *m_window;
};

} // namespace berth::ui
