#include "ui/preferences_controller.h"

#include "inspect/layer_cache_location.h"
#include "local/app_preferences.h"
#include "ui/app_theme.h"
#include "ui/preferences_dialog.h"
#include "ui/profile_controller.h"
#include "ui/registry_widget.h"
#include "ui/transfer_controller.h"

#include <QSettings>
#include <QWidget>

namespace berth::ui {

PreferencesController::PreferencesController(QSettings &settings, RegistryWidget *registry,
                                             ProfileController *profiles,
                                             TransferController *transfer, QWidget *window)
    : QObject(window)
    , m_settings(settings)
    , m_registry(registry)
    , m_profiles(profiles)
    , m_transfer(transfer)
    , m_window(window)
{
}

void PreferencesController::apply()
{
    const local::AppPreferences preferences(&m_settings);
    if (m_registry)
        m_registry->setRequestsAtOnce(preferences.requestsAtOnce());
    if (m_profiles)
        m_profiles->setRequestsAtOnce(preferences.requestsAtOnce());
    if (m_transfer)
        m_transfer->setParallelism(preferences.copiesAtOnce(), preferences.layersAtOnce());
    inspect::setLayerCacheLimit(std::int64_t{preferences.layerCacheMiB()} << 20);
}

void PreferencesController::open()
{
    const local::AppPreferences saved(&m_settings);
    auto *dialog =
        new PreferencesDialog({saved.language(), saved.theme(), saved.requestsAtOnce(),
                               saved.copiesAtOnce(), saved.layersAtOnce(), saved.layerCacheMiB()},
                              m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // Each write syncs the settings file to disk: only what changed.
        local::AppPreferences preferences(&m_settings);
        const PreferencesDialog::Choices chosen = dialog->choices();
        if (chosen.language != preferences.language())
            preferences.setLanguage(chosen.language);
        if (chosen.theme != preferences.theme()) {
            preferences.setTheme(chosen.theme);
            AppTheme::apply(chosen.theme); // at once
        }
        if (chosen.requestsAtOnce != preferences.requestsAtOnce())
            preferences.setRequestsAtOnce(chosen.requestsAtOnce);
        if (chosen.copiesAtOnce != preferences.copiesAtOnce())
            preferences.setCopiesAtOnce(chosen.copiesAtOnce);
        if (chosen.layersAtOnce != preferences.layersAtOnce())
            preferences.setLayersAtOnce(chosen.layersAtOnce);
        if (chosen.layerCacheMiB != preferences.layerCacheMiB())
            preferences.setLayerCacheMiB(chosen.layerCacheMiB);
        apply();
    });
    dialog->open();
}

} // namespace berth::ui
